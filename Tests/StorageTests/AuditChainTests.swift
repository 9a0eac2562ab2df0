import Foundation
import Testing
@testable import Storage

@Suite("Audit chain (no I/O)")
struct AuditChainTests {
    static let key = [UInt8](repeating: 0x5A, count: 32)

    static func log(_ count: Int, chain: AuditChain) -> ([AuditEntry], AuditHead) {
        var entries: [AuditEntry] = []
        var previous = AuditChain.genesis
        for i in 1...count {
            let event = AuditEvent(kind: i.isMultiple(of: 2) ? .loginFailed : .loginSucceeded,
                                   time: Date(millisecondsSince1970: 1_700_000_000_000 + Int64(i)),
                                   accountID: "acct-\(i % 3)", clientAddress: "192.0.2.\(i)", details: ["n": String(i)])
            let entry = chain.seal(event, sequence: Int64(i), previousMAC: previous)
            entries.append(entry)
            previous = entry.mac
        }
        return (entries, chain.head(after: entries.last!))
    }

    static func verify(_ entries: [AuditEntry], _ head: AuditHead, chain: AuditChain) -> AuditVerification {
        var verifier = AuditChain.Verifier(chain: chain)
        for entry in entries { verifier.consume(entry) }
        return verifier.finish(head: head)
    }

    @Test("an untouched chain verifies")
    func intact() throws {
        let chain = try AuditChain(key: Self.key)
        let (entries, head) = Self.log(10, chain: chain)
        #expect(Self.verify(entries, head, chain: chain) == .intact(entries: 10))
        #expect(Self.verify([], chain.emptyHead, chain: chain) == .intact(entries: 0))
    }

    @Test("edits, deletions, insertions, reordering and truncation are detected at the right entry")
    func tampering() throws {
        let chain = try AuditChain(key: Self.key)
        let (entries, head) = Self.log(10, chain: chain)

        var edited = entries
        edited[4].event.clientAddress = "203.0.113.9"
        #expect(Self.verify(edited, head, chain: chain).brokenSequence == 5)

        var detail = entries
        detail[6].event.details["n"] = "x"
        #expect(Self.verify(detail, head, chain: chain).brokenSequence == 7)

        var deleted = entries
        deleted.remove(at: 3)
        #expect(Self.verify(deleted, head, chain: chain).brokenSequence == 5)

        var swapped = entries
        swapped.swapAt(2, 3)
        #expect(Self.verify(swapped, head, chain: chain).brokenSequence == 4)

        var inserted = entries
        inserted.insert(chain.seal(AuditEvent(kind: .unlocked, time: Date()), sequence: 4, previousMAC: entries[2].mac), at: 3)
        #expect(Self.verify(inserted, head, chain: chain).brokenSequence != nil)

        let truncated = Array(entries.prefix(8))
        #expect(Self.verify(truncated, head, chain: chain).brokenSequence == 9)

        var forgedHead = chain.head(after: entries[7])
        forgedHead.headMAC[0] ^= 1
        #expect(Self.verify(truncated, forgedHead, chain: chain).brokenSequence == 8)
        // A truncation with a correctly MACed head needs the key: with the key it verifies, which is the point.
        #expect(Self.verify(truncated, chain.head(after: entries[7]), chain: chain) == .intact(entries: 8))
    }

    @Test("a chain made under another key does not verify")
    func otherKey() throws {
        let (entries, head) = Self.log(3, chain: try AuditChain(key: [UInt8](repeating: 1, count: 32)))
        #expect(Self.verify(entries, head, chain: try AuditChain(key: Self.key)).brokenSequence == 1)
    }

    @Test("keys shorter than 32 bytes are refused")
    func shortKey() {
        #expect(throws: StoreError.self) { try AuditChain(key: [UInt8](repeating: 1, count: 31)) }
    }

    @Test("the canonical encoding separates fields unambiguously")
    func encoding() {
        let time = Date(millisecondsSince1970: 1)
        let a = AuditEvent(kind: .loginFailed, time: time, accountID: "ab", userID: "c")
        let b = AuditEvent(kind: .loginFailed, time: time, accountID: "a", userID: "bc")
        let c = AuditEvent(kind: .loginFailed, time: time, accountID: nil, userID: "abc")
        let d = AuditEvent(kind: .loginFailed, time: time, details: ["k": "v=w"])
        let e = AuditEvent(kind: .loginFailed, time: time, details: ["k=v": "w"])
        let encodings = [a, b, c, d, e].map { AuditChain.encode($0, sequence: 1) }
        #expect(Set(encodings).count == 5)
    }
}

extension AuditVerification {
    var brokenSequence: Int64? {
        if case let .broken(failure) = self { return failure.sequence }
        return nil
    }
}
