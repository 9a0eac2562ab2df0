import Foundation
import PasswordHashing
import Storage
import StoreTestSupport
import Testing
@testable import AccountSecurity

/// The guessing limits must hold when requests are spread over several Moat servers sharing one database.
@Suite("Several servers, one database")
struct MultiServerTests {
    @Test("100 wrong passwords sent at once to two servers reach the hash check no more than 5 times",
          .enabled(if: PostgresTestDatabase.shouldRun, PostgresTestDatabase.skipReason))
    func parallelGuessesAcrossServers() async throws {
        let chain = try AuditChain(key: [UInt8](repeating: 9, count: 32))
        var hashing = PasswordHasher.Configuration()
        hashing.memoryKiB = 64
        hashing.iterations = 1
        let hasher = try PasswordHasher(configuration: hashing)
        try await PostgresTestDatabase.withFreshDatabase { configuration in
            try await PostgresStore.withStore(configuration: configuration, chain: chain) { first in
                try await PostgresStore.withStore(configuration: configuration, chain: chain) { second in
                    let servers = [try AccountService(store: first, hasher: hasher), try AccountService(store: second, hasher: hasher)]
                    let now = Date(millisecondsSince1970: 1_760_000_000_000)
                    let account = AccountRecord(id: UUID().uuidString, userID: "target", userKey: "target", displayName: "T",
                                                birthDate: "1970-01-01", email: "t@example.jp", phoneDigits: "",
                                                passwordHash: try hasher.hash("Right-Password-1"), tradingPINHash: try hasher.hash("1357"),
                                                phonePINHash: try hasher.hash("2468"), createdAt: now)
                    try await first.createAccount(account, event: AuditEvent(kind: .accountCreated, time: now, accountID: account.id))
                    let outcomes = try await withThrowingTaskGroup(of: LoginOutcome.self) { group in
                        for i in 0..<100 {
                            let server = servers[i % 2]
                            group.addTask {
                                try await server.login(userID: "target", password: "guess-\(i)",
                                                       client: ClientInfo(address: "192.0.2.\(i % 250)"), at: now)
                            }
                        }
                        return try await group.reduce(into: [LoginOutcome]()) { $0.append($1) }
                    }
                    #expect(outcomes.allSatisfy { if case .rejected = $0 { true } else { false } })
                    let entries = try await first.auditEntries(from: 1, limit: 10_000)
                    #expect(entries.filter { $0.event.details["reason"] == "wrong-password" }.count == 5)
                    #expect(try await second.account(id: account.id)?.passwordCounter.failures == 5)
                    #expect(try await second.account(id: account.id)?.status == .temporarilyLocked)
                    #expect(try await verifyChain(first, chain: chain) == .intact(entries: Int64(entries.count)))
                }
            }
        }
    }
}
