import Foundation
import GRDB
import PostgresNIO
import Testing
@testable import Storage
import StoreTestSupport

@Suite("PostgreSQL connection URL (no server)")
struct PostgresConfigurationTests {
    typealias Configuration = PostgresStore.Configuration

    @Test("a TCP URL with user, password, port, database and sslmode")
    func tcp() throws {
        let configuration = try Configuration(url: "postgres://moat:s%40cret@db.example.internal:6543/moat_prod?sslmode=require")
        #expect(configuration.endpoint == .tcp(host: "db.example.internal", port: 6543))
        #expect(configuration.user == "moat")
        #expect(configuration.password == "s@cret")
        #expect(configuration.database == "moat_prod")
        #expect(configuration.tlsMode == .require)
        #expect(!configuration.description.contains("s@cret") && configuration.description.contains("password set"))
    }

    @Test("defaults: port 5432, TLS preferred; postgresql:// and IPv6 literals")
    func defaults() throws {
        let configuration = try Configuration(url: "postgresql://moat@[::1]/moat")
        #expect(configuration.endpoint == .tcp(host: "::1", port: 5432))
        #expect(configuration.tlsMode == .prefer)
        #expect(configuration.password == nil)
        #expect(try Configuration(url: "postgres://moat@[::1]:5433/moat").endpoint == .tcp(host: "::1", port: 5433))
    }

    @Test("a Unix socket directory given as host parameter, with or without a user")
    func socket() throws {
        let configuration = try Configuration(url: "postgres:///moat?host=/run/moat%20pg/&port=5433")
        #expect(configuration.endpoint == .unixSocket(path: "/run/moat pg/.s.PGSQL.5433"))
        #expect(configuration.database == "moat")
        #expect(!configuration.user.isEmpty)
        let named = try Configuration(url: "postgres://postgres@/moat?host=/tmp/moat-pg.abc")
        #expect(named.endpoint == .unixSocket(path: "/tmp/moat-pg.abc/.s.PGSQL.5432"))
        #expect(named.user == "postgres")
        #expect(try Configuration(url: "postgres://u@/moat").endpoint == .unixSocket(path: "/var/run/postgresql/.s.PGSQL.5432"))
    }

    @Test("bad URLs are refused with a clear message that never holds the password", arguments: [
        ("mysql://u:hunter2pass@h/db", "must start with postgres://"),
        ("postgres://u:hunter2pass@h:99999/db", "port"),
        ("postgres://u:hunter2pass@h:54x2/db", "port"),
        ("postgres://u:hunter2pass@h:5432", "names no database"),
        ("postgres://u:hunter2pass@h/db?sslmode=hunter2pass", "sslmode"),
        ("postgres://u:hunter2pass@h/db?options=hunter2pass", "unsupported parameter \"options\""),
        ("postgres://u:hunter2pass@h/db?host", "without a value"),
        ("postgres://u:hunter2pass@h/db?port=1&port=2", "repeats"),
        ("postgres://u:hunter2%zzpass@h/db", "percent escape in its password"),
        ("postgres://u:hunter2%FFpass@h/db", "not valid UTF-8"),
        ("postgres://u:hunter2pass@[::1/db", "unclosed ["),
        ("postgres://u:hunter2 pass@h/db", "spaces or control characters"),
        ("postgres://u:hunter2pass@/db?host=/" + String(repeating: "d", count: 100), "too long for a Unix socket"),
        ("postgres://u:hunter2pass@h/" + String(repeating: "d", count: 64), "longer than 63 bytes"),
    ])
    func refused(url: String, problem: String) throws {
        do {
            _ = try Configuration(url: url)
            Issue.record("accepted \(url)")
        } catch let error as StoreError {
            #expect(error.code == .invalidConfiguration)
            #expect(error.message.contains(problem), "\(error.message)")
            #expect(!error.message.contains("hunter2"), "\(error.message)")
        }
    }

    @Test("size limits: URL length and number of parameters")
    func limits() throws {
        let longest = "postgres://u@h/db?host=h" + String(repeating: "h", count: Configuration.maximumURLLength - 24)
        #expect(longest.utf8.count == Configuration.maximumURLLength)
        #expect((try? Configuration(url: longest)) != nil)
        #expect(throws: StoreError(.invalidConfiguration, "the PostgreSQL URL is longer than 4096 bytes")) {
            try Configuration(url: longest + "h")
        }
        let parameters = (0..<Configuration.maximumParameters).map { "p\($0)=1" }
        #expect(throws: StoreError(.invalidConfiguration, "the PostgreSQL URL has more than 16 parameters")) {
            try Configuration(url: "postgres://u@h/db?" + (parameters + ["p=1"]).joined(separator: "&"))
        }
        // Exactly the limit parses as far as the parameter names, which are then refused one by one.
        do {
            _ = try Configuration(url: "postgres://u@h/db?" + parameters.joined(separator: "&"))
            Issue.record("accepted unknown parameters")
        } catch let error as StoreError {
            #expect(error.message.contains("unsupported parameter \"p0\""))
        }
    }

    @Test("an unreachable server is reported as unavailable, within the startup timeout")
    func unreachable() async throws {
        let chain = try AuditChain(key: StoreFixtures.key)
        let configuration = try Configuration(url: "postgres://moat:hunter2pass@/moat?host=/nonexistent-moat-socket-dir")
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                let store = PostgresStore(configuration: configuration, chain: chain)
                group.addTask { await store.run() }
                defer { group.cancelAll() }
                try await store.migrate(timeout: .milliseconds(300))
            }
            Issue.record("migrated without a server")
        } catch let error as StoreError {
            #expect(error.code == .unavailable)
            #expect(error.message.contains("cannot connect to the PostgreSQL database moat at /nonexistent-moat-socket-dir/.s.PGSQL.5432"),
                    "\(error.message)")
            #expect(!error.message.contains("hunter2"))
        }
    }
}

@Suite("Write batches (no server)")
struct WriteBatchTests {
    @Test("an empty batch sends nothing; one write is sent as it is")
    func emptyAndSingle() throws {
        #expect(WriteBatch().query == nil)
        var batch = WriteBatch()
        batch.add("DELETE FROM session WHERE id = \(batch.value("s1"))")
        let query = try #require(batch.query)
        #expect(query.sql == "DELETE FROM session WHERE id = $1")
        #expect(query.binds.count == 1)
    }

    @Test("several writes become WITH clauses of the last, with their values numbered in order; NULL for absent values")
    func several() throws {
        var batch = WriteBatch()
        batch.add("UPDATE account SET record = \(batch.value("{}")) WHERE id = \(batch.value("a1"))")
        let absent: String? = nil
        batch.add("INSERT INTO t (x, y) VALUES (\(batch.value(Int64(7))), \(batch.value(absent)))")
        batch.add("UPDATE audit_head SET sequence = \(batch.value(Int64(8))) WHERE id = 1")
        let query = try #require(batch.query)
        #expect(query.sql == "WITH write0 AS (UPDATE account SET record = $1 WHERE id = $2), "
            + "write1 AS (INSERT INTO t (x, y) VALUES ($3, $4)) UPDATE audit_head SET sequence = $5 WHERE id = 1")
        #expect(query.binds.count == 5)
    }
}

@Suite("PostgreSQL store across servers", .enabled(if: PostgresTestDatabase.shouldRun, PostgresTestDatabase.skipReason))
struct PostgresStoreTests {
    let now = Date(millisecondsSince1970: 1_760_000_000_000)

    /// Two stores ("servers") on one fresh database.
    func withTwoServers(_ body: (PostgresStore, PostgresStore, AuditChain) async throws -> Void) async throws {
        let chain = try AuditChain(key: StoreFixtures.key)
        try await PostgresTestDatabase.withFreshDatabase { configuration in
            try await PostgresStore.withStore(configuration: configuration, chain: chain) { first in
                try await PostgresStore.withStore(configuration: configuration, chain: chain) { second in
                    try await body(first, second, chain)
                }
            }
        }
    }

    @Test("two servers doing 100 concurrent mutations of one account lose no update and keep the chain intact")
    func twoServersMutating() async throws {
        try await withTwoServers { first, second, chain in
            let account = makeAccount("Ichiro")
            try await first.createAccount(account, event: AuditEvent(kind: .accountCreated, time: now, accountID: account.id))
            let time = now
            let results = try await withThrowingTaskGroup(of: Int.self) { group in
                for i in 0..<100 {
                    let server = i.isMultiple(of: 2) ? first : second
                    group.addTask {
                        try await server.mutateAccount(id: account.id) { record in
                            record.passwordCounter.failures += 1
                            return AccountMutation(result: record.passwordCounter.failures,
                                                   events: [AuditEvent(kind: .loginFailed, time: time, accountID: record.id,
                                                                       details: ["server": i.isMultiple(of: 2) ? "a" : "b"])])
                        }
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(results.sorted() == Array(1...100))
            #expect(try await second.account(id: account.id)?.passwordCounter.failures == 100)
            #expect(try await verifyChain(first, chain: chain) == .intact(entries: 101))
            #expect(try await second.auditHead() == first.auditHead())
        }
    }

    @Test("two servers: address failures are counted once each, sessions and appends interleave on one chain")
    func twoServersMixed() async throws {
        try await withTwoServers { first, second, chain in
            let account = makeAccount("Fumiko")
            try await first.createAccount(account, event: AuditEvent(kind: .accountCreated, time: now, accountID: account.id))
            let time = now
            let counts = try await withThrowingTaskGroup(of: Int?.self) { group in
                for i in 0..<60 {
                    let server = i.isMultiple(of: 2) ? first : second
                    group.addTask {
                        switch i % 3 {
                        case 0:
                            return try await server.recordAddressFailure(address: "192.0.2.44", at: time, window: 600)
                        case 1:
                            let session = SessionRecord(id: "s\(i)", accountID: account.id, tokenHash: Array(repeating: UInt8(i), count: 32),
                                                        createdAt: time, expiresAt: time.addingTimeInterval(3600),
                                                        clientAddress: "192.0.2.44", userAgent: "Test", deviceLabel: "Test")
                            try await server.createSession(session, event: AuditEvent(kind: .loginSucceeded, time: time, accountID: account.id))
                            return nil
                        default:
                            try await server.appendEvents([AuditEvent(kind: .loginFailed, time: time, userID: "nobody\(i)"),
                                                           AuditEvent(kind: .loginFailed, time: time, userID: "nobody\(i)")])
                            return nil
                        }
                    }
                }
                return try await group.reduce(into: [Int]()) { if let count = $1 { $0.append(count) } }
            }
            #expect(counts.sorted() == Array(1...20))
            #expect(try await second.liveSessions(accountID: account.id).count == 20)
            _ = try await second.mutateAccount(id: account.id) { _ in
                AccountMutation(result: (), events: [AuditEvent(kind: .credentialChanged, time: time, accountID: account.id)],
                                endSessions: SessionEnding(reason: .passwordChanged, at: time))
            }
            #expect(try await first.liveSessions(accountID: account.id).isEmpty)
            // 1 creation + 20 logins + 40 unknown-user failures + 20 session ends + 1 change.
            #expect(try await verifyChain(first, chain: chain) == .intact(entries: 82))
        }
    }

    @Test("two servers racing to create one user ID: exactly one account, the rest get duplicateUserID")
    func twoServersRacingDuplicates() async throws {
        try await withTwoServers { first, second, chain in
            let time = now
            let created = try await withThrowingTaskGroup(of: Bool.self) { group in
                for i in 0..<20 {
                    let server = i.isMultiple(of: 2) ? first : second
                    group.addTask {
                        do {
                            try await server.createAccount(makeAccount("Natsuki"), event: AuditEvent(kind: .accountCreated, time: time))
                            return true
                        } catch let error as StoreError where error.code == .duplicateUserID {
                            return false
                        }
                    }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(created == 1)
            #expect(try await verifyChain(second, chain: chain) == .intact(entries: 1))
        }
    }

    @Test("records, times and hashes are stored as SQLite stores them: the same JSON text, milliseconds, bytes")
    func sameRepresentation() async throws {
        let account = makeAccount("Minoru")
        let session = SessionRecord(id: "s1", accountID: account.id, tokenHash: (0..<32).map { UInt8($0 * 7 % 256) },
                                    createdAt: Date(millisecondsSince1970: 1_760_000_123_456), expiresAt: now.addingTimeInterval(600),
                                    clientAddress: "192.0.2.9", userAgent: "Test", deviceLabel: "Test")
        let event = AuditEvent(kind: .accountCreated, time: now, accountID: account.id)
        let sqliteRows = try await StoreFixtures.with(.sqlite) { fixture in
            try await fixture.store.createAccount(account, event: event)
            try await fixture.store.createSession(session, event: nil)
            let queue = try DatabaseQueue(path: try #require(fixture.sqlitePath))
            return try await queue.read { db in
                [try String.fetchOne(db, sql: "SELECT record FROM account")!,
                 try String.fetchOne(db, sql: "SELECT record FROM session")!,
                 String(try Int64.fetchOne(db, sql: "SELECT created_at FROM session")!),
                 (try Data.fetchOne(db, sql: "SELECT token_hash FROM session")!).map { String($0) }.joined(separator: ","),
                 (try Data.fetchOne(db, sql: "SELECT mac FROM audit_log")!).map { String($0) }.joined(separator: ",")]
            }
        }
        let postgresRows = try await StoreFixtures.with(.postgres) { fixture in
            try await fixture.store.createAccount(account, event: event)
            try await fixture.store.createSession(session, event: nil)
            return try await PostgresTestDatabase.withClient(try #require(fixture.postgres)) { client in
                let account = try await client.query("SELECT record FROM account").collect()[0].decode(String.self)
                let (record, createdAt, tokenHash) = try await client.query("SELECT record, created_at, token_hash FROM session")
                    .collect()[0].decode((String, Int64, ByteBuffer).self)
                let mac = try await client.query("SELECT mac FROM audit_log").collect()[0].decode(ByteBuffer.self)
                return [account, record, String(createdAt),
                        tokenHash.readableBytesView.map { String($0) }.joined(separator: ","),
                        mac.readableBytesView.map { String($0) }.joined(separator: ",")]
            }
        }
        #expect(postgresRows == sqliteRows)
        #expect(postgresRows[2] == "1760000123456")
    }

    @Test("servers starting together on an empty database migrate it once")
    func concurrentStartup() async throws {
        let chain = try AuditChain(key: StoreFixtures.key)
        try await PostgresTestDatabase.withFreshDatabase { configuration in
            try await withThrowingTaskGroup(of: Int64.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        try await PostgresStore.withStore(configuration: configuration, chain: chain) { store in
                            try await store.auditHead().sequence
                        }
                    }
                }
                for try await sequence in group { #expect(sequence == 0) }
            }
            try await PostgresTestDatabase.withClient(configuration) { client in
                let rows = try await client.query("SELECT version FROM moat_schema_migrations").collect()
                #expect(try rows.map { try $0.decode(Int32.self) } == [1])
            }
        }
    }

    @Test("withStore(url:) opens the database a URL names and stops its connections afterwards")
    func withStoreURL() async throws {
        let chain = try AuditChain(key: StoreFixtures.key)
        try await PostgresTestDatabase.withFreshDatabase { configuration in
            guard case .unixSocket(let path) = configuration.endpoint else { return }
            let marker = try #require(path.range(of: "/.s.PGSQL."))
            let directory = path[..<marker.lowerBound], port = path[marker.upperBound...]
            let url = "postgres://\(configuration.user)@/\(configuration.database)?host=\(directory)&port=\(port)"
            let account = makeAccount("Sachiko")
            try await PostgresStore.withStore(url: url, chain: chain) { store in
                try await store.createAccount(account, event: AuditEvent(kind: .accountCreated, time: now))
            }
            let found = try await PostgresStore.withStore(url: url, chain: chain) { store in
                try await store.account(userKey: "sachiko")
            }
            #expect(found == account)
        }
    }

    @Test("a database that does not exist is named in the error, at once")
    func missingDatabase() async throws {
        let chain = try AuditChain(key: StoreFixtures.key)
        try await PostgresTestDatabase.withFreshDatabase { configuration in
            var missing = configuration
            missing.database = "moat_test_missing_database"
            await #expect(throws: StoreError(.unavailable,
                                             "the \(missing) refused the connection (the database does not exist, SQLSTATE 3D000)")) {
                try await PostgresStore.withStore(configuration: missing, chain: chain) { _ in }
            }
        }
    }

    @Test("a stored record edited into something unreadable is reported as corrupt")
    func corruptRecord() async throws {
        try await StoreFixtures.with(.postgres) { fixture in
            let account = makeAccount("Haruto")
            try await fixture.store.createAccount(account, event: AuditEvent(kind: .accountCreated, time: now))
            try await fixture.rawSQL("UPDATE account SET record = '{\"id\":1}'")
            await #expect(throws: StoreError(.corruptRecord, "a stored account cannot be read back")) {
                try await fixture.store.account(id: account.id)
            }
        }
    }
}
