// A process that writes to a store as fast as it can and acknowledges each committed write on standard
// output, for the crash tests: they kill it with SIGKILL at random moments and then check that every
// acknowledged write survived and that the audit chain still verifies.
//
// Usage: MoatCrashWorker sqlite PATH | postgres URL   (the audit key is 32 bytes of 0x2A)
import AccountSecurity
import Foundation
import PasswordHashing
import Storage

/// Writes an acknowledgement straight to the file descriptor (no buffering), after the write committed.
func acknowledge(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

let arguments = CommandLine.arguments
let chain = try AuditChain(key: [UInt8](repeating: 0x2A, count: 32))
switch (arguments.count, arguments.count > 1 ? arguments[1] : "") {
case (3, "sqlite"):
    try await CrashWorker(store: try SQLiteStore(path: arguments[2], chain: chain)).run()
case (3, "postgres"):
    try await PostgresStore.withStore(url: arguments[2], chain: chain) { store in
        try await CrashWorker(store: store).run()
    }
default:
    FileHandle.standardError.write(Data("usage: MoatCrashWorker sqlite PATH | postgres URL\n".utf8))
    exit(2)
}

struct CrashWorker {
    let store: any SecurityStore

    func run() async throws {
        var hashing = PasswordHasher.Configuration()
        hashing.memoryKiB = 64
        hashing.iterations = 1
        let hasher = try PasswordHasher(configuration: hashing)
        let service = try AccountService(store: store, hasher: hasher)
        let passwordHash = try hasher.hash("Worker-Password-1")
        let pinHash = try hasher.hash("4826")
        let run = UUID().uuidString.prefix(8)
        var n = 0
        while true {
            n += 1
            let userID = "crash-\(run)-\(n)"
            let now = Date()
            let account = AccountRecord(id: UUID().uuidString, userID: userID, userKey: UserKey.make(userID)!,
                                        displayName: "Worker \(n)", birthDate: "1990-01-01", email: "w\(n)@example.jp",
                                        phoneDigits: "", passwordHash: passwordHash, tradingPINHash: pinHash,
                                        phonePINHash: pinHash, createdAt: now)
            try await store.createAccount(account, event: AuditEvent(kind: .accountCreated, time: now, accountID: account.id))
            acknowledge("account \(account.id)")
            let failures = try await store.mutateAccount(id: account.id) { record in
                record.passwordCounter.failures += 3
                return AccountMutation(result: record.passwordCounter.failures,
                                       events: [AuditEvent(kind: .loginFailed, time: now, accountID: record.id)])
            }
            acknowledge("counter \(account.id) \(failures)")
            if case let .authenticated(session, _) = try await service.login(
                userID: userID, password: "Worker-Password-1", client: ClientInfo(address: "127.0.0.1"), at: now) {
                acknowledge("session \(session.id)")
            }
        }
    }
}
