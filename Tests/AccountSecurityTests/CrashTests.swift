import Foundation
import Storage
import StoreTestSupport
import Testing

/// Kills a writing process with SIGKILL at random moments; every write it acknowledged must survive, and the
/// audit chain must verify after each restart.
@Suite("Crash safety")
struct CrashTests {
    static var worker: URL {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        while !FileManager.default.isExecutableFile(atPath: directory.appendingPathComponent("MoatCrashWorker").path),
              directory.path != "/" {
            directory = directory.deletingLastPathComponent()
        }
        return directory.appendingPathComponent("MoatCrashWorker")
    }

    @Test("acknowledged writes survive SIGKILL, ten times over", arguments: StoreFixtures.all())
    func killed(kind: StoreKind) async throws {
        switch kind {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("moat-crash-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let path = directory.appendingPathComponent("moat.sqlite").path
            try await Self.rounds(arguments: ["sqlite", path]) { body in
                try await body(try SQLiteStore(path: path, chain: Self.chain))
            }
        case .postgres:
            try await PostgresTestDatabase.withFreshDatabase { configuration in
                let url = try PostgresTestDatabase.url(for: configuration.database)
                try await Self.rounds(arguments: ["postgres", url]) { body in
                    try await PostgresStore.withStore(configuration: configuration, chain: Self.chain) { try await body($0) }
                }
            }
        }
    }

    static var chain: AuditChain { try! AuditChain(key: [UInt8](repeating: 0x2A, count: 32)) }

    /// Ten rounds of: run the worker, kill it, reopen the store, check every acknowledged write and the chain.
    static func rounds(arguments: [String],
                       open: (@escaping (any SecurityStore) async throws -> Void) async throws -> Void) async throws {
        var rng = SystemRandomNumberGenerator()
        var acknowledged: [String] = []
        for round in 0..<10 {
            let lines = try runAndKill(arguments: arguments, afterMilliseconds: Int.random(in: 300...900, using: &rng))
            #expect(!lines.isEmpty, "round \(round): the worker acknowledged nothing")
            acknowledged += lines
            let all = acknowledged
            try await open { store in
                try await checkAcknowledged(all, in: store)
                let verdict = try await verifyChain(store, chain: chain)
                guard case .intact = verdict else { Issue.record("round \(round): \(verdict)"); return }
            }
        }
    }

    /// Starts the worker, lets it write for a while, kills it with SIGKILL and returns the complete lines it
    /// printed (a line cut by the kill is not an acknowledgement).
    static func runAndKill(arguments: [String], afterMilliseconds delay: Int) throws -> [String] {
        let process = Process()
        process.executableURL = worker
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        usleep(UInt32(delay) * 1_000)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        var lines = text.components(separatedBy: "\n")
        lines.removeLast() // after the last newline: empty, or a line the kill cut short
        return lines
    }

    static func checkAcknowledged(_ lines: [String], in store: any SecurityStore) async throws {
        for line in lines {
            let parts = line.split(separator: " ").map(String.init)
            switch parts.first {
            case "account":
                #expect(try await store.account(id: parts[1]) != nil, "lost \(line)")
            case "counter":
                let account = try await store.account(id: parts[1])
                // The login that follows counts its attempt first, then resets the counter and sets the last login:
                // the acknowledged value is there, or a later write built on it.
                #expect((account?.passwordCounter.failures ?? 0) >= Int(parts[2])! || account?.lastLoginAt != nil, "lost \(line)")
            case "session":
                #expect(try await store.session(id: parts[1]) != nil, "lost \(line)")
            default:
                Issue.record("unexpected worker output: \(line)")
            }
        }
    }
}
