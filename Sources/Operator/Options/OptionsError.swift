/// Every problem found in the settings, reported together so a user fixes them in one go.
package struct OptionsError: Error, Equatable, CustomStringConvertible {
    /// One line per invalid setting, each naming the variable, the flag and the accepted form.
    package var problems: [String]

    package var description: String {
        "invalid settings:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}
