import Foundation
import GRDB
import Storage
import StoreTestSupport
import Testing

@Suite("moat account, sessions and audit")
struct AccountCommandTests {
    /// A fresh data folder, with its own audit key.
    static func dataFolder() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("moat-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    static func create(_ data: String, userID: String = "TaroYamada", input: String = "Kumo-no-Ue7Sora!Wing\n2749\n5830\n") throws -> CommandRunner.Result {
        try CommandRunner.run(["account", "create", "--data", data, "--user-id", userID, "--birth-date", "1985-03-15",
                               "--email", "taro@example.jp", "--phone", "09012345678", "--name", "山田太郎"], input: input)
    }

    @Test("create, show (text and JSON), lock, unlock; the credentials never appear")
    func lifecycle() throws {
        let data = try Self.dataFolder()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let created = try Self.create(data)
        #expect(created.status == 0, "\(created.standardError)")
        let keyPath = data + "/keys/audit.key"
        let attributes = try FileManager.default.attributesOfItem(atPath: keyPath)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)

        let shown = try CommandRunner.run(["account", "show", "taroyamada", "--data", data])
        #expect(shown.status == 0 && shown.standardOutput.contains("status: active") && shown.standardOutput.contains("山田太郎"))
        #expect(!shown.standardOutput.contains("Kumo") && !shown.standardOutput.contains("2749"))
        let json = try CommandRunner.run(["account", "show", "TaroYamada", "--data", data, "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        #expect(object["userID"] as? String == "TaroYamada" && object["status"] as? String == "active")

        #expect(try CommandRunner.run(["account", "lock", "TaroYamada", "--operator", "sec-1", "--data", data]).status == 0)
        #expect(try CommandRunner.run(["account", "show", "TaroYamada", "--data", data]).standardOutput.contains("status: locked"))
        #expect(try CommandRunner.run(["account", "unlock", "TaroYamada", "--operator", "desk-2", "--data", data]).status == 0)
        #expect(try CommandRunner.run(["account", "show", "TaroYamada", "--data", data]).standardOutput.contains("status: active"))
        #expect(try CommandRunner.run(["sessions", "list", "TaroYamada", "--data", data]).status == 0)
        #expect(try CommandRunner.run(["sessions", "end", "TaroYamada", "--all", "--data", data]).status == 0)

        let verified = try CommandRunner.run(["audit", "verify", "--data", data])
        #expect(verified.status == 0 && verified.standardOutput.hasPrefix("intact: "))
        let exported = try CommandRunner.run(["audit", "export", "--data", data, "--account", "TaroYamada"])
        let lines = exported.standardOutput.split(separator: "\n")
        #expect(lines.count >= 3)
        for line in lines {
            let entry = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(entry["sequence"] is Int && entry["kind"] is String && entry["mac"] is String)
        }
        #expect(lines.contains { $0.contains("\"operatorId\":\"desk-2\"") && $0.contains("unlocked") })
        #expect(try CommandRunner.run(["audit", "export", "--data", data, "--since", "2999-01-01"]).standardOutput.isEmpty)
    }

    @Test("the policy's reasons come back and nothing is created")
    func refused() throws {
        let data = try Self.dataFolder()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let refused = try Self.create(data, input: "taroyamada1985\n1234\n1234\n")
        #expect(refused.status == 1)
        #expect(refused.standardOutput.contains("login same-as-user-id") && refused.standardOutput.contains("trading-pin sequence"))
        #expect(try CommandRunner.run(["account", "show", "TaroYamada", "--data", data]).status == 2)
    }

    @Test("bad input exits 2 and changes nothing", arguments: [
        ["account", "show", "nobody"], ["account", "unlock", "nobody", "--operator", "x"],
        ["account", "lock", "TaroYamada", "--operator", "has space"], ["sessions", "end", "TaroYamada"],
        ["sessions", "end", "TaroYamada", "no-such-session"], ["audit", "export", "--since", "yesterday"],
        ["audit", "export", "--account", "nobody"],
    ])
    func badInput(arguments: [String]) throws {
        let data = try Self.dataFolder()
        defer { try? FileManager.default.removeItem(atPath: data) }
        #expect(try Self.create(data).status == 0)
        let before = try CommandRunner.run(["audit", "export", "--data", data]).standardOutput
        let result = try CommandRunner.run(arguments + ["--data", data])
        #expect(result.status == 2, "\(arguments): \(result.standardError)")
        #expect(!result.standardError.isEmpty)
        #expect(try CommandRunner.run(["audit", "export", "--data", data]).standardOutput == before)
    }

    @Test("account create: missing lines, a taken user ID, a bad date")
    func createErrors() throws {
        let data = try Self.dataFolder()
        defer { try? FileManager.default.removeItem(atPath: data) }
        #expect(try Self.create(data, input: "Kumo-no-Ue7Sora!Wing\n").status == 2)
        #expect(try Self.create(data).status == 0)
        #expect(try Self.create(data, userID: "ｔａｒｏｙａｍａｄａ").status == 2)
        let badDate = try CommandRunner.run(["account", "create", "--data", data, "--user-id", "x1234", "--birth-date", "1985-02-30",
                                             "--email", "a@b.jp"], input: "Kumo-no-Ue7Sora!Wing\n2749\n5830\n")
        #expect(badDate.status == 2)
    }

    @Test("audit verify names the first broken entry after tampering")
    func tampered() async throws {
        let data = try Self.dataFolder()
        defer { try? FileManager.default.removeItem(atPath: data) }
        #expect(try Self.create(data).status == 0)
        #expect(try CommandRunner.run(["account", "lock", "TaroYamada", "--operator", "sec-1", "--data", data]).status == 0)
        let queue = try DatabaseQueue(path: data + "/moat.sqlite")
        try await queue.write { db in try db.execute(sql: "UPDATE audit_log SET operator_id = 'someone-else' WHERE sequence = 2") }
        let verified = try CommandRunner.run(["audit", "verify", "--data", data])
        #expect(verified.status == 1)
        #expect(verified.standardOutput.hasPrefix("broken at entry 2"))
    }
}

@Suite("moat account on PostgreSQL")
struct PostgresCommandTests {
    @Test("the same commands work with --postgres and a shared audit key",
          .enabled(if: PostgresTestDatabase.shouldRun, PostgresTestDatabase.skipReason))
    func postgres() async throws {
        try await PostgresTestDatabase.withFreshDatabase { configuration in
            let url = try PostgresTestDatabase.url(for: configuration.database)
            let key = ["MOAT_AUDIT_KEY": Data(repeating: 0x5C, count: 32).base64EncodedString()]
            let created = try CommandRunner.run(["account", "create", "--postgres", url, "--user-id", "HanakoSuzuki", "--birth-date", "1990-07-21",
                                                 "--email", "hanako@example.jp"], input: "Kumo-no-Ue7Sora!Wing\n2749\n5830\n", environment: key)
            #expect(created.status == 0, "\(created.standardError)")
            #expect(try CommandRunner.run(["account", "show", "hanakosuzuki", "--postgres", url], environment: key).standardOutput.contains("status: active"))
            #expect(try CommandRunner.run(["account", "lock", "HanakoSuzuki", "--operator", "sec-1", "--postgres", url], environment: key).status == 0)
            let verified = try CommandRunner.run(["audit", "verify", "--postgres", url], environment: key)
            #expect(verified.status == 0 && verified.standardOutput.hasPrefix("intact: "), "\(verified.standardOutput)")
            let otherKey = ["MOAT_AUDIT_KEY": Data(repeating: 0x11, count: 32).base64EncodedString()]
            #expect(try CommandRunner.run(["audit", "verify", "--postgres", url], environment: otherKey).status == 1)
            #expect(try CommandRunner.run(["audit", "verify", "--postgres", url]).status == 2) // no key: refused
            #expect(try CommandRunner.run(["audit", "verify", "--postgres", "postgres://bad url"], environment: key).status == 2)
        }
    }
}
