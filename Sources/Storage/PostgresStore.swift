public import Foundation
public import PostgresNIO

/// The shared store: one PostgreSQL database used by several Moat servers at once.
///
/// Every method is one transaction on one pooled connection. What SQLite gets from its single writer, this
/// store gets from row locks, taken in one fixed order so that transactions never wait for each other in a
/// circle: the account row (`FOR NO KEY UPDATE`, which still lets sessions be inserted for it), then its
/// session rows (`FOR UPDATE`), then the single `audit_head` row (`FOR UPDATE`), which serializes every append
/// to the audit chain across servers so that sequences stay contiguous and each entry chains to the one
/// before. Failures per client address are counted under a transaction-scoped advisory lock on the address.
///
/// The postgres-nio client must be running for the store to work: use ``withStore(url:chain:_:)``, or run
/// ``run()`` as a long-lived task (a service) and call ``migrate(timeout:)`` once before serving.
public final class PostgresStore: SecurityStore {
    private let client: PostgresClient
    let chain: AuditChain
    let logger: Logger
    /// The settings this store connects with (the password is not part of their description).
    public let configuration: Configuration

    /// Creates a store that connects with `configuration`; nothing is connected until ``run()`` runs.
    ///
    /// - Parameter logger: handed to postgres-nio; it logs statements at debug and trace level only, never
    ///   the password. By default only errors pass.
    public init(configuration: Configuration, chain: AuditChain, logger: Logger? = nil) {
        self.configuration = configuration
        self.chain = chain
        self.logger = logger ?? {
            var quiet = Logger(label: "moat.storage.postgres")
            quiet.logLevel = .error
            return quiet
        }()
        self.client = PostgresClient(configuration: configuration.clientConfiguration(), backgroundLogger: self.logger)
    }

    /// Runs the connection pool until the surrounding task is cancelled (or, under swift-service-lifecycle, until
    /// a graceful shutdown). Call it exactly once.
    public func run() async {
        await client.run()
    }

    /// Opens the database at `url`, applies pending migrations, runs `body` with the store and closes the
    /// connections afterwards, whether `body` returns or throws.
    ///
    /// - Throws: ``StoreError`` with `invalidConfiguration` for a bad URL, `unavailable` when the database
    ///   cannot be reached, `schemaTooNew` when a newer Moat wrote it; or what `body` throws.
    public static func withStore<T: Sendable>(
        url: String, chain: AuditChain, _ body: (PostgresStore) async throws -> T
    ) async throws -> T {
        try await withStore(configuration: try Configuration(url: url), chain: chain, body)
    }

    /// Opens the database with settings already parsed (and perhaps tuned, such as the connection limit),
    /// as ``withStore(url:chain:_:)`` does.
    public static func withStore<T: Sendable>(
        configuration: Configuration, chain: AuditChain, _ body: (PostgresStore) async throws -> T
    ) async throws -> T {
        let store = PostgresStore(configuration: configuration, chain: chain)
        return try await withThrowingTaskGroup(of: Void.self, returning: T.self) { group in
            group.addTask { await store.run() }
            defer { group.cancelAll() }
            try await store.migrate()
            return try await body(store)
        }
    }

    // MARK: Accounts

    public func createAccount(_ account: AccountRecord, event: AuditEvent) async throws {
        let record = try StoreCoding.encode(account)
        try await transaction { connection in
            var batch = WriteBatch()
            batch.add("""
                INSERT INTO account (id, user_key, status, record)
                VALUES (\(batch.value(account.id)), \(batch.value(account.userKey)), \(batch.value(account.status.rawValue)),
                        \(batch.value(record)))
                """)
            try await self.append([event], to: &batch, connection)
            try await self.execute(batch, connection)
        }
    }

    public func account(id: String) async throws -> AccountRecord? {
        try await read("SELECT record FROM account WHERE id = \(id)", Self.decodeAccount).first
    }

    public func account(userKey: String) async throws -> AccountRecord? {
        try await read("SELECT record FROM account WHERE user_key = \(userKey)", Self.decodeAccount).first
    }

    public func mutateAccount<Result: Sendable>(
        id: String, _ change: @escaping @Sendable (inout AccountRecord) throws -> AccountMutation<Result>
    ) async throws -> Result {
        try await transaction { connection in
            // NO KEY UPDATE: blocks every other change of this account, but not the foreign-key check of a
            // session being created for it at the same time.
            guard var account = try await self.fetchAccount(
                "SELECT record FROM account WHERE id = \(id) FOR NO KEY UPDATE", connection) else {
                throw StoreError(.notFound, "no account with this id")
            }
            let outcome = try change(&account)
            guard account.id == id else { throw StoreError(.corruptRecord, "an account's id cannot change") }
            var batch = WriteBatch()
            if outcome.writeRecord {
                // A user key taken by another account fails on the unique constraint, mapped to duplicateUserID.
                batch.add("""
                    UPDATE account SET user_key = \(batch.value(account.userKey)), status = \(batch.value(account.status.rawValue)),
                        record = \(batch.value(try StoreCoding.encode(account)))
                    WHERE id = \(batch.value(id))
                    """)
            }
            var events: [AuditEvent] = []
            if let ending = outcome.endSessions {
                events = try await self.endSessions(accountID: id, ending: ending, connection)
            }
            if let session = outcome.createSession {
                guard session.accountID == id else { throw StoreError(.corruptRecord, "a session must belong to the mutated account") }
                try Self.insertSession(session, into: &batch)
            }
            try await self.append(events + outcome.events, to: &batch, connection)
            try await self.execute(batch, connection)
            return outcome.result
        }
    }

    private func fetchAccount(_ query: PostgresQuery, _ connection: PostgresConnection) async throws -> AccountRecord? {
        try await rows(query, connection).first.map(Self.decodeAccount)
    }

    private static func decodeAccount(_ row: PostgresRow) throws -> AccountRecord {
        try StoreCoding.decode(AccountRecord.self, from: try row.decode(String.self), what: "account")
    }

    // MARK: Sessions

    public func createSession(_ session: SessionRecord, event: AuditEvent?) async throws {
        let record = try StoreCoding.encode(session)
        try await transaction { connection in
            guard try await !self.rows("SELECT 1 FROM account WHERE id = \(session.accountID)", connection).isEmpty else {
                throw StoreError(.notFound, "no account with this id")
            }
            var batch = WriteBatch()
            try Self.insertSession(session, record: record, into: &batch)
            if let event { try await self.append([event], to: &batch, connection) }
            try await self.execute(batch, connection)
        }
    }

    private static func insertSession(_ session: SessionRecord, record: String? = nil, into batch: inout WriteBatch) throws {
        let record = try record ?? StoreCoding.encode(session)
        batch.add("""
            INSERT INTO session (id, account_id, token_hash, live, created_at, record)
            VALUES (\(batch.value(session.id)), \(batch.value(session.accountID)), \(batch.value(ByteBuffer(bytes: session.tokenHash))),
                    \(batch.value(session.endedAt == nil)), \(batch.value(session.createdAt.millisecondsSince1970)), \(batch.value(record)))
            """)
    }

    public func session(tokenHash: [UInt8]) async throws -> SessionRecord? {
        try await read("SELECT record FROM session WHERE token_hash = \(ByteBuffer(bytes: tokenHash))", Self.decodeSession).first
    }

    public func session(id: String) async throws -> SessionRecord? {
        try await read("SELECT record FROM session WHERE id = \(id)", Self.decodeSession).first
    }

    public func liveSessions(accountID: String) async throws -> [SessionRecord] {
        try await read("SELECT record FROM session WHERE account_id = \(accountID) AND live ORDER BY created_at DESC, id",
                       Self.decodeSession)
    }

    public func mutateSession<Result: Sendable>(
        id: String, _ change: @escaping @Sendable (inout SessionRecord) throws -> (result: Result, events: [AuditEvent])
    ) async throws -> Result {
        try await transaction { connection in
            guard var session = try await self.fetchSessions("SELECT record FROM session WHERE id = \(id) FOR UPDATE", connection).first else {
                throw StoreError(.notFound, "no session with this id")
            }
            let original = session
            let (result, events) = try change(&session)
            guard session.id == original.id, session.accountID == original.accountID, session.tokenHash == original.tokenHash else {
                throw StoreError(.corruptRecord, "a session's id, account and token cannot change")
            }
            var batch = WriteBatch()
            if session != original { try Self.writeSession(session, into: &batch) }
            try await self.append(events, to: &batch, connection)
            try await self.execute(batch, connection)
            return result
        }
    }

    private func fetchSessions(_ query: PostgresQuery, _ connection: PostgresConnection) async throws -> [SessionRecord] {
        try await rows(query, connection).map(Self.decodeSession)
    }

    private static func decodeSession(_ row: PostgresRow) throws -> SessionRecord {
        try StoreCoding.decode(SessionRecord.self, from: try row.decode(String.self), what: "session")
    }

    private static func writeSession(_ session: SessionRecord, into batch: inout WriteBatch) throws {
        batch.add("""
            UPDATE session SET live = \(batch.value(session.endedAt == nil)), record = \(batch.value(try StoreCoding.encode(session)))
            WHERE id = \(batch.value(session.id))
            """)
    }

    /// Ends the account's live sessions and returns their audit events (appended by the caller, after the
    /// session rows are locked, to keep the lock order).
    private func endSessions(accountID: String, ending: SessionEnding,
                             _ connection: PostgresConnection) async throws -> [AuditEvent] {
        let time = ending.time
        let live = try await fetchSessions(
            "SELECT record FROM session WHERE account_id = \(accountID) AND live ORDER BY id FOR UPDATE", connection)
        var events: [AuditEvent] = []
        for var session in live where session.id != ending.except {
            session.endedAt = time
            session.endReason = ending.reason
            var batch = WriteBatch()
            try Self.writeSession(session, into: &batch)
            try await execute(batch, connection)
            events.append(AuditEvent(kind: .sessionEnded, time: time, accountID: accountID, operatorID: ending.operatorID,
                                     details: ["session": session.id, "reason": ending.reason.rawValue]))
        }
        return events
    }

    // MARK: Address throttling

    /// The first key of the advisory locks taken per address ("moat" in ASCII); the second is the address's hash.
    /// Two addresses with the same hash merely wait for each other.
    static let addressLockClass: Int32 = 0x6D6F_6174

    public func recordAddressFailure(address: String, at time: Date, window: TimeInterval) async throws -> Int {
        try checkFailureWindow(window)
        let now = time.millisecondsSince1970
        let start = now - Int64(window * 1000)
        return try await transaction { connection in
            // Serializes the servers' counts for this address: each sees every failure committed before it.
            try await self.execute("SELECT pg_advisory_xact_lock(\(Self.addressLockClass), hashtext(\(address)))", connection)
            try await self.execute("DELETE FROM address_failure WHERE address = \(address) AND at <= \(start)", connection)
            try await self.execute("INSERT INTO address_failure (address, at) VALUES (\(address), \(now))", connection)
            return try await self.count(address: address, after: start, upTo: now, connection)
        }
    }

    public func addressFailures(address: String, at time: Date, window: TimeInterval) async throws -> Int {
        try checkFailureWindow(window)
        let now = time.millisecondsSince1970
        return try await read(Self.countQuery(address: address, after: now - Int64(window * 1000), upTo: now)) {
            Int(try $0.decode(Int64.self))
        }.first ?? 0
    }

    private func count(address: String, after start: Int64, upTo end: Int64, _ connection: PostgresConnection) async throws -> Int {
        let row = try await rows(Self.countQuery(address: address, after: start, upTo: end), connection).first
        return Int(try row?.decode(Int64.self) ?? 0)
    }

    private static func countQuery(address: String, after start: Int64, upTo end: Int64) -> PostgresQuery {
        "SELECT COUNT(*) FROM address_failure WHERE address = \(address) AND at > \(start) AND at <= \(end)"
    }

    // MARK: Audit

    public func appendEvents(_ events: [AuditEvent]) async throws {
        guard !events.isEmpty else { return }
        try await transaction { connection in
            var batch = WriteBatch()
            try await self.append(events, to: &batch, connection)
            try await self.execute(batch, connection)
        }
    }

    /// Chains events and adds their rows and the new head to the caller's batch, inside the caller's
    /// transaction. The head row is locked here and stays locked until the commit, so no other server appends in
    /// between; it is the last lock a transaction takes, and the batch is sent right after, so the lock is held
    /// for two round trips (the batch and the commit).
    private func append(_ events: [AuditEvent], to batch: inout WriteBatch, _ connection: PostgresConnection) async throws {
        guard !events.isEmpty else { return }
        var head = try await fetchHead("SELECT sequence, mac, head_mac FROM audit_head WHERE id = 1 FOR UPDATE", connection)
        var rows: [String] = []
        for event in events {
            let entry = chain.seal(event, sequence: head.sequence + 1, previousMAC: head.mac)
            let values = [
                batch.value(entry.sequence), batch.value(event.time.millisecondsSince1970), batch.value(event.kind.rawValue),
                batch.value(event.accountID), batch.value(event.userID), batch.value(event.clientAddress),
                batch.value(event.operatorID), batch.value(try StoreCoding.encodeDetails(event.details)),
                batch.value(ByteBuffer(bytes: entry.previousMAC)), batch.value(ByteBuffer(bytes: entry.mac)),
            ]
            rows.append("(" + values.joined(separator: ", ") + ")")
            head = chain.head(after: entry)
        }
        batch.add("""
            INSERT INTO audit_log (sequence, time, kind, account_id, user_id, client_address, operator_id, details, previous_mac, mac)
            VALUES \(rows.joined(separator: ", "))
            """)
        batch.add("""
            UPDATE audit_head SET sequence = \(batch.value(head.sequence)), mac = \(batch.value(ByteBuffer(bytes: head.mac))),
                head_mac = \(batch.value(ByteBuffer(bytes: head.headMAC)))
            WHERE id = 1
            """)
    }

    public func auditEntries(from sequence: Int64, limit: Int) async throws -> [AuditEntry] {
        try await read("""
            SELECT sequence, time, kind, account_id, user_id, client_address, operator_id, details, previous_mac, mac
            FROM audit_log WHERE sequence >= \(sequence) ORDER BY sequence LIMIT \(Int64(max(0, limit)))
            """) { row in
            let (sequence, time, kind, accountID, userID, address, operatorID, detailsText, previousMAC, mac) = try row.decode(
                (Int64, Int64, String, String?, String?, String?, String?, String, ByteBuffer, ByteBuffer).self)
            let details = try StoreCoding.decode([String: String].self, from: detailsText, what: "audit entry")
            let event = AuditEvent(kind: .init(rawValue: kind), time: Date(millisecondsSince1970: time), accountID: accountID,
                                   userID: userID, clientAddress: address, operatorID: operatorID, details: details)
            return AuditEntry(sequence: sequence, event: event,
                              previousMAC: Array(previousMAC.readableBytesView), mac: Array(mac.readableBytesView))
        }
    }

    public func auditHead() async throws -> AuditHead {
        guard let head = try await read("SELECT sequence, mac, head_mac FROM audit_head WHERE id = 1", Self.decodeHead).first else {
            throw StoreError(.corruptRecord, "the audit head record is missing")
        }
        return head
    }

    private func fetchHead(_ query: PostgresQuery, _ connection: PostgresConnection) async throws -> AuditHead {
        guard let row = try await rows(query, connection).first else {
            throw StoreError(.corruptRecord, "the audit head record is missing")
        }
        return try Self.decodeHead(row)
    }

    private static func decodeHead(_ row: PostgresRow) throws -> AuditHead {
        let (sequence, mac, headMAC) = try row.decode((Int64, ByteBuffer, ByteBuffer).self)
        return AuditHead(sequence: sequence, mac: Array(mac.readableBytesView), headMAC: Array(headMAC.readableBytesView))
    }

    // MARK: Plumbing

    /// How often a transaction that PostgreSQL aborted to break a deadlock or a serialization conflict is
    /// tried again. Both abort before anything is written, so trying again is safe.
    static let attempts = 3

    /// Runs `body` in one transaction on one pooled connection: committed when it returns, rolled back when it
    /// throws. Errors from PostgreSQL become ``StoreError``s without statement text or values; errors thrown by
    /// the caller's closures pass through unchanged.
    func transaction<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await client.withConnection { connection in
                    try await self.execute("BEGIN", connection)
                    do {
                        let value = try await body(connection)
                        try await self.execute("COMMIT", connection)
                        return value
                    } catch {
                        do {
                            try await self.execute("ROLLBACK", connection)
                        } catch {
                            // The connection is in an unknown state; let the pool replace it.
                            try? await connection.close()
                        }
                        throw error
                    }
                }
            } catch let error as PSQLError where attempt < Self.attempts && Self.isTransient(error) {
                attempt += 1
            } catch {
                throw Self.storeError(error)
            }
        }
    }

    /// Runs a single read statement outside an explicit transaction (it is one by itself), saving the two
    /// round trips of `BEGIN` and `COMMIT` on the hot paths such as session look-ups.
    func read<T: Sendable>(_ query: PostgresQuery, _ transform: (PostgresRow) throws -> T) async throws -> [T] {
        do {
            return try await client.withConnection { connection in
                try await self.rows(query, connection).map(transform)
            }
        } catch {
            throw Self.storeError(error)
        }
    }

    private static func isTransient(_ error: PSQLError) -> Bool {
        guard error.code == .server, let state = error.serverInfo?[.sqlState] else { return false }
        return state == "40P01" || state == "40001"
    }

    /// Names of the constraints whose violation means a taken user ID.
    static let userKeyConstraint = "account_user_key_unique"

    static func storeError(_ error: any Error, connecting: Bool = false, to configuration: Configuration? = nil) -> any Error {
        let place = configuration.map { "the \($0)" } ?? "the PostgreSQL database"
        switch error {
        case let error as PSQLError:
            guard error.code == .server else {
                return StoreError(.unavailable, "cannot \(connecting ? "connect to" : "use") \(place) (\(error.code))")
            }
            let state = error.serverInfo?[.sqlState] ?? "?"
            if state == "23505", error.serverInfo?[.constraintName] == userKeyConstraint {
                return StoreError(.duplicateUserID, "an account with this user ID exists")
            }
            // Known states are named; otherwise the SQLSTATE only, since the server's message may quote stored
            // values.
            let reasons = [
                "28P01": "the password was not accepted", "28000": "the server refused this role",
                "3D000": "the database does not exist", "53300": "the server has too many connections",
                "57P03": "the server is starting up or shutting down",
            ]
            let reason = reasons[state].map { "\($0), SQLSTATE \(state)" } ?? "SQLSTATE \(state)"
            return StoreError(.unavailable, "\(place) refused the \(connecting ? "connection" : "operation") (\(reason))")
        case is PostgresDecodingError:
            return StoreError(.corruptRecord, "a stored row has an unexpected type")
        default:
            return error
        }
    }

    func rows(_ query: PostgresQuery, _ connection: PostgresConnection) async throws -> [PostgresRow] {
        try await connection.query(query, logger: logger).collect()
    }

    func execute(_ query: PostgresQuery, _ connection: PostgresConnection) async throws {
        _ = try await rows(query, connection)
    }

    /// Sends a batch of writes as one statement; nothing when it is empty.
    func execute(_ batch: WriteBatch, _ connection: PostgresConnection) async throws {
        if let query = batch.query { try await execute(query, connection) }
    }
}
