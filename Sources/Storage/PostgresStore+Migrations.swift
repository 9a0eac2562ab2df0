import Foundation
import PostgresNIO

extension PostgresStore {
    /// One step of the schema, applied once and recorded in `moat_schema_migrations`.
    struct Migration: Sendable {
        var version: Int32
        var name: String
        /// One statement each (the extended protocol runs one statement per query).
        var statements: [String]
    }

    /// Every schema step, oldest first. Append new steps; never edit a released one.
    ///
    /// Times are whole milliseconds since 1970 in BIGINT columns and records are the same JSON text as in
    /// SQLite, so the two stores hold the same values.
    static let migrations: [Migration] = [
        Migration(version: 1, name: "accounts-sessions-audit", statements: [
            """
            CREATE TABLE account (
                id TEXT PRIMARY KEY,
                user_key TEXT NOT NULL CONSTRAINT \(userKeyConstraint) UNIQUE,
                status TEXT NOT NULL,
                record TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE session (
                id TEXT PRIMARY KEY,
                account_id TEXT NOT NULL REFERENCES account(id),
                token_hash BYTEA NOT NULL UNIQUE,
                live BOOLEAN NOT NULL,
                created_at BIGINT NOT NULL,
                record TEXT NOT NULL
            )
            """,
            "CREATE INDEX session_account ON session (account_id, live)",
            """
            CREATE TABLE address_failure (
                address TEXT NOT NULL,
                at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX address_failure_address_at ON address_failure (address, at)",
            """
            CREATE TABLE audit_log (
                sequence BIGINT PRIMARY KEY,
                time BIGINT NOT NULL,
                kind TEXT NOT NULL,
                account_id TEXT,
                user_id TEXT,
                client_address TEXT,
                operator_id TEXT,
                details TEXT NOT NULL,
                previous_mac BYTEA NOT NULL,
                mac BYTEA NOT NULL
            )
            """,
            "CREATE INDEX audit_log_account ON audit_log (account_id, sequence)",
            "CREATE INDEX audit_log_time ON audit_log (time)",
            """
            CREATE TABLE audit_head (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                sequence BIGINT NOT NULL,
                mac BYTEA NOT NULL,
                head_mac BYTEA NOT NULL
            )
            """,
        ]),
    ]

    /// The key of the advisory lock held while migrating ("moat" and 1), so that servers starting together
    /// migrate one after the other and the later ones find the work done.
    static let migrationLockKey: Int64 = 0x6D6F_6174_0000_0001

    /// How long ``migrate(timeout:)`` waits by default for the database.
    public static let defaultStartupTimeout: Duration = .seconds(15)

    /// Brings the schema up to date and creates the audit head; call once after ``run()`` has started and
    /// before serving. Safe when several servers start at once.
    ///
    /// - Throws: ``StoreError`` with `schemaTooNew` when a newer Moat wrote the database (nothing is changed),
    ///   `unavailable` when the database cannot be reached within `timeout` or refuses the change.
    public func migrate(timeout: Duration = PostgresStore.defaultStartupTimeout) async throws {
        let description = configuration.description
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await self.probe()
                try await self.applyMigrations()
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw StoreError(.unavailable, "cannot reach the \(description) within \(timeout)")
            }
            defer { group.cancelAll() }
            try await group.next()
        }
    }

    /// Opens one connection outside the pool, which retries quietly, so that a wrong address, role, password
    /// or database name is reported at once and by name.
    private func probe() async throws {
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(configuration: try configuration.connectionConfiguration(),
                                                              id: 0, logger: logger)
        } catch {
            throw Self.storeError(error, connecting: true, to: configuration)
        }
        try? await connection.close()
    }

    private func applyMigrations() async throws {
        let head = chain.emptyHead
        try await transaction { connection in
            try await self.execute("SELECT pg_advisory_xact_lock(\(Self.migrationLockKey))", connection)
            try await self.execute("""
                CREATE TABLE IF NOT EXISTS moat_schema_migrations (
                    version INTEGER PRIMARY KEY,
                    name TEXT NOT NULL,
                    applied_at BIGINT NOT NULL
                )
                """, connection)
            let applied = Set(try await self.rows("SELECT version FROM moat_schema_migrations", connection)
                .map { try $0.decode(Int32.self) })
            let known = Set(Self.migrations.map(\.version))
            if !applied.subtracting(known).isEmpty {
                throw StoreError(.schemaTooNew, "the database was written by a newer version of Moat")
            }
            for migration in Self.migrations where !applied.contains(migration.version) {
                for statement in migration.statements {
                    try await self.execute(PostgresQuery(unsafeSQL: statement), connection)
                }
                try await self.execute("""
                    INSERT INTO moat_schema_migrations (version, name, applied_at)
                    VALUES (\(migration.version), \(migration.name), \(Date().millisecondsSince1970))
                    """, connection)
            }
            try await self.execute("""
                INSERT INTO audit_head (id, sequence, mac, head_mac)
                VALUES (1, \(head.sequence), \(ByteBuffer(bytes: head.mac)), \(ByteBuffer(bytes: head.headMAC)))
                ON CONFLICT (id) DO NOTHING
                """, connection)
        }
    }
}
