/// Produces the canonical text of a quantity, following the API server's rules:
/// - zero is `0`;
/// - binary quantities print with the largest power-of-1024 suffix that keeps an integer, but fall
///   back to decimal when the amount is below 1024 in magnitude or has a fractional part;
/// - decimal quantities print as the smallest integer mantissa with an exponent that is a multiple
///   of three (`1500m`, `1k`, `2M`), using SI letters or `e<n>` for scientific input.
enum QuantityFormatter {
    private static let decimalLetters: [Int: String] = [
        -9: "n", -6: "u", -3: "m", 0: "", 3: "k", 6: "M", 9: "G", 12: "T", 15: "P", 18: "E",
    ]
    private static let binaryLetters = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"]

    static func canonical(_ quantity: Quantity) -> String {
        let milli = quantity.milli
        if milli == 0 { return "0" }
        var format = quantity.format
        if format == .binarySI, (milli > -1_024_000 && milli < 1_024_000) || milli % 1000 != 0 {
            format = .decimalSI
        }
        if format == .binarySI {
            var units = milli / 1000
            var power = 0
            while power < 6, units % 1024 == 0 {
                units /= 1024
                power += 1
            }
            return "\(units)\(binaryLetters[power])"
        }
        var mantissa = milli
        var exponent = -3
        while mantissa % 10 == 0 {
            mantissa /= 10
            exponent += 1
        }
        let misalignment = ((exponent % 3) + 3) % 3
        for _ in 0..<misalignment { mantissa *= 10 }
        exponent -= misalignment
        if format == .decimalSI, let letter = decimalLetters[exponent] {
            return "\(mantissa)\(letter)"
        }
        return exponent == 0 ? "\(mantissa)" : "\(mantissa)e\(exponent)"
    }
}
