import Foundation
import Testing
@testable import PasswordHashing

@Suite("Argon2 (RFC 9106)")
struct Argon2Tests {
    @Test("RFC 9106 section 5 test vectors", arguments: Argon2.Variant.allCases)
    func rfcVectors(variant: Argon2.Variant) throws {
        let doc = try TestResources.json("rfc9106-argon2")
        let tags = try #require(doc["tags"] as? [String: String])
        let tag = try Argon2.hash(
            password: Hex.decode(doc["password"] as! String), salt: Hex.decode(doc["salt"] as! String),
            secret: Hex.decode(doc["secret"] as! String), associatedData: Hex.decode(doc["associatedData"] as! String),
            parameters: .init(variant: variant, memoryKiB: UInt32(doc["memoryKiB"] as! Int),
                              iterations: UInt32(doc["iterations"] as! Int), parallelism: UInt32(doc["parallelism"] as! Int),
                              tagLength: doc["tagLength"] as! Int))
        #expect(Hex.encode(tag) == tags[variant.rawValue])
    }

    @Test("variable-length hash H' for tags above 64 bytes has the requested length and prefix-independence")
    func longTags() throws {
        let p = Argon2.Parameters(variant: .argon2id, memoryKiB: 64, iterations: 1, parallelism: 1, tagLength: 65)
        let a = try Argon2.hash(password: [1], salt: [UInt8](repeating: 2, count: 8), parameters: p)
        var q = p
        q.tagLength = 128
        let b = try Argon2.hash(password: [1], salt: [UInt8](repeating: 2, count: 8), parameters: q)
        #expect(a.count == 65 && b.count == 128)
        // The tag length is an input of H0, so a longer tag is not an extension of a shorter one.
        #expect(Array(b.prefix(65)) != a)
    }

    @Test("out-of-range parameters are refused before any work")
    func invalidParameters() {
        let salt = [UInt8](repeating: 0, count: 16)
        let bad: [(Argon2.Parameters, [UInt8])] = [
            (.init(variant: .argon2id, memoryKiB: 64, iterations: 0, parallelism: 1, tagLength: 32), salt),
            (.init(variant: .argon2id, memoryKiB: 64, iterations: 1, parallelism: 0, tagLength: 32), salt),
            (.init(variant: .argon2id, memoryKiB: 15, iterations: 1, parallelism: 2, tagLength: 32), salt),
            (.init(variant: .argon2id, memoryKiB: 64, iterations: 1, parallelism: 1, tagLength: 3), salt),
            (.init(variant: .argon2id, memoryKiB: 64, iterations: 1, parallelism: 1, tagLength: Argon2.maximumTagLength + 1), salt),
            (.init(variant: .argon2id, memoryKiB: 64, iterations: 1, parallelism: 1 << 24, tagLength: 32), salt),
            (.init(variant: .argon2id, memoryKiB: 64, iterations: 1, parallelism: 1, tagLength: 32), [1, 2, 3, 4, 5, 6, 7]),
        ]
        for (parameters, salt) in bad {
            #expect(throws: PasswordHashingError.self) {
                try Argon2.hash(password: [1], salt: salt, parameters: parameters)
            }
            do {
                _ = try Argon2.hash(password: [1], salt: salt, parameters: parameters)
            } catch let error as PasswordHashingError {
                #expect(error.code == .invalidParameters)
            } catch {
                Issue.record("unexpected error \(error)")
            }
        }
    }

    @Test("parallel lanes give the same tag run after run (no race between lanes)",
          arguments: [1, 2, 3, 4, 8] as [UInt32])
    func parallelDeterminism(lanes: UInt32) throws {
        let p = Argon2.Parameters(variant: .argon2id, memoryKiB: 256, iterations: 2, parallelism: lanes, tagLength: 32)
        let first = try Argon2.hash(password: Array("pw".utf8), salt: [UInt8](repeating: 9, count: 16), parameters: p)
        for _ in 0..<5 {
            #expect(try Argon2.hash(password: Array("pw".utf8), salt: [UInt8](repeating: 9, count: 16), parameters: p) == first)
        }
    }
}

@Suite("Argon2 memory pool")
struct Argon2MemoryPoolTests {
    @Test("areas come back wiped, and the pool keeps no more than its bounds")
    func boundedAndWiped() throws {
        let pool = Argon2MemoryPool(maximumCachedBytes: 2 * 4096 + 1000, maximumCachedAreas: 2)
        let areas = (0..<4).map { _ in pool.acquire(byteCount: 4096)! }
        for area in areas { area.initializeMemory(as: UInt8.self, repeating: 0xAB, count: 4096) }
        for area in areas { pool.release(area, byteCount: 4096) }
        #expect(pool.cached.areas == 2)
        #expect(pool.cached.bytes == 2 * 4096)
        let again = try #require(pool.acquire(byteCount: 4096))
        let bytes = UnsafeRawBufferPointer(start: again, count: 4096)
        #expect(bytes.allSatisfy { $0 == 0 })
        #expect(pool.cached.areas == 1)
        // Another size is never handed out for this one.
        let other = try #require(pool.acquire(byteCount: 8192))
        #expect(pool.cached.areas == 1)
        pool.release(other, byteCount: 8192) // 8 KiB does not fit beside the cached 4 KiB: freed
        #expect(pool.cached.bytes == 4096)
        pool.release(again, byteCount: 4096)
    }
}
