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
    @Option(help: "Concurrent requests (default: one per core).") var concurrency = ProcessInfo.processInfo.activeProcessorCount

    func run() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("moat-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let chain = try AuditChain(key: [UInt8](repeating: 1, count: 32))
        let store = try SQLiteStore(path: directory.appendingPathComponent("moat.sqlite").path, chain: chain)
        try await Self.measure(store: store, name: "SQLite", logins: logins, validations: validations, concurrency: concurrency)
    }

    static func measure(store: any SecurityStore, name: String, logins: Int, validations: Int, concurrency: Int) async throws {
        let hasher = try PasswordHasher()
        let service = try AccountService(store: store, hasher: hasher)
        let password = "Benchmark-Password-2026"
        let hash = try hasher.hash(password)
        let account = AccountRecord(id: UUID().uuidString, userID: "bench", userKey: "bench", displayName: "Bench",
                                    birthDate: "1980-01-01", email: "bench@example.jp", phoneDigits: "", passwordHash: hash,
                                    tradingPINHash: hash, phonePINHash: hash, createdAt: Date())
        try await store.createAccount(account, event: AuditEvent(kind: .accountCreated, time: Date(), accountID: account.id))

        // Warm up the hashing threads and their memory areas before timing anything.
        _ = try await rate(count: 2 * concurrency, concurrency: concurrency) { _ in
            _ = try await hasher.verifyAsync(password, against: hash)
        }
        let raw = try await rate(count: logins, concurrency: concurrency) { _ in
            _ = try await hasher.verifyAsync(password, against: hash)
        }
        let loginRate = try await rate(count: logins, concurrency: concurrency) { i in
            let outcome = try await service.login(userID: "bench", password: password,
                                                  client: ClientInfo(address: "10.0.0.\(i % 200)"), at: Date())
            guard case .authenticated = outcome else { throw ValidationError("login failed in the benchmark") }
        }
        guard case let .authenticated(_, token) = try await service.login(
            userID: "bench", password: password, client: ClientInfo(address: "127.0.0.1"), at: Date()) else { return }
        let validationRate = try await rate(count: validations, concurrency: concurrency) { _ in
            guard case .valid = try await service.validateSession(token: token.text, at: Date()) else {
                throw ValidationError("session invalid in the benchmark")
            }
        }
        print(String(format: "%@: raw Argon2id %.1f/s, logins %.1f/s (ratio %.3f), session validations %.0f/s (concurrency %d)",
                     name, raw, loginRate, loginRate / raw, validationRate, concurrency))
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
