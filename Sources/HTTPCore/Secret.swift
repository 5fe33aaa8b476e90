/// A credential (AWS secret key, session token, bearer token) that cannot be printed.
///
/// Every way Swift turns a value into text — interpolation, `String(describing:)`,
/// `String(reflecting:)`, `dump`, and logging metadata built from them — yields `<redacted>`.
/// The only way to read the value is ``reveal()``, which call sites use exactly where the secret
/// must go on the wire (a signature, a header), so a leak has to be written on purpose.
package struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private let value: String

    /// Wraps `value`.
    package init(_ value: String) { self.value = value }

    /// The secret text, for the one place that must send or sign with it.
    package func reveal() -> String { value }

    /// True when the secret is the empty string.
    package var isEmpty: Bool { value.isEmpty }

    /// Always `<redacted>`.
    package var description: String { "<redacted>" }

    /// Always `<redacted>`.
    package var debugDescription: String { "<redacted>" }

    /// A mirror with no children, so `dump` and reflection reveal nothing.
    package var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
