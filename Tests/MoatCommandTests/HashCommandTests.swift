import Foundation
import Testing

@Suite("moat hash")
struct HashCommandTests {
    let small = ["--memory", "64", "--iterations", "1"]

    @Test("prints a PHC string and exits 0")
    func hash() throws {
        let result = try CommandRunner.run(["hash"] + small, input: "correct horse\n")
        #expect(result.status == 0)
        #expect(result.standardOutput.hasPrefix("$argon2id$v=19$m=64,t=1,p=1$"))
        #expect(!result.standardOutput.contains("correct horse"))
    }

    @Test("--algorithm and --parallelism are honoured")
    func options() throws {
        let result = try CommandRunner.run(["hash", "--algorithm", "argon2i", "--memory", "256", "--iterations", "3", "--parallelism", "4"],
                                           input: "pw\n")
        #expect(result.status == 0)
        #expect(result.standardOutput.hasPrefix("$argon2i$v=19$m=256,t=3,p=4$"))
    }

    @Test("--verify: match 0, match (rehash advised) 0, mismatch 1")
    func verify() throws {
        let hash = try CommandRunner.run(["hash"] + small, input: "ｐａｓｓ１２３\n").standardOutput
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let match = try CommandRunner.run(["hash", "--verify", hash] + small, input: "pass123\n")
        #expect(match.status == 0 && match.standardOutput == "match\n")
        let rehash = try CommandRunner.run(["hash", "--verify", hash], input: "pass123\r\n")
        #expect(rehash.status == 0 && rehash.standardOutput == "match (rehash advised)\n")
        let mismatch = try CommandRunner.run(["hash", "--verify", hash] + small, input: "pass124\n")
        #expect(mismatch.status == 1 && mismatch.standardOutput == "mismatch\n")
    }

    @Test("bad input exits 2 with a message and no output", arguments: [
        (["hash", "--verify", "$argon2id$v=19$m=0"], "pw\n"),
        (["hash", "--verify", "$argon2id$v=19$m=99999999,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$zRYzVLo5s0HD8yiYB5wRVi0tkb4Zq6PSpMb2lwmLzZ4"], "pw\n"),
        (["hash", "--verify", "$md5$x"], "pw\n"),
        (["hash"], ""),
        (["hash"], "\n"),
        (["hash"], String(repeating: "a", count: 1_025) + "\n"),
        (["hash", "--algorithm", "argon3"], "pw\n"),
        (["hash", "--memory", "2"], "pw\n"),
        (["hash", "--iterations", "0"], "pw\n"),
        (["hash", "--no-such-option"], "pw\n"),
        (["hash", "--memory", "lots"], "pw\n"),
    ])
    func badInput(arguments: [String], input: String) throws {
        let result = try CommandRunner.run(arguments, input: input)
        #expect(result.status == 2, "\(arguments): \(result.standardError)")
        #expect(result.standardOutput.isEmpty)
        #expect(!result.standardError.isEmpty)
    }

    @Test("invalid UTF-8 on standard input is refused")
    func invalidUTF8() throws {
        // A Swift String cannot hold invalid UTF-8, so the raw bytes go through a file.
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("moat-invalid-\(UUID()).txt")
        try Data([0x66, 0xFF, 0x0A]).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let process = Process()
        process.executableURL = CommandRunner.executable
        process.arguments = ["hash"] + small
        process.standardInput = try FileHandle(forReadingFrom: url)
        process.standardOutput = Pipe()
        process.standardError = Pipe()
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
    }

    @Test("--help documents the exit codes")
    func help() throws {
        let result = try CommandRunner.run(["hash", "--help"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("Exit codes"))
        #expect(result.standardOutput.contains("2  bad input"))
    }
}
