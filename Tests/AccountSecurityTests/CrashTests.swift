import Foundation
import Storage
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

    @Test("SQLite: acknowledged writes survive SIGKILL, ten times over")
    func sqlite() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("moat-crash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("moat.sqlite").path
        var rng = SystemRandomNumberGenerator()
        var acknowledged: [String] = []
        for round in 0..<10 {
            let lines = try Self.runAndKill(arguments: ["sqlite", path], afterMilliseconds: Int.random(in: 150...600, using: &rng))
            #expect(!lines.isEmpty, "round \(round): the worker acknowledged nothing")
            acknowledged += lines
            let chain = try AuditChain(key: [UInt8](repeating: 0x2A, count: 32))
            let store = try SQLiteStore(path: path, chain: chain)
            try await Self.checkAcknowledged(acknowledged, in: store)
            var verifier = AuditChain.Verifier(chain: chain)
            var next: Int64 = 1
            while true {
                let page = try await store.auditEntries(from: next, limit: 1_000)
                for entry in page { verifier.consume(entry) }
                guard let last = page.last else { break }
                next = last.sequence + 1
            }
            let verdict = verifier.finish(head: try await store.auditHead())
            guard case .intact = verdict else { Issue.record("round \(round): \(verdict)"); return }
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
