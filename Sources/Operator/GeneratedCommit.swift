// Rewritten by `make build` with the short commit SHA; committed with a neutral value.
enum GeneratedCommit {
    static let value = "unknown"
}
