import COpenSSL
import Foundation

/// SHA-256 and HMAC-SHA256 through libcrypto's one-shot functions, plus lower-case hex encoding.
///
/// One-shot calls keep no OpenSSL state between uses, so these functions are safe from any thread.
package enum Digest {
    /// Length in bytes of a SHA-256 digest and of an HMAC-SHA256 tag.
    package static let length = 32

    /// The SHA-256 digest of `bytes`.
    package static func sha256<Bytes: ContiguousBytes>(_ bytes: Bytes) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: length)
        bytes.withUnsafeBytes { input in
            out.withUnsafeMutableBufferPointer { output in
                var written: UInt32 = 0
                _ = EVP_Digest(input.baseAddress, input.count, output.baseAddress, &written, EVP_sha256(), nil)
            }
        }
        return out
    }

    /// The SHA-256 digest of the UTF-8 bytes of `text`.
    package static func sha256(_ text: String) -> [UInt8] {
        var text = text
        return text.withUTF8 { sha256(UnsafeRawBufferPointer($0)) }
    }

    /// HMAC-SHA256 of `message` under `key`.
    package static func hmac<Key: ContiguousBytes, Message: ContiguousBytes>(key: Key, _ message: Message) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: length)
        key.withUnsafeBytes { keyBytes in
            message.withUnsafeBytes { messageBytes in
                out.withUnsafeMutableBufferPointer { output in
                    var written: UInt32 = 0
                    _ = HMAC(
                        EVP_sha256(), keyBytes.baseAddress, Int32(keyBytes.count),
                        messageBytes.baseAddress?.assumingMemoryBound(to: UInt8.self), messageBytes.count,
                        output.baseAddress, &written
                    )
                }
            }
        }
        return out
    }

    /// HMAC-SHA256 of the UTF-8 bytes of `message` under `key`.
    package static func hmac<Key: ContiguousBytes>(key: Key, _ message: String) -> [UInt8] {
        var message = message
        return message.withUTF8 { hmac(key: key, UnsafeRawBufferPointer($0)) }
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
