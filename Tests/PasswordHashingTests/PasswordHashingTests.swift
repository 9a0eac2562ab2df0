import Foundation
import Testing
@testable import PasswordHashing

@Suite struct QuickRFC {
    @Test func vectors() throws {
        for (v, hex) in [(Argon2.Variant.argon2d, "512b391b6f1162975371d30919734294f868e3be3984f3c1a13a4db9fabe4acb"),
                         (.argon2i, "c814d9d1dc7f37aa13f0d77f2494bda1c8de6b016dd388d29952a4c4672b6ce8"),
                         (.argon2id, "0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659")] {
            let tag = try Argon2.hash(password: [UInt8](repeating: 1, count: 32), salt: [UInt8](repeating: 2, count: 16),
                                      secret: [UInt8](repeating: 3, count: 8), associatedData: [UInt8](repeating: 4, count: 12),
                                      parameters: .init(variant: v, memoryKiB: 32, iterations: 3, parallelism: 4, tagLength: 32))
            #expect(tag.map { String(format: "%02x", $0) }.joined() == hex)
        }
    }
}
