import SigV4
import Testing

/// SHA-256 (FIPS 180-2) and HMAC-SHA256 (RFC 4231) vectors, including a key longer than a block.
@Suite struct DigestTests {
    @Test func sha256Vectors() {
        #expect(Digest.hex(Digest.sha256("")) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Digest.hex(Digest.sha256("abc")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    struct HMACCase: CustomTestStringConvertible, Sendable {
        let name: String
        let key: [UInt8]
        let message: String
        let expected: String
        var testDescription: String { name }
    }

    @Test(arguments: [
        HMACCase(name: "RFC 4231 case 1", key: Array(repeating: 0x0B, count: 20), message: "Hi There",
                 expected: "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        HMACCase(name: "RFC 4231 case 2", key: Array("Jefe".utf8), message: "what do ya want for nothing?",
                 expected: "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        HMACCase(name: "RFC 4231 case 6 (131-byte key)", key: Array(repeating: 0xAA, count: 131),
                 message: "Test Using Larger Than Block-Size Key - Hash Key First",
                 expected: "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
    ])
    func hmacVectors(_ sample: HMACCase) {
        #expect(Digest.hex(Digest.hmac(key: sample.key, sample.message)) == sample.expected)
    }
}
