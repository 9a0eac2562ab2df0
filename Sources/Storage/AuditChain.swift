import Crypto
import Foundation

/// The tamper-evident chain of the audit log.
///
/// Each entry's MAC is HMAC-SHA256, under a key kept outside the database, of the previous entry's MAC and
/// the entry's canonical encoding (sequence, time, kind, account, user ID, address, operator, details, each
/// length-prefixed). Editing, deleting, inserting or reordering entries breaks the chain at that point; the
/// head record (last sequence and MAC, itself MACed) catches removal of entries from the end. Without the key,
/// nobody with write access to the database can produce a chain that verifies.
public struct AuditChain: Sendable {
    /// The MAC the first entry chains to.
    public static let genesis = [UInt8](repeating: 0, count: 32)

    private let key: SymmetricKey

    /// Creates a chain under `key`, which must hold at least 32 bytes of secret, random material.
    public init(key: [UInt8]) throws {
        guard key.count >= 32 else {
            throw StoreError(.invalidConfiguration, "the audit key must have at least 32 bytes")
        }
        self.key = SymmetricKey(data: key)
    }

    /// The entry for `event` at `sequence`, chained to `previousMAC`.
    public func seal(_ event: AuditEvent, sequence: Int64, previousMAC: [UInt8]) -> AuditEntry {
        AuditEntry(sequence: sequence, event: event, previousMAC: previousMAC,
                   mac: mac(of: event, sequence: sequence, previousMAC: previousMAC))
    }

    /// The head record after `entry`.
    public func head(after entry: AuditEntry) -> AuditHead {
        AuditHead(sequence: entry.sequence, mac: entry.mac, headMAC: headMAC(sequence: entry.sequence, mac: entry.mac))
    }

    /// The head record of an empty log.
    public var emptyHead: AuditHead {
        AuditHead(sequence: 0, mac: Self.genesis, headMAC: headMAC(sequence: 0, mac: Self.genesis))
    }

    func mac(of event: AuditEvent, sequence: Int64, previousMAC: [UInt8]) -> [UInt8] {
        var hmac = HMAC<SHA256>(key: key)
        hmac.update(data: Array("moat-audit-entry-v1".utf8))
        hmac.update(data: previousMAC)
        hmac.update(data: Self.encode(event, sequence: sequence))
        return Array(hmac.finalize())
    }

    func headMAC(sequence: Int64, mac: [UInt8]) -> [UInt8] {
        var hmac = HMAC<SHA256>(key: key)
        hmac.update(data: Array("moat-audit-head-v1".utf8))
        hmac.update(data: Self.field(String(sequence)))
        hmac.update(data: mac)
        return Array(hmac.finalize())
    }

    /// Canonical bytes of an entry: every field length-prefixed, details sorted by key.
    static func encode(_ event: AuditEvent, sequence: Int64) -> [UInt8] {
        var out: [UInt8] = []
        out += field(String(sequence))
        out += field(String(event.time.millisecondsSince1970))
        out += field(event.kind.rawValue)
        for optional in [event.accountID, event.userID, event.clientAddress, event.operatorID] {
            if let value = optional { out += [1] + field(value) } else { out += [0] }
        }
        out += field(String(event.details.count))
        for (key, value) in event.details.sorted(by: { $0.key < $1.key }) {
            out += field(key) + field(value)
        }
        return out
    }

    private static func field(_ text: String) -> [UInt8] {
        let bytes = Array(text.utf8)
        let n = UInt32(bytes.count)
        return [UInt8(n >> 24), UInt8(truncatingIfNeeded: n >> 16), UInt8(truncatingIfNeeded: n >> 8), UInt8(truncatingIfNeeded: n)] + bytes
    }

    /// Checks entries one after another, in sequence order, without holding them all in memory.
    public struct Verifier: Sendable {
        private let chain: AuditChain
        private var expectedSequence: Int64 = 1
        private var previousMAC = AuditChain.genesis
        /// Entries checked so far.
        public private(set) var count: Int64 = 0
        /// The first broken entry found, if any; checking stops there.
        public private(set) var failure: AuditVerification.Failure?

        /// Starts a check from the first entry.
        public init(chain: AuditChain) { self.chain = chain }

        /// Checks the next entry.
        public mutating func consume(_ entry: AuditEntry) {
            guard failure == nil else { return }
            if entry.sequence != expectedSequence {
                failure = .init(sequence: entry.sequence, reason: entry.sequence > expectedSequence
                    ? "entry \(expectedSequence) is missing" : "entry out of order or duplicated")
                return
            }
            if entry.previousMAC != previousMAC {
                failure = .init(sequence: entry.sequence, reason: "does not chain to the previous entry")
                return
            }
            let expected = chain.mac(of: entry.event, sequence: entry.sequence, previousMAC: entry.previousMAC)
            if !constantTimeEqual(expected, entry.mac) {
                failure = .init(sequence: entry.sequence, reason: "content does not match its MAC (edited)")
                return
            }
            previousMAC = entry.mac
            expectedSequence += 1
            count += 1
        }

        /// The verdict, given the stored head record.
        public func finish(head: AuditHead) -> AuditVerification {
            if let failure { return .broken(failure) }
            guard constantTimeEqual(chain.headMAC(sequence: head.sequence, mac: head.mac), head.headMAC) else {
                return .broken(.init(sequence: head.sequence, reason: "the head record was altered"))
            }
            guard head.sequence == count, head.mac == previousMAC else {
                return .broken(.init(sequence: count + 1, reason: head.sequence > count
                    ? "entries \(count + 1) to \(head.sequence) were removed" : "entries after the recorded head"))
            }
            return .intact(entries: count)
        }
    }
}

/// The last entry's sequence and MAC, stored beside the log and MACed, so that truncation is detected.
public struct AuditHead: Sendable, Hashable, Codable {
    public var sequence: Int64
    public var mac: [UInt8]
    public var headMAC: [UInt8]

    /// Creates a head record as read from a store.
    public init(sequence: Int64, mac: [UInt8], headMAC: [UInt8]) {
        self.sequence = sequence
        self.mac = mac
        self.headMAC = headMAC
    }
}

/// The verdict of checking the audit chain.
public enum AuditVerification: Sendable, Hashable {
    /// Every entry is in place and unaltered.
    case intact(entries: Int64)
    /// The chain breaks at an entry.
    case broken(Failure)

    /// Where and why the chain breaks.
    public struct Failure: Sendable, Hashable {
        /// The first entry that does not verify.
        public var sequence: Int64
        /// What is wrong with it.
        public var reason: String
    }
}

func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    guard a.count == b.count else { return false }
    var difference: UInt8 = 0
    for i in a.indices { difference |= a[i] ^ b[i] }
    return difference == 0
}
