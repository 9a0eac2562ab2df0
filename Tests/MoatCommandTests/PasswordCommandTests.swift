import Foundation
import Testing

@Suite("moat password")
struct PasswordCommandTests {
    @Test("check: accepted 0, rejected 1 with every reason, JSON in the documented shape")
    func check() throws {
        let ok = try CommandRunner.run(["password", "check", "--user-id", "TaroYamada", "--birth-date", "1985-03-15", "--lang", "en"],
                                       input: "Kumo-no-Ue7Sora!Wing\n")
        #expect(ok.status == 0, "\(ok.standardOutput)")
        let rejected = try CommandRunner.run(["password", "check", "--user-id", "TaroYamada", "--birth-date", "1985-03-15", "--json"],
                                             input: "taroyamada850315\n")
        #expect(rejected.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(rejected.standardOutput.utf8)) as? [String: Any])
        #expect(object["accepted"] as? Bool == false)
        let violations = try #require(object["violations"] as? [[String: Any]])
        let codes = violations.compactMap { $0["code"] as? String }
        #expect(codes.contains("same-as-user-id") && codes.contains("birth-date"))
        #expect(violations.allSatisfy { ($0["message"] as? String)?.isEmpty == false })
        let strength = try #require(object["strength"] as? [String: Any])
        #expect(strength["score"] is Int && strength["guessesLog10"] is Double)
        let pin = try CommandRunner.run(["password", "check", "--user-id", "x", "--kind", "trading-pin", "--json", "--lang", "en",
                                         "--phone", "0312345678"], input: "5678\n")
        #expect(pin.status == 1 && pin.standardOutput.contains("\"phone-number\""))
    }

    @Test("check: bad input exits 2", arguments: [
        (["--user-id", "x", "--kind", "pin"], "pw\n"), (["--user-id", "x", "--birth-date", "1985-02-30"], "pw\n"),
        (["--user-id", "x", "--lang", "fr"], "pw\n"), (["--user-id", "x"], ""), (["--user-id", "x", "--min-score", "7"], "pw\n"),
        (["--user-id", "x", "--breached-filter", "/nonexistent"], "pw\n"), (["--kind", "login"], "pw\n"),
    ])
    func checkBadInput(arguments: [String], input: String) throws {
        let result = try CommandRunner.run(["password", "check"] + arguments, input: input)
        #expect(result.status == 2, "\(arguments): \(result.standardError)")
    }

    @Test("build-filter: a list becomes a filter that check uses; a malformed line is exit 2 with its number")
    func buildFilter() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("moat-bf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // SHA-1 of "Kumo-no-Ue7Sora!Wing" and of "password", as the downloadable list writes them.
        let list = directory.appendingPathComponent("hashes.txt")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sh", "-c", "printf 'Kumo-no-Ue7Sora!Wing' | sha1sum | cut -c1-40 | tr a-f A-F; printf password | sha1sum | cut -c1-40"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        process.waitUntilExit()
        let hashes = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .split(separator: "\n").map { $0 + ":17" }.joined(separator: "\n") + "\n"
        try Data(hashes.utf8).write(to: list)
        let filter = directory.appendingPathComponent("breached.bpf").path
        let built = try CommandRunner.run(["password", "build-filter", list.path, "-o", filter])
        #expect(built.status == 0, "\(built.standardError)")
        #expect(built.standardOutput.hasPrefix("2 entries"))
        let checked = try CommandRunner.run(["password", "check", "--user-id", "x", "--breached-filter", filter, "--json"],
                                            input: "Kumo-no-Ue7Sora!Wing\n")
        #expect(checked.status == 1 && checked.standardOutput.contains("\"breached\""))

        try Data((hashes + "not-a-hash\n").utf8).write(to: list)
        let bad = try CommandRunner.run(["password", "build-filter", list.path, "-o", filter])
        #expect(bad.status == 2 && bad.standardError.contains("line 3"))
        #expect(try CommandRunner.run(["password", "build-filter", "/nonexistent", "-o", filter]).status == 2)
    }
}
