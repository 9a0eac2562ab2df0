import AccountSecurity
import ArgumentParser
import Foundation
import PasswordHashing
import Storage

/// Where Moat keeps its data: `--data DIR` (SQLite, the embedded default) or `--postgres URL`.
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: "Data folder: the SQLite database and, unless MOAT_AUDIT_KEY is set, the audit key.")
    var data: String = "./moat-data"

    @Option(name: .long, help: "PostgreSQL URL, for several servers sharing one database (the audit key then comes from MOAT_AUDIT_KEY or the data folder).")
    var postgres: String?

    /// The audit chain's key: MOAT_AUDIT_KEY (base64, at least 32 bytes) or `<data>/keys/audit.key`, created
    /// on first use with mode 0600. Kept outside the database so that write access to the database is not
    /// enough to rewrite the log.
    func auditChain(create: Bool) throws -> AuditChain {
        if let text = ProcessInfo.processInfo.environment["MOAT_AUDIT_KEY"] {
            guard let key = Data(base64Encoded: text), key.count >= 32 else {
                throw CommandFailure(message: "moat: MOAT_AUDIT_KEY must be base64 of at least 32 bytes", exitCode: 2)
            }
            return try AuditChain(key: Array(key))
        }
        return try AuditChain(key: try KeyFile(path: "\(data)/keys/audit.key").load(create: create))
    }

    /// Opens the store and runs `body` with it.
    func withStore<T: Sendable>(create: Bool = false, _ body: (any SecurityStore, AuditChain) async throws -> T) async throws -> T {
        if let postgres {
            // Every server writing to the shared log must use the same key: a key file of one machine will not do.
            guard ProcessInfo.processInfo.environment["MOAT_AUDIT_KEY"] != nil else {
                throw CommandFailure(message: "moat: with --postgres, set MOAT_AUDIT_KEY (base64 of at least 32 bytes), the audit key every server shares", exitCode: 2)
            }
            let chain = try auditChain(create: false)
            do {
                return try await PostgresStore.withStore(url: postgres, chain: chain) { store in try await body(store, chain) }
            } catch let error as StoreError where error.code == .invalidConfiguration || error.code == .unavailable || error.code == .schemaTooNew {
                throw CommandFailure(message: "moat: \(error.message)", exitCode: 2)
            }
        }
        let database = "\(data)/moat.sqlite"
        if !create && !FileManager.default.fileExists(atPath: database) {
            throw CommandFailure(message: "moat: no Moat database in \(data) (use --data, or create an account first)", exitCode: 2)
        }
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let chain = try auditChain(create: create)
        let store = try SQLiteStore(path: database, chain: chain)
        return try await body(store, chain)
    }

    /// Opens the store and the account service (hashing with the defaults).
    func withService<T: Sendable>(create: Bool = false, _ body: (AccountService) async throws -> T) async throws -> T {
        try await withStore(create: create) { store, _ in
            try await body(try AccountService(store: store, hasher: try PasswordHasher()))
        }
    }
}

/// A secret key in a file of its own: 32 random bytes, created atomically with mode 0600 when missing.
struct KeyFile {
    let path: String

    func load(create: Bool) throws -> [UInt8] {
        if let data = FileManager.default.contents(atPath: path) {
            guard data.count >= 32 else { throw CommandFailure(message: "moat: \(path) holds fewer than 32 bytes", exitCode: 2) }
            return Array(data)
        }
        guard create else { throw CommandFailure(message: "moat: the key file \(path) is missing", exitCode: 2) }
        let directory = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        var generator = SystemRandomNumberGenerator()
        let key = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let temporary = path + ".tmp-\(UUID().uuidString)"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(key), attributes: [.posixPermissions: 0o600]) else {
            throw CommandFailure(message: "moat: cannot write \(path)", exitCode: 2)
        }
        // Another process may have created it meanwhile: keep the first one.
        if FileManager.default.fileExists(atPath: path) {
            try? FileManager.default.removeItem(atPath: temporary)
            return try load(create: false)
        }
        try FileManager.default.moveItem(atPath: temporary, toPath: path)
        return key
    }
}
