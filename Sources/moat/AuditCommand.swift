import AccountSecurity
import ArgumentParser
import Foundation
import Storage

/// `moat audit`: check and export the tamper-evident audit log.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Check and export the audit log.",
        subcommands: [Verify.self, Export.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the whole hash chain and name the first broken entry.",
            discussion: "Exit codes: 0 intact, 1 broken (the first broken entry is named), 2 bad input.")

        @OptionGroup var options: DataOptions

        func run() async throws {
            let verdict = try await options.withStore { store, chain in
                var verifier = AuditChain.Verifier(chain: chain)
                var next: Int64 = 1
                while true {
                    let page = try await store.auditEntries(from: next, limit: 1_000)
                    for entry in page { verifier.consume(entry) }
                    guard let last = page.last, verifier.failure == nil else { break }
                    next = last.sequence + 1
                }
                return verifier.finish(head: try await store.auditHead())
            }
            switch verdict {
            case let .intact(entries):
                print("intact: \(entries) entries")
            case let .broken(failure):
                print("broken at entry \(failure.sequence): \(failure.reason)")
                throw ExitCode(1)
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write audit entries as JSON lines.",
            discussion: "Exit codes: 0 written, 2 bad input.")

        @OptionGroup var options: DataOptions

        @Option(help: "Only entries at or after this time (YYYY-MM-DD or an ISO 8601 date and time).")
        var since: String?

        @Option(help: "Only entries of this account (user ID or internal account id).")
        var account: String?

        func run() async throws {
            let start = try since.map(Self.parseTime)
            try await options.withStore { store, _ in
                var accountID: String?
                if let account {
                    if let key = UserKey.make(account), let record = try await store.account(userKey: key) {
                        accountID = record.id
                    } else if try await store.account(id: account) != nil {
                        accountID = account
                    } else {
                        throw CommandFailure(message: "moat audit export: no account '\(account)'", exitCode: 2)
                    }
                }
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                var next: Int64 = 1
                while true {
                    let page = try await store.auditEntries(from: next, limit: 1_000)
                    for entry in page {
                        if let start, entry.event.time < start { continue }
                        if let accountID, entry.event.accountID != accountID { continue }
                        print(String(decoding: try encoder.encode(ExportedEntry(entry)), as: UTF8.self))
                    }
                    guard let last = page.last else { break }
                    next = last.sequence + 1
                }
            }
        }

        static func parseTime(_ text: String) throws -> Date {
            let dateOnly = ISO8601DateFormatter()
            dateOnly.formatOptions = [.withFullDate]
            let full = ISO8601DateFormatter()
            let fractional = ISO8601DateFormatter()
            fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            for formatter in [full, fractional, dateOnly] {
                if let date = formatter.date(from: text) { return date }
            }
            throw CommandFailure(message: "moat audit export: --since must be YYYY-MM-DD or an ISO 8601 date and time", exitCode: 2)
        }
    }
}

/// One exported line.
struct ExportedEntry: Encodable {
    var sequence: Int64
    var time: String
    var kind: String
    var accountId: String?
    var userId: String?
    var clientAddress: String?
    var operatorId: String?
    var details: [String: String]
    var mac: String

    init(_ entry: AuditEntry) {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        sequence = entry.sequence
        time = formatter.string(from: entry.event.time)
        kind = entry.event.kind.rawValue
        accountId = entry.event.accountID
        userId = entry.event.userID
        clientAddress = entry.event.clientAddress
        operatorId = entry.event.operatorID
        details = entry.event.details
        mac = entry.mac.map { String(format: "%02x", $0) }.joined()
    }
}
