public import Foundation
import GRDB
public import PostgresNIO
public import Testing
@testable public import Storage

/// The stores the contract runs against.
public enum StoreKind: String, Sendable, CaseIterable, CustomTestStringConvertible {
    case sqlite = "SQLite"
    case postgres = "PostgreSQL"

    public var testDescription: String { rawValue }
}

/// A store under test, open for the duration of one test, and a way to tamper with its raw rows.
public struct StoreFixture: Sendable {
    public let kind: StoreKind
    public let store: any SecurityStore
    public let chain: AuditChain
    /// The database file, for SQLite.
    public let sqlitePath: String?
    /// The database's settings, for PostgreSQL.
    public let postgres: PostgresStore.Configuration?
    /// Runs raw SQL against the store's database, bypassing the store (to simulate tampering).
    public let rawSQL: @Sendable (String) async throws -> Void

    public var name: String { kind.rawValue }
}

public enum StoreFixtures {
    public static let key = [UInt8](repeating: 0x33, count: 32)

    /// Every store the contract runs against: SQLite always; PostgreSQL when a test server is configured, and
    /// always under CI, where a missing server must fail the run rather than skip it.
    public static func all() -> [StoreKind] {
        PostgresTestDatabase.shouldRun ? [.sqlite, .postgres] : [.sqlite]
    }

    /// Opens a fresh store of `kind`, runs `body` with it and removes the store's database afterwards.
    public static func with<T: Sendable>(_ kind: StoreKind, _ body: (StoreFixture) async throws -> T) async throws -> T {
        switch kind {
        case .sqlite: try await withSQLite(body)
        case .postgres: try await withPostgres(body)
        }
    }

    public static func withSQLite<T: Sendable>(_ body: (StoreFixture) async throws -> T) async throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("moat-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("moat.sqlite").path
        let chain = try AuditChain(key: key)
        let store = try SQLiteStore(path: path, chain: chain)
        return try await body(StoreFixture(kind: .sqlite, store: store, chain: chain, sqlitePath: path, postgres: nil, rawSQL: { sql in
            let queue = try DatabaseQueue(path: path)
            try await queue.write { db in try db.execute(sql: sql) }
        }))
    }

    public static func withPostgres<T: Sendable>(_ body: (StoreFixture) async throws -> T) async throws -> T {
        let chain = try AuditChain(key: key)
        return try await PostgresTestDatabase.withFreshDatabase { configuration in
            try await PostgresStore.withStore(configuration: configuration, chain: chain) { store in
                try await PostgresTestDatabase.withClient(configuration) { raw in
                    try await body(StoreFixture(kind: .postgres, store: store, chain: chain, sqlitePath: nil,
                                                postgres: configuration, rawSQL: { sql in
                        _ = try await raw.query(PostgresQuery(unsafeSQL: sql)).collect()
                    }))
                }
            }
        }
    }
}

/// The PostgreSQL server the tests use, named by `MOAT_TEST_POSTGRES_URL` (scripts/test starts a throw-away
/// cluster and sets it). Each test gets a database of its own, dropped afterwards.
public enum PostgresTestDatabase {
    public static let environment = ProcessInfo.processInfo.environment

    public static var url: String? {
        guard let url = environment["MOAT_TEST_POSTGRES_URL"], !url.isEmpty else { return nil }
        return url
    }

    public static var isCI: Bool {
        guard let value = environment["CI"]?.lowercased() else { return false }
        return value == "true" || value == "1"
    }

    /// Whether the PostgreSQL tests run: with a server, or under CI (where they then fail for lack of one).
    public static var shouldRun: Bool { url != nil || isCI }

    public static let skipReason: Comment =
        "MOAT_TEST_POSTGRES_URL is not set, so the PostgreSQL store is not tested (scripts/test starts a cluster and sets it)"

    /// The most connections each store in a test opens; tests run in parallel against one server.
    public static let connectionsPerStore = 6

    /// Creates a database of its own for one test, runs `body` with its settings, and drops it.
    public static func withFreshDatabase<T: Sendable>(_ body: (PostgresStore.Configuration) async throws -> T) async throws -> T {
        guard let url else {
            throw StoreError(.invalidConfiguration,
                             "CI is set but MOAT_TEST_POSTGRES_URL is not: the PostgreSQL tests must run in CI")
        }
        let admin = try PostgresStore.Configuration(url: url)
        let name = "moat_test_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))"
        try await withClient(admin) { client in
            _ = try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)")).collect()
        }
        var configuration = admin
        configuration.database = name
        configuration.maximumConnections = connectionsPerStore
        let result: Result<T, any Error>
        do {
            result = .success(try await body(configuration))
        } catch {
            result = .failure(error)
        }
        try await withClient(admin) { client in
            _ = try await client.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")).collect()
        }
        return try result.get()
    }

    /// The URL of another database on the test server (for processes that take a URL).
    public static func url(for database: String) throws -> String {
        guard let url, var components = URLComponents(string: url) else {
            throw StoreError(.invalidConfiguration, "MOAT_TEST_POSTGRES_URL is not set or not a URL")
        }
        components.path = "/" + database
        guard let result = components.string else { throw StoreError(.invalidConfiguration, "cannot build a URL") }
        return result
    }

    /// A running postgres-nio client outside any store, for setup and tampering.
    public static func withClient<T: Sendable>(_ configuration: PostgresStore.Configuration,
                                        _ body: (PostgresClient) async throws -> T) async throws -> T {
        var settings = configuration.clientConfiguration()
        settings.options.maximumConnections = 2
        let client = PostgresClient(configuration: settings)
        return try await withThrowingTaskGroup(of: Void.self, returning: T.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            return try await body(client)
        }
    }
}

public func makeAccount(_ userID: String, at time: Date = Date(millisecondsSince1970: 1_760_000_000_000)) -> AccountRecord {
    AccountRecord(id: UUID().uuidString, userID: userID, userKey: userID.lowercased(), displayName: "Customer \(userID)",
                  birthDate: "1985-03-15", email: "\(userID)@example.jp", phoneDigits: "0312345678",
                  passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                  tradingPINHash: "$argon2id$pin", phonePINHash: "$argon2id$phone", createdAt: time)
}

public func verifyChain(_ store: any SecurityStore, chain: AuditChain) async throws -> AuditVerification {
    var verifier = AuditChain.Verifier(chain: chain)
    var next: Int64 = 1
    while true {
        let page = try await store.auditEntries(from: next, limit: 100)
        for entry in page { verifier.consume(entry) }
        guard let last = page.last else { break }
        next = last.sequence + 1
    }
    return verifier.finish(head: try await store.auditHead())
}

public func verifyChain(_ fixture: StoreFixture) async throws -> AuditVerification {
    try await verifyChain(fixture.store, chain: fixture.chain)
}
