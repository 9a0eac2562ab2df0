import AccountSecurity
import ArgumentParser
import Foundation
import PasswordHashing
import Storage

/// Logins per second against raw Argon2id verifications per second (the bound a login cannot beat), and
/// session validations per second, on a store.
struct AccountsBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accounts", abstract: "Logins/s vs raw Argon2id/s, and session validations/s.")

    @Option(help: "Logins and raw hashes to time.") var logins = 200
    @Option(help: "Session validations to time.") var validations = 20_000
    @Option(help: "Concurrent requests (default: two per core, so that the cores hash while others wait for the disk).")
    var concurrency = 2 * ProcessInfo.processInfo.activeProcessorCount
    @Option(help: "Also measure a PostgreSQL store at this URL (a database of its own: the benchmark writes to it).")
    var postgres: String?

    func run() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("moat-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let chain = try AuditChain(key: [UInt8](repeating: 1, count: 32))
        let store = try SQLiteStore(path: directory.appendingPathComponent("moat.sqlite").path, chain: chain)
        try await Self.measure(store: store, name: "SQLite", logins: logins, validations: validations, concurrency: concurrency)
        if let postgres {
            try await PostgresStore.withStore(url: postgres, chain: chain) { store in
                try await Self.measure(store: store, name: "PostgreSQL", logins: logins, validations: validations, concurrency: concurrency)
            }
        }
    }

    static func measure(store: any SecurityStore, name: String, logins: Int, validations: Int, concurrency: Int) async throws {
        let hasher = try PasswordHasher()
        let service = try AccountService(store: store, hasher: hasher)
        let password = "Benchmark-Password-2026"
        let hash = try hasher.hash(password)
        // Several customers: one customer's parallel logins would count against each other's attempt limit.
        let customers = 16
        let run = UUID().uuidString.prefix(6)
        for n in 0..<customers {
            let userID = "bench-\(run)-\(n)"
            let account = AccountRecord(id: UUID().uuidString, userID: userID, userKey: UserKey.make(userID)!, displayName: "Bench",
                                        birthDate: "1980-01-01", email: "bench@example.jp", phoneDigits: "", passwordHash: hash,
                                        tradingPINHash: hash, phonePINHash: hash, createdAt: Date())
            try await store.createAccount(account, event: AuditEvent(kind: .accountCreated, time: Date(), accountID: account.id))
        }

        // Warm up the hashing threads and their memory areas before timing anything.
        _ = try await rate(count: 2 * concurrency, concurrency: concurrency) { _ in
            _ = try await hasher.verifyAsync(password, against: hash)
        }
        // Raw hashing is bound by the cores: more concurrent hashes than cores only share the same cores.
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let raw = try await rate(count: logins, concurrency: cores) { _ in
            _ = try await hasher.verifyAsync(password, against: hash)
        }
        let loginRate = try await rate(count: logins, concurrency: concurrency) { i in
            let outcome = try await service.login(userID: "bench-\(run)-\(i % customers)", password: password,
                                                  client: ClientInfo(address: "10.0.0.\(i % 200)"), at: Date())
            guard case .authenticated = outcome else { throw ValidationError("login failed in the benchmark: \(outcome)") }
        }
        guard case let .authenticated(_, token) = try await service.login(
            userID: "bench-\(run)-0", password: password, client: ClientInfo(address: "127.0.0.1"), at: Date()) else { return }
        let validationRate = try await rate(count: validations, concurrency: concurrency) { _ in
            guard case .valid = try await service.validateSession(token: token.text, at: Date()) else {
                throw ValidationError("session invalid in the benchmark")
            }
        }
        print(String(format: "%@: raw Argon2id %.1f/s (%d at a time), logins %.1f/s (ratio %.3f), session validations %.0f/s (%d at a time)",
                     name, raw, cores, loginRate, loginRate / raw, validationRate, concurrency))
    }

    /// Operations per second of `count` calls of `body`, `concurrency` at a time.
    static func rate(count: Int, concurrency: Int, _ body: @escaping @Sendable (Int) async throws -> Void) async throws -> Double {
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            var next = 0
            for _ in 0..<min(concurrency, count) {
                let i = next; next += 1
                group.addTask { try await body(i) }
            }
            while try await group.next() != nil {
                if next < count {
                    let i = next; next += 1
                    group.addTask { try await body(i) }
                }
            }
        }
        let elapsed = ContinuousClock.now - start
        return Double(count) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
}
