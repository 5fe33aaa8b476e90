import ArgumentParser
import Foundation
import KubeModel

/// `karpenter convert`: rewrites Karpenter v1beta1 manifests (NodePool, NodeClaim, EC2NodeClass)
/// as v1, the way the API server's conversion would, and passes other documents through.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert Karpenter v1beta1 manifests to v1 (multi-document YAML in, YAML out).",
        discussion: """
            Reads each -f file in order (use - for standard input) and writes the converted documents \
            to standard output, separated by ---. Documents that are not Karpenter v1beta1 kinds are \
            passed through unchanged. Errors name the file, the document (counting from 1) and the field.
            """
    )

    @Option(name: [.customShort("f"), .customLong("filename")], help: "A manifest file, or - for standard input. Repeatable.")
    var files: [String] = []

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one manifest with -f FILE (or -f - for standard input)") }
    }

    func run() throws {
        var outputs: [String] = []
        for file in files {
            let text: String
            do {
                text = try Self.read(file)
            } catch {
                FileHandle.standardError.write(Data("karpenter convert: cannot read \(file): \(error.localizedDescription)\n".utf8))
                throw ExitCode(1)
            }
            do {
                outputs.append(try ManifestConverter.convertToV1(text))
            } catch {
                FileHandle.standardError.write(Data("karpenter convert: \(file == "-" ? "standard input" : file): \(error.description)\n".utf8))
                throw ExitCode(1)
            }
        }
        let joined = outputs.map { $0.hasSuffix("\n") ? $0 : $0 + "\n" }.joined(separator: "---\n")
        FileHandle.standardOutput.write(Data(joined.utf8))
    }

    private static func read(_ file: String) throws -> String {
        if file == "-" {
            return String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        }
        return try String(contentsOfFile: file, encoding: .utf8)
    }
}
