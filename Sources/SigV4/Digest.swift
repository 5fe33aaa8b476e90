import COpenSSL
import Foundation

/// SHA-256 and HMAC-SHA256 on libcrypto, plus lower-case hex encoding.
///
/// The SHA-256 implementation is fetched from the default provider once and shared: OpenSSL 3 makes
/// fetched `EVP_MD` objects immutable and thread-safe, and the implicit fetch that the legacy
/// `EVP_sha256()`/`HMAC()` one-shots perform on every call cost more than the hashing itself.
/// HMAC is built from two SHA-256 passes exactly as RFC 2104 defines it.
package enum Digest {
    /// Length in bytes of a SHA-256 digest and of an HMAC-SHA256 tag.
    package static let length = 32
    private static let blockSize = 64

    /// The fetched SHA-256 implementation; nil only if libcrypto has no default provider (then the
    /// legacy accessor is used, which is slower but equivalent).
    nonisolated(unsafe) private static let sha256Implementation: OpaquePointer? = EVP_MD_fetch(nil, "SHA256", nil)

    private static var algorithm: OpaquePointer? { sha256Implementation ?? EVP_sha256() }

    /// The SHA-256 digest of `bytes`.
    package static func sha256<Bytes: ContiguousBytes>(_ bytes: Bytes) -> [UInt8] {
        bytes.withUnsafeBytes { input in hash([input]) }
    }

    /// The SHA-256 digest of the UTF-8 bytes of `text`.
    package static func sha256(_ text: String) -> [UInt8] {
        var text = text
        return text.withUTF8 { hash([UnsafeRawBufferPointer($0)]) }
    }

    /// HMAC-SHA256 of `message` under `key` (RFC 2104).
    package static func hmac<Key: ContiguousBytes, Message: ContiguousBytes>(key: Key, _ message: Message) -> [UInt8] {
        message.withUnsafeBytes { messageBytes in hmac(key: key, parts: messageBytes) }
    }

    /// HMAC-SHA256 of the UTF-8 bytes of `message` under `key`.
    package static func hmac<Key: ContiguousBytes>(key: Key, _ message: String) -> [UInt8] {
        var message = message
        return message.withUTF8 { hmac(key: key, parts: UnsafeRawBufferPointer($0)) }
    }

    private static func hmac<Key: ContiguousBytes>(key: Key, parts message: UnsafeRawBufferPointer) -> [UInt8] {
        var block = [UInt8](repeating: 0, count: blockSize)
        key.withUnsafeBytes { keyBytes in
            if keyBytes.count > blockSize {
                let hashed = hash([keyBytes])
                block.replaceSubrange(0..<length, with: hashed)
            } else {
                for index in 0..<keyBytes.count { block[index] = keyBytes[index] }
            }
        }
        let inner = block.map { $0 ^ 0x36 }
        let outer = block.map { $0 ^ 0x5C }
        let innerHash = inner.withUnsafeBytes { pad in hash([pad, message]) }
        return outer.withUnsafeBytes { pad in innerHash.withUnsafeBytes { hash([pad, $0]) } }
    }

    /// SHA-256 over the concatenation of `parts`.
    private static func hash(_ parts: [UnsafeRawBufferPointer]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: length)
        guard let context = EVP_MD_CTX_new() else { return out }
        defer { EVP_MD_CTX_free(context) }
        _ = EVP_DigestInit_ex(context, algorithm, nil)
        for part in parts where part.count > 0 {
            _ = EVP_DigestUpdate(context, part.baseAddress, part.count)
        }
        out.withUnsafeMutableBufferPointer { output in
            var written: UInt32 = 0
            _ = EVP_DigestFinal_ex(context, output.baseAddress, &written)
        }
        return out
    }

    /// Lower-case hexadecimal text of `bytes`, as SigV4 writes hashes and signatures.
    package static func hex(_ bytes: [UInt8]) -> String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        return String(unsafeUninitializedCapacity: bytes.count * 2) { buffer in
            var index = 0
            for byte in bytes {
                buffer[index] = digits[Int(byte >> 4)]
                buffer[index + 1] = digits[Int(byte & 0x0F)]
                index += 2
            }
            return index
        }
    }
}
