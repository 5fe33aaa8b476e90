/// A string that must never be printed: AWS secret access keys, session tokens, web-identity tokens.
///
/// Every textual representation (`description`, `debugDescription`, string interpolation, `dump`,
/// reflection) yields `<redacted>`, so a secret that slips into a log line or an error message shows up
/// as a placeholder instead of the value. The value is read only through ``revealed``, which makes each
/// legitimate use (signing, the wire) explicit and easy to audit with `grep revealed`.
package struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private let storage: String

    /// Wraps `value`; the wrapper never exposes it except through ``revealed``.
    package init(_ value: String) { storage = value }

    /// The underlying value, for the few places that must put it on the wire or into a MAC.
    package var revealed: String { storage }

    /// True when the secret holds no characters (an unset variable or empty file).
    package var isEmpty: Bool { storage.isEmpty }

    /// Always `<redacted>`.
    package var description: String { "<redacted>" }

    /// Always `<redacted>`.
    package var debugDescription: String { "<redacted>" }

    /// A mirror with no children, so `dump` and reflection-based loggers see nothing.
    package var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
