import Crypto
import Foundation
import Testing
@testable import BreachedPasswords

struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("Breached-password filter")
struct BreachedPasswordFilterTests {
    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("moat-filter-\(UUID().uuidString).bpf").path
    }

    @Test("10 million entries: no false negatives, false positives at most 0.5%, at most 10 bits per entry")
    func large() throws {
        var rng = SeededGenerator(state: 42)
        let keys = (0..<10_000_000).map { _ in rng.next() }
        let distinct = BreachedPasswordFilterBuilder.distinct(keys)
        var seeds = SeededGenerator(state: 7)
        let (layout, fingerprints) = try BinaryFuseBuilder.build(keys: distinct, seeds: &seeds)
        let filter = BreachedPasswordFilter(layout: layout, fingerprints: fingerprints, count: distinct.count)
        var missing = 0
        for key in keys where !filter.contains(key: key) { missing += 1 }
        #expect(missing == 0)
        var falsePositives = 0
        let trials = 1_000_000
        var other = SeededGenerator(state: 999)
        for _ in 0..<trials where filter.contains(key: other.next()) { falsePositives += 1 }
        let rate = Double(falsePositives) / Double(trials)
        print("breached filter: 10M entries, \(String(format: "%.3f", filter.bitsPerEntry)) bits/entry, false-positive rate \(String(format: "%.4f%%", rate * 100)) (\(falsePositives) of \(trials))")
        #expect(rate <= 0.005)
        #expect(filter.bitsPerEntry <= 10)
    }

    @Test("small and empty filters work", arguments: [0, 1, 2, 3, 10, 100, 1_000])
    func small(count: Int) throws {
        var builder = BreachedPasswordFilterBuilder()
        for i in 0..<count { try builder.add(password: "password-\(i)") }
        let filter = try builder.build()
        #expect(filter.count == count)
        for i in 0..<count { #expect(filter.contains(password: "password-\(i)")) }
        if count == 0 { #expect(!filter.contains(password: "anything")) }
    }

    @Test("a Pwned Passwords style list: either case, counts, CRLF, blank lines, duplicates; through a file and back")
    func textList() throws {
        let passwords = ["password", "123456", "パスワード", "correct horse"]
        var lines = passwords.map { Insecure.SHA1.hash(data: Array($0.utf8)).map { String(format: "%02X", $0) }.joined() + ":42" }
        lines[1] = lines[1].lowercased().replacingOccurrences(of: ":42", with: "")
        lines.append(lines[0])
        let text = lines.joined(separator: "\r\n") + "\r\n\n"
        let list = Self.temporaryPath() + ".txt"
        try Data(text.utf8).write(to: URL(fileURLWithPath: list))
        defer { try? FileManager.default.removeItem(atPath: list) }
        var builder = BreachedPasswordFilterBuilder()
        var reported = 0
        try builder.add(contentsOf: list) { reported = $0 }
        #expect(reported == 6)
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = try builder.write(to: path)
        let filter = try BreachedPasswordFilter(contentsOf: path)
        #expect(filter.count == 4)
        for password in passwords { #expect(filter.contains(password: password)) }
    }

    @Test("malformed lines are errors naming the line", arguments: [
        ("5BAA61E4C9B93F3F0682250B6CF8331B7EE68FD\n", "malformed-line"),              // 39 digits
        ("5BAA61E4C9B93F3F0682250B6CF8331B7EE68FDZ\n", "malformed-line"),             // not hex
        ("5BAA61E4C9B93F3F0682250B6CF8331B7EE68FD8;3\n", "malformed-line"),           // wrong separator
        ("5BAA61E4C9B93F3F0682250B6CF8331B7EE68FD8:\n", "malformed-line"),            // empty count
        ("5BAA61E4C9B93F3F0682250B6CF8331B7EE68FD8:12a\n", "malformed-line"),         // bad count
        ("5BAA61E4C9B93F3F0682250B6CF8331B7EE68FD8:-1\n", "malformed-line"),          // negative
        (" 5BAA61E4C9B93F3F0682250B6CF8331B7EE68FD8\n", "malformed-line"),            // leading space
        ("5BAA61E4C9B93F3F0682250B6CF8331B7EE68FD8:1:2\n", "malformed-line"),
        ("5BAA61E4C9B93F3F0682250B6CF8331B7EE68FD8:" + String(repeating: "1", count: 300) + "\n", "line-too-long"),
        (String(repeating: "A", count: 5_000_000), "line-too-long"),                 // no newline at all
    ])
    func malformed(text: String, code: String) throws {
        let list = Self.temporaryPath() + ".txt"
        try Data(("5BAA61E4C9B93F3F0682250B6CF8331B7EE68FD8\n" + text).utf8).write(to: URL(fileURLWithPath: list))
        defer { try? FileManager.default.removeItem(atPath: list) }
        var builder = BreachedPasswordFilterBuilder()
        do {
            try builder.add(contentsOf: list)
            Issue.record("accepted \(text.prefix(60))")
        } catch let error as BreachedPasswordsError {
            #expect(error.code.description == code)
            #expect(error.message.contains("line 2"))
        }
    }

    @Test("damaged filter files are errors, never crashes")
    func damagedFiles() throws {
        var builder = BreachedPasswordFilterBuilder()
        for i in 0..<5_000 { try builder.add(password: "pw\(i)") }
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = try builder.write(to: path)
        let good = try Data(contentsOf: URL(fileURLWithPath: path))
        var cases: [(Data, String)] = [
            (Data(), "not-a-filter"),
            (good.prefix(50), "not-a-filter"),
            (good.prefix(good.count - 1), "corrupt-filter"),
            (good + Data([0]), "corrupt-filter"),
            (Data("not a filter at all, just some text that is long enough to pass the size test, yes indeed it is".utf8), "not-a-filter"),
        ]
        for (offset, code) in [(8, "unsupported-version"), (20, "corrupt-filter"), (30, "corrupt-filter"), (40, "corrupt-filter"),
                               (85, "corrupt-filter"), (200, "corrupt-filter"), (good.count - 1, "corrupt-filter")] {
            var damaged = good
            damaged[offset] ^= 0x01
            cases.append((damaged, code))
        }
        for (index, (bytes, code)) in cases.enumerated() {
            let damagedPath = Self.temporaryPath()
            defer { try? FileManager.default.removeItem(atPath: damagedPath) }
            try bytes.write(to: URL(fileURLWithPath: damagedPath))
            do {
                _ = try BreachedPasswordFilter(contentsOf: damagedPath)
                Issue.record("case \(index) opened")
            } catch let error as BreachedPasswordsError {
                #expect(error.code.description == code, "case \(index): \(error)")
            }
        }
        #expect(throws: BreachedPasswordsError.self) { try BreachedPasswordFilter(contentsOf: "/nonexistent/filter.bpf") }
    }

    @Test("a damaged body is found only when contents are verified (the header is always checked)")
    func bodyDigest() throws {
        var builder = BreachedPasswordFilterBuilder()
        for i in 0..<1_000 { try builder.add(password: "pw\(i)") }
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = try builder.write(to: path)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes[150] ^= 0xFF
        try bytes.write(to: URL(fileURLWithPath: path))
        #expect(throws: BreachedPasswordsError.self) { try BreachedPasswordFilter(contentsOf: path) }
        #expect(try BreachedPasswordFilter(contentsOf: path, verifyContents: false).count == 1_000)
    }
}
