import Foundation
import Testing
@testable import Storage
import StoreTestSupport

@Suite("Store contract")
struct StoreContractTests {
    let now = Date(millisecondsSince1970: 1_760_000_000_000)

    @Test("accounts: create, read by id and user key, and the audit entry in the same step", arguments: StoreFixtures.all())
    func createAndRead(_ kind: StoreKind) async throws {
        try await StoreFixtures.with(kind) { fixture in
            let account = makeAccount("TaroYamada")
            try await fixture.store.createAccount(account, event: AuditEvent(kind: .accountCreated, time: now, accountID: account.id))
            #expect(try await fixture.store.account(id: account.id) == account, "\(fixture.name)")
            #expect(try await fixture.store.account(userKey: "taroyamada") == account)
            #expect(try await fixture.store.account(userKey: "nobody") == nil)
            #expect(try await fixture.store.auditHead().sequence == 1)
            #expect(try await verifyChain(fixture) == .intact(entries: 1))
        }
    }

    @Test("a duplicate user key is refused and changes nothing", arguments: StoreFixtures.all())
    func duplicate(_ kind: StoreKind) async throws {
        try await StoreFixtures.with(kind) { fixture in
            try await fixture.store.createAccount(makeAccount("hanako"), event: AuditEvent(kind: .accountCreated, time: now))
            do {
                try await fixture.store.createAccount(makeAccount("hanako"), event: AuditEvent(kind: .accountCreated, time: now))
                Issue.record("\(fixture.name) accepted a duplicate")
            } catch let error as StoreError {
                #expect(error.code == .duplicateUserID)
            }
            #expect(try await fixture.store.auditHead().sequence == 1)
        }
    }

    @Test("a mutation writes the record and its events together; a failing one writes nothing", arguments: StoreFixtures.all())
    func mutation(_ kind: StoreKind) async throws {
        struct Refused: Error {}
        try await StoreFixtures.with(kind) { fixture in
            let account = makeAccount("jiro")
            try await fixture.store.createAccount(account, event: AuditEvent(kind: .accountCreated, time: now))
            let failures = try await fixture.store.mutateAccount(id: account.id) { record in
                record.passwordCounter.failures += 1
                return AccountMutation(result: record.passwordCounter.failures,
                                       events: [AuditEvent(kind: .loginFailed, time: self.now, accountID: record.id, details: ["reason": "wrong-password"])])
            }
            #expect(failures == 1)
            await #expect(throws: Refused.self) {
                try await fixture.store.mutateAccount(id: account.id) { record -> AccountMutation<Int> in
                    record.passwordCounter.failures = 99
                    throw Refused()
                }
            }
            #expect(try await fixture.store.account(id: account.id)?.passwordCounter.failures == 1)
            #expect(try await fixture.store.auditHead().sequence == 2)
            await #expect(throws: StoreError.self) {
                try await fixture.store.mutateAccount(id: "missing") { _ in AccountMutation(result: 0) }
            }
        }
    }

    @Test("100 concurrent read-modify-writes lose no update", arguments: StoreFixtures.all())
    func concurrentCounters(_ kind: StoreKind) async throws {
        try await StoreFixtures.with(kind) { fixture in
            let account = makeAccount("saburo")
            try await fixture.store.createAccount(account, event: AuditEvent(kind: .accountCreated, time: now))
            let store = fixture.store, time = now
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<100 {
                    group.addTask {
                        _ = try await store.mutateAccount(id: account.id) { record in
                            record.passwordCounter.failures += 1
                            return AccountMutation(result: (), events: [AuditEvent(kind: .loginFailed, time: time, accountID: record.id)])
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await store.account(id: account.id)?.passwordCounter.failures == 100, "\(fixture.name)")
            #expect(try await verifyChain(fixture) == .intact(entries: 101))
        }
    }

    @Test("sessions: create, find by token hash, list, end all but one with their audit entries", arguments: StoreFixtures.all())
    func sessions(_ kind: StoreKind) async throws {
        try await StoreFixtures.with(kind) { fixture in
            let account = makeAccount("shiro")
            try await fixture.store.createAccount(account, event: AuditEvent(kind: .accountCreated, time: now))
            var ids: [String] = []
            for i in 0..<3 {
                let session = SessionRecord(id: "s\(i)", accountID: account.id, tokenHash: [UInt8](repeating: UInt8(i), count: 32),
                                            createdAt: now.addingTimeInterval(Double(i)), expiresAt: now.addingTimeInterval(43_200),
                                            clientAddress: "198.51.100.\(i)", userAgent: "Test/1.0", deviceLabel: "Test")
                try await fixture.store.createSession(session, event: AuditEvent(kind: .loginSucceeded, time: now, accountID: account.id))
                ids.append(session.id)
            }
            #expect(try await fixture.store.session(tokenHash: [UInt8](repeating: 1, count: 32))?.id == "s1")
            #expect(try await fixture.store.session(tokenHash: [UInt8](repeating: 9, count: 32)) == nil)
            #expect(try await fixture.store.liveSessions(accountID: account.id).map(\.id) == ["s2", "s1", "s0"])

            try await fixture.store.mutateSession(id: "s2") { session in
                session.stepUpGrants["withdraw"] = self.now.addingTimeInterval(60)
                session.lastSeenAt = self.now.addingTimeInterval(120)
                return ((), [AuditEvent(kind: .stepUpGranted, time: self.now, accountID: account.id, details: ["action": "withdraw"])])
            }
            #expect(try await fixture.store.session(id: "s2")?.stepUpGrants["withdraw"] == now.addingTimeInterval(60))

            _ = try await fixture.store.mutateAccount(id: account.id) { record in
                record.passwordChangedAt = self.now
                return AccountMutation(result: (), events: [AuditEvent(kind: .credentialChanged, time: self.now, accountID: record.id)],
                                       endSessions: SessionEnding(except: "s2", reason: .passwordChanged, at: self.now))
            }
            #expect(try await fixture.store.liveSessions(accountID: account.id).map(\.id) == ["s2"])
            let ended = try #require(try await fixture.store.session(id: "s0"))
            #expect(ended.endReason == .passwordChanged && ended.endedAt != nil)
            let entries = try await fixture.store.auditEntries(from: 1, limit: 100)
            #expect(entries.filter { $0.event.kind == .sessionEnded }.count == 2)
            #expect(try await verifyChain(fixture) == .intact(entries: Int64(entries.count)))
        }
    }

    @Test("address failures count in a sliding window", arguments: StoreFixtures.all())
    func addressWindow(_ kind: StoreKind) async throws {
        try await StoreFixtures.with(kind) { fixture in
            let store = fixture.store
            for i in 0..<5 {
                _ = try await store.recordAddressFailure(address: "203.0.113.5", at: now.addingTimeInterval(Double(i) * 100), window: 600)
            }
            #expect(try await store.addressFailures(address: "203.0.113.5", at: now.addingTimeInterval(400), window: 600) == 5)
            #expect(try await store.addressFailures(address: "203.0.113.5", at: now.addingTimeInterval(650), window: 600) == 4)
            #expect(try await store.recordAddressFailure(address: "203.0.113.5", at: now.addingTimeInterval(999), window: 600) == 2)
            #expect(try await store.addressFailures(address: "203.0.113.6", at: now, window: 600) == 0)
        }
    }

    @Test("50 concurrent failures from one address each get their own count", arguments: StoreFixtures.all())
    func concurrentAddressFailures(_ kind: StoreKind) async throws {
        try await StoreFixtures.with(kind) { fixture in
            let store = fixture.store, time = now
            let counts = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<50 {
                    group.addTask {
                        try await store.recordAddressFailure(address: "198.51.100.7", at: time, window: 600)
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            // Atomic counting: no two attempts saw the same number, so none slipped past a limit.
            #expect(counts.sorted() == Array(1...50), "\(fixture.name)")
        }
    }

    @Test("racing creations of one user ID: exactly one wins, the rest get duplicateUserID", arguments: StoreFixtures.all())
    func racingDuplicates(_ kind: StoreKind) async throws {
        try await StoreFixtures.with(kind) { fixture in
            let store = fixture.store, time = now
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<10 {
                    group.addTask {
                        do {
                            try await store.createAccount(makeAccount("Kikuko"), event: AuditEvent(kind: .accountCreated, time: time))
                            return true
                        } catch let error as StoreError where error.code == .duplicateUserID {
                            return false
                        }
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 1, "\(fixture.name)")
            #expect(try await verifyChain(fixture) == .intact(entries: 1))
        }
    }

    @Test("an impossible failure window is refused rather than overflowing", arguments: StoreFixtures.all())
    func badWindow(kind: StoreKind) async throws {
        try await StoreFixtures.with(kind) { fixture in
            for window in [-1, .infinity, .nan, 1e300] {
                await #expect(throws: StoreError(.invalidConfiguration, "the failure window must be between 0 and 366 days")) {
                    try await fixture.store.recordAddressFailure(address: "192.0.2.1", at: Date(), window: window)
                }
                await #expect(throws: StoreError.self) {
                    try await fixture.store.addressFailures(address: "192.0.2.1", at: Date(), window: window)
                }
            }
        }
    }

    @Test("tampering with stored audit rows is found by verification", arguments: StoreFixtures.all())
    func tamperedRows(_ kind: StoreKind) async throws {
        for (sql, broken) in [
            ("UPDATE audit_log SET client_address = '203.0.113.66' WHERE sequence = 3", Int64(3)),
            ("DELETE FROM audit_log WHERE sequence = 2", 3),
            ("DELETE FROM audit_log WHERE sequence = 5", 5),
            ("UPDATE audit_log SET details = '{\"reason\":\"ok\"}' WHERE sequence = 4", 4),
            ("UPDATE audit_log SET time = time + 1 WHERE sequence = 1", 1),
            ("UPDATE audit_log SET sequence = 9 WHERE sequence = 2", 3),
            ("UPDATE audit_head SET sequence = 3", 3),
        ] {
            try await StoreFixtures.with(kind) { fixture in
                try await fixture.store.appendEvents((1...5).map {
                    AuditEvent(kind: .loginFailed, time: now, userID: "u\($0)", clientAddress: "192.0.2.1", details: ["reason": "wrong-password"])
                })
                #expect(try await verifyChain(fixture) == .intact(entries: 5))
                try await fixture.rawSQL(sql)
                #expect(try await verifyChain(fixture).brokenSequence == broken, "\(fixture.name): \(sql)")
            }
        }
    }

    @Test("reopening keeps everything; a database from a newer version is refused", arguments: StoreFixtures.all())
    func reopen(_ kind: StoreKind) async throws {
        try await StoreFixtures.with(kind) { fixture in
            let account = makeAccount("goro")
            try await fixture.store.createAccount(account, event: AuditEvent(kind: .accountCreated, time: now))
            switch kind {
            case .sqlite:
                let path = try #require(fixture.sqlitePath)
                let reopened = try SQLiteStore(path: path, chain: fixture.chain)
                #expect(try await reopened.account(id: account.id) == account)
                try await fixture.rawSQL("INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
                do {
                    _ = try SQLiteStore(path: path, chain: fixture.chain)
                    Issue.record("opened a database from a newer version")
                } catch let error as StoreError {
                    #expect(error.code == .schemaTooNew)
                }
            case .postgres:
                let configuration = try #require(fixture.postgres)
                try await PostgresStore.withStore(configuration: configuration, chain: fixture.chain) { (reopened: PostgresStore) async throws -> Void in
                    #expect(try await reopened.account(id: account.id) == account)
                    #expect(try await reopened.auditHead().sequence == 1)
                }
                try await fixture.rawSQL("INSERT INTO moat_schema_migrations (version, name, applied_at) VALUES (99, 'from-the-future', 0)")
                do {
                    try await PostgresStore.withStore(configuration: configuration, chain: fixture.chain) { _ in }
                    Issue.record("opened a database from a newer version")
                } catch let error as StoreError {
                    #expect(error.code == .schemaTooNew)
                }
                // Refusing changed nothing.
                #expect(try await fixture.store.account(id: account.id) == account)
            }
        }
    }
}
