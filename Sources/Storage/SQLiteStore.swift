public import Foundation
import GRDB

/// The embedded store: one SQLite file in the data folder, in WAL mode with durable commits.
///
/// `synchronous = FULL` makes every acknowledged commit survive a crash or a power cut (WAL's default,
/// `NORMAL`, may lose the last commits on power loss). Writes are serialized by SQLite's single writer,
/// which is what keeps read-modify-write counters exact in one process; several processes on the same file
/// wait for each other (busy timeout) rather than fail.
public final class SQLiteStore: SecurityStore {
    private let pool: DatabasePool
    private let chain: AuditChain

    /// Opens (creating if needed) the database at `path` and applies pending migrations.
    ///
    /// - Throws: ``StoreError`` with `schemaTooNew` when a newer Moat wrote the file, `unavailable` when it
    ///   cannot be opened.
    public init(path: String, chain: AuditChain) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.publicStatementArguments = false
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw StoreError(.unavailable, "cannot open the database at \(path)")
        }
        self.chain = chain
        let migrator = Self.migrator
        try pool.read { db in
            if try migrator.hasBeenSuperseded(db) {
                throw StoreError(.schemaTooNew, "the database was written by a newer version of Moat")
            }
        }
        try migrator.migrate(pool)
        try pool.write { db in
            if try Row.fetchOne(db, sql: "SELECT 1 FROM audit_head WHERE id = 1") == nil {
                let head = chain.emptyHead
                try db.execute(sql: "INSERT INTO audit_head (id, sequence, mac, head_mac) VALUES (1, ?, ?, ?)",
                               arguments: [head.sequence, Data(head.mac), Data(head.headMAC)])
            }
        }
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-accounts-sessions-audit") { db in
            try db.execute(sql: """
                CREATE TABLE account (
                    id TEXT PRIMARY KEY NOT NULL,
                    user_key TEXT NOT NULL UNIQUE,
                    status TEXT NOT NULL,
                    record TEXT NOT NULL
                );
                CREATE TABLE session (
                    id TEXT PRIMARY KEY NOT NULL,
                    account_id TEXT NOT NULL REFERENCES account(id),
                    token_hash BLOB NOT NULL UNIQUE,
                    live INTEGER NOT NULL,
                    created_at INTEGER NOT NULL,
                    record TEXT NOT NULL
                );
                CREATE INDEX session_account ON session(account_id, live);
                CREATE TABLE address_failure (
                    address TEXT NOT NULL,
                    at INTEGER NOT NULL
                );
                CREATE INDEX address_failure_address_at ON address_failure(address, at);
                CREATE TABLE audit_log (
                    sequence INTEGER PRIMARY KEY NOT NULL,
                    time INTEGER NOT NULL,
                    kind TEXT NOT NULL,
                    account_id TEXT,
                    user_id TEXT,
                    client_address TEXT,
                    operator_id TEXT,
                    details TEXT NOT NULL,
                    previous_mac BLOB NOT NULL,
                    mac BLOB NOT NULL
                );
                CREATE INDEX audit_log_account ON audit_log(account_id, sequence);
                CREATE INDEX audit_log_time ON audit_log(time);
                CREATE TABLE audit_head (
                    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
                    sequence INTEGER NOT NULL,
                    mac BLOB NOT NULL,
                    head_mac BLOB NOT NULL
                );
                """)
        }
        return migrator
    }

    // MARK: Accounts

    public func createAccount(_ account: AccountRecord, event: AuditEvent) async throws {
        try await write { db in
            if try Row.fetchOne(db, sql: "SELECT 1 FROM account WHERE user_key = ?", arguments: [account.userKey]) != nil {
                throw StoreError(.duplicateUserID, "an account with this user ID exists")
            }
            try db.execute(sql: "INSERT INTO account (id, user_key, status, record) VALUES (?, ?, ?, ?)",
                           arguments: [account.id, account.userKey, account.status.rawValue, try StoreCoding.encode(account)])
            try self.append([event], db)
        }
    }

    public func account(id: String) async throws -> AccountRecord? {
        try await read { db in try Self.fetchAccount(db, sql: "SELECT record FROM account WHERE id = ?", id) }
    }

    public func account(userKey: String) async throws -> AccountRecord? {
        try await read { db in try Self.fetchAccount(db, sql: "SELECT record FROM account WHERE user_key = ?", userKey) }
    }

    public func mutateAccount<Result: Sendable>(
        id: String, _ change: @escaping @Sendable (inout AccountRecord) throws -> AccountMutation<Result>
    ) async throws -> Result {
        try await write { db in
            guard var account = try Self.fetchAccount(db, sql: "SELECT record FROM account WHERE id = ?", id) else {
                throw StoreError(.notFound, "no account with this id")
            }
            let originalKey = account.userKey
            let outcome = try change(&account)
            guard account.id == id else { throw StoreError(.corruptRecord, "an account's id cannot change") }
            if outcome.writeRecord {
                if account.userKey != originalKey,
                   try Row.fetchOne(db, sql: "SELECT 1 FROM account WHERE user_key = ? AND id <> ?", arguments: [account.userKey, id]) != nil {
                    throw StoreError(.duplicateUserID, "an account with this user ID exists")
                }
                try db.execute(sql: "UPDATE account SET user_key = ?, status = ?, record = ? WHERE id = ?",
                               arguments: [account.userKey, account.status.rawValue, try StoreCoding.encode(account), id])
            }
            if let ending = outcome.endSessions {
                try self.endSessions(accountID: id, ending: ending, db)
            }
            if let session = outcome.createSession {
                guard session.accountID == id else { throw StoreError(.corruptRecord, "a session must belong to the mutated account") }
                try self.insertSession(session, db)
            }
            try self.append(outcome.events, db)
            return outcome.result
        }
    }

    private static func fetchAccount(_ db: Database, sql: String, _ argument: String) throws -> AccountRecord? {
        guard let text = try String.fetchOne(db, sql: sql, arguments: [argument]) else { return nil }
        return try StoreCoding.decode(AccountRecord.self, from: text, what: "account")
    }

    // MARK: Sessions

    public func createSession(_ session: SessionRecord, event: AuditEvent?) async throws {
        try await write { db in
            guard try Row.fetchOne(db, sql: "SELECT 1 FROM account WHERE id = ?", arguments: [session.accountID]) != nil else {
                throw StoreError(.notFound, "no account with this id")
            }
            try self.insertSession(session, db)
            if let event { try self.append([event], db) }
        }
    }

    private func insertSession(_ session: SessionRecord, _ db: Database) throws {
        try db.execute(sql: "INSERT INTO session (id, account_id, token_hash, live, created_at, record) VALUES (?, ?, ?, ?, ?, ?)",
                       arguments: [session.id, session.accountID, Data(session.tokenHash), session.endedAt == nil,
                                   session.createdAt.millisecondsSince1970, try StoreCoding.encode(session)])
    }

    public func session(tokenHash: [UInt8]) async throws -> SessionRecord? {
        try await read { db in
            guard let text = try String.fetchOne(db, sql: "SELECT record FROM session WHERE token_hash = ?", arguments: [Data(tokenHash)]) else { return nil }
            return try StoreCoding.decode(SessionRecord.self, from: text, what: "session")
        }
    }

    public func session(id: String) async throws -> SessionRecord? {
        try await read { db in try Self.fetchSession(db, id: id) }
    }

    public func liveSessions(accountID: String) async throws -> [SessionRecord] {
        try await read { db in
            try String.fetchAll(db, sql: "SELECT record FROM session WHERE account_id = ? AND live = 1 ORDER BY created_at DESC, id",
                                arguments: [accountID])
                .map { try StoreCoding.decode(SessionRecord.self, from: $0, what: "session") }
        }
    }

    public func mutateSession<Result: Sendable>(
        id: String, _ change: @escaping @Sendable (inout SessionRecord) throws -> (result: Result, events: [AuditEvent])
    ) async throws -> Result {
        try await write { db in
            guard var session = try Self.fetchSession(db, id: id) else {
                throw StoreError(.notFound, "no session with this id")
            }
            let original = session
            let (result, events) = try change(&session)
            guard session.id == original.id, session.accountID == original.accountID, session.tokenHash == original.tokenHash else {
                throw StoreError(.corruptRecord, "a session's id, account and token cannot change")
            }
            if session != original { try self.writeSession(session, db) }
            try self.append(events, db)
            return result
        }
    }

    private static func fetchSession(_ db: Database, id: String) throws -> SessionRecord? {
        guard let text = try String.fetchOne(db, sql: "SELECT record FROM session WHERE id = ?", arguments: [id]) else { return nil }
        return try StoreCoding.decode(SessionRecord.self, from: text, what: "session")
    }

    private func writeSession(_ session: SessionRecord, _ db: Database) throws {
        try db.execute(sql: "UPDATE session SET live = ?, record = ? WHERE id = ?",
                       arguments: [session.endedAt == nil, try StoreCoding.encode(session), session.id])
    }

    private func endSessions(accountID: String, ending: SessionEnding, _ db: Database) throws {
        let time = ending.time
        let live = try String.fetchAll(db, sql: "SELECT record FROM session WHERE account_id = ? AND live = 1", arguments: [accountID])
            .map { try StoreCoding.decode(SessionRecord.self, from: $0, what: "session") }
        for var session in live where session.id != ending.except {
            session.endedAt = time
            session.endReason = ending.reason
            try writeSession(session, db)
            try append([AuditEvent(kind: .sessionEnded, time: time, accountID: accountID, operatorID: ending.operatorID,
                                   details: ["session": session.id, "reason": ending.reason.rawValue])], db)
        }
    }

    // MARK: Address throttling

    public func recordAddressFailure(address: String, at time: Date, window: TimeInterval) async throws -> Int {
        try checkFailureWindow(window)
        return try await write { db in
            let now = time.millisecondsSince1970
            let start = now - Int64(window * 1000)
            try db.execute(sql: "DELETE FROM address_failure WHERE address = ? AND at <= ?", arguments: [address, start])
            try db.execute(sql: "INSERT INTO address_failure (address, at) VALUES (?, ?)", arguments: [address, now])
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM address_failure WHERE address = ? AND at > ? AND at <= ?",
                                    arguments: [address, start, now]) ?? 0
        }
    }

    public func addressFailures(address: String, at time: Date, window: TimeInterval) async throws -> Int {
        try checkFailureWindow(window)
        return try await read { db in
            let now = time.millisecondsSince1970
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM address_failure WHERE address = ? AND at > ? AND at <= ?",
                                    arguments: [address, now - Int64(window * 1000), now]) ?? 0
        }
    }

    // MARK: Audit

    public func appendEvents(_ events: [AuditEvent]) async throws {
        try await write { db in try self.append(events, db) }
    }

    /// Chains and inserts events; runs inside the caller's write transaction.
    private func append(_ events: [AuditEvent], _ db: Database) throws {
        guard !events.isEmpty else { return }
        var head = try Self.fetchHead(db)
        for event in events {
            let entry = chain.seal(event, sequence: head.sequence + 1, previousMAC: head.mac)
            try db.execute(sql: """
                INSERT INTO audit_log (sequence, time, kind, account_id, user_id, client_address, operator_id, details, previous_mac, mac)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [entry.sequence, event.time.millisecondsSince1970, event.kind.rawValue, event.accountID,
                                 event.userID, event.clientAddress, event.operatorID, try StoreCoding.encodeDetails(event.details),
                                 Data(entry.previousMAC), Data(entry.mac)])
            head = chain.head(after: entry)
        }
        try db.execute(sql: "UPDATE audit_head SET sequence = ?, mac = ?, head_mac = ? WHERE id = 1",
                       arguments: [head.sequence, Data(head.mac), Data(head.headMAC)])
    }

    public func auditEntries(from sequence: Int64, limit: Int) async throws -> [AuditEntry] {
        try await read { db in
            try Row.fetchAll(db, sql: """
                SELECT sequence, time, kind, account_id, user_id, client_address, operator_id, details, previous_mac, mac
                FROM audit_log WHERE sequence >= ? ORDER BY sequence LIMIT ?
                """, arguments: [sequence, limit]).map { row in
                let details = try StoreCoding.decode([String: String].self, from: row["details"], what: "audit entry")
                let event = AuditEvent(kind: .init(rawValue: row["kind"]), time: Date(millisecondsSince1970: row["time"]),
                                       accountID: row["account_id"], userID: row["user_id"], clientAddress: row["client_address"],
                                       operatorID: row["operator_id"], details: details)
                return AuditEntry(sequence: row["sequence"], event: event,
                                  previousMAC: [UInt8](row["previous_mac"] as Data), mac: [UInt8](row["mac"] as Data))
            }
        }
    }

    public func auditHead() async throws -> AuditHead {
        try await read { db in try Self.fetchHead(db) }
    }

    private static func fetchHead(_ db: Database) throws -> AuditHead {
        guard let row = try Row.fetchOne(db, sql: "SELECT sequence, mac, head_mac FROM audit_head WHERE id = 1") else {
            throw StoreError(.corruptRecord, "the audit head record is missing")
        }
        return AuditHead(sequence: row["sequence"], mac: [UInt8](row["mac"] as Data), headMAC: [UInt8](row["head_mac"] as Data))
    }

    // MARK: Plumbing

    private func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.write(body)
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError {
            throw StoreError(.unavailable, "the database refused the write (\(error.resultCode))")
        }
    }

    private func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.read(body)
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError {
            throw StoreError(.unavailable, "the database refused the read (\(error.resultCode))")
        }
    }
}
