import Foundation
import Testing
@testable import PasswordHashing

@Suite("BLAKE2b (RFC 7693)")
struct BLAKE2bTests {
    @Test("published and reference digests")
    func vectors() throws {
        let doc = try TestResources.json("blake2b-vectors")
        let cases = try #require(doc["cases"] as? [[String: Any]])
        #expect(cases.count > 40)
        for c in cases {
            let message = Hex.decode(c["message"] as! String)
            let length = c["digestLength"] as! Int
            #expect(Hex.encode(BLAKE2b.hash(message, digestLength: length)) == c["digest"] as! String,
                    "message of \(message.count) bytes, digest \(length)")
        }
    }

    @Test("feeding in pieces gives the same digest as at once")
    func incremental() {
        let message = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        for split in [0, 1, 127, 128, 129, 256, 300] {
            var b = BLAKE2b(digestLength: 64)
            b.update(message[..<split])
            b.update(message[split...])
            #expect(b.finalize() == BLAKE2b.hash(message, digestLength: 64))
        }
    }
}
