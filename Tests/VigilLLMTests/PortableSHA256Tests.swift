import Testing
import VigilCore

@Suite struct PortableSHA256Tests {
    @Test func knownVectors() {
        #expect(PortableSHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(PortableSHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        // Two blocks: the padding spills into a second 64-byte block.
        #expect(PortableSHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func lengthsAroundTheBlockBoundary() {
        // 55, 56 and 64 bytes hit every padding branch; digests must differ and be 64 hex digits.
        let digests = [55, 56, 63, 64, 65].map { PortableSHA256.hex([UInt8](repeating: 0x61, count: $0)) }
        #expect(Set(digests).count == 5)
        #expect(digests.allSatisfy { $0.count == 64 })
        #expect(digests[1] == "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a")
    }
}
