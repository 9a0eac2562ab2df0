import AccountSecurity
import ArgumentParser
import CredentialPolicy
import Foundation
import Storage

/// `moat account`: the operator's view of customers' accounts.
struct AccountCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "account", abstract: "Show, lock and unlock customers' accounts.",
        subcommands: [Create.self, Show.self, Lock.self, Unlock.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Open an account.",
            discussion: """
                Reads the login password, the trading PIN and the phone PIN: on a terminal from three prompts without
                echo, otherwise as three lines of standard input. All three go through the credential policy; only
                their hashes are stored.

                Exit codes:
                  0  created
                  1  refused by the credential policy (every reason is printed)
                  2  bad input: a malformed option, the user ID is taken, missing lines on standard input
                """)
        @OptionGroup var options: DataOptions
        @Option(name: .customLong("user-id"), help: "The login name.") var userID: String
        @Option(name: .customLong("birth-date"), help: "YYYY-MM-DD.") var birthDate: String
        @Option(help: "Mail address for notices.") var email: String
        @Option(help: "Registered phone number (digits).") var phone: String = ""
        @Option(help: "Name shown to the customer and the desk.") var name: String?
        @Option(help: "Language of the reasons: ja or en.") var lang: String = "ja"

        func run() async throws {
            guard let date = BirthDate(iso: birthDate) else {
                throw CommandFailure(message: "moat account create: --birth-date must be a real date as YYYY-MM-DD", exitCode: 2)
            }
            guard let language = Language(rawValue: lang) else {
                throw CommandFailure(message: "moat account create: --lang must be ja or en", exitCode: 2)
            }
            let password: String, tradingPIN: String, phonePIN: String
            do {
                password = try StandardInput.readSecretLine(prompt: "Login password: ")
                tradingPIN = try StandardInput.readSecretLine(prompt: "Trading PIN: ")
                phonePIN = try StandardInput.readSecretLine(prompt: "Phone PIN: ")
            } catch {
                throw CommandFailure(message: "moat account create: \(error) (three lines are needed: password, trading PIN, phone PIN)", exitCode: 2)
            }
            let request = NewAccount(userID: userID, displayName: name ?? userID, birthDate: date, email: email,
                                     phoneDigits: phone, password: password, tradingPIN: tradingPIN, phonePIN: phonePIN)
            try await options.withService(create: true) { service in
                switch try await service.createAccount(request, at: Date()) {
                case .done:
                    print("created \(userID)")
                case let .rejected(reasons):
                    for kind in CredentialKind.allCases {
                        for violation in reasons[kind] ?? [] {
                            print("\(kind.rawValue) \(violation.code): \(violation.message(in: language))")
                        }
                    }
                    throw ExitCode(1)
                case .userIDUnavailable:
                    throw CommandFailure(message: "moat account create: the user ID is taken or is not a valid user ID", exitCode: 2)
                case let .invalidField(field):
                    throw CommandFailure(message: "moat account create: --\(field == "name" ? "name" : field) is not valid", exitCode: 2)
                case .wrongCurrentCredential, .locked:
                    throw CommandFailure(message: "moat account create: unexpected answer", exitCode: 2)
                }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show an account (never its credentials).",
            discussion: "Exit codes: 0 shown, 2 no such account or bad input.")
        @OptionGroup var options: DataOptions
        @Argument(help: "The user ID.") var userID: String
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            try await options.withService { service in
                let account = try await AccountLookup.find(userID, service)
                let sessions = try await service.liveSessions(ofAccount: account.id, at: Date())
                let view = AccountView(account, liveSessions: sessions.count)
                if json {
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
                    print(String(decoding: try encoder.encode(view), as: UTF8.self))
                } else {
                    print(view.text)
                }
            }
        }
    }

    struct Lock: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Lock an account until it is unlocked, ending its sessions.",
            discussion: "Exit codes: 0 locked, 2 no such account or bad input.")
        @OptionGroup var options: DataOptions
        @Argument(help: "The user ID.") var userID: String
        @Option(help: "The operator's ID, recorded in the audit log.") var `operator`: String
        @Option(help: "Why, recorded in the audit log.") var reason: String = "locked by operator"

        func run() async throws {
            try await options.withService { service in
                let account = try await AccountLookup.find(userID, service)
                try await service.lock(accountID: account.id, operatorID: try OperatorID.validate(`operator`), reason: reason, at: Date())
                print("locked \(account.userID)")
            }
        }
    }

    struct Unlock: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Lift every lock of an account (password, trading PIN, phone PIN).",
            discussion: "Exit codes: 0 unlocked or nothing was locked, 2 no such account or bad input.")
        @OptionGroup var options: DataOptions
        @Argument(help: "The user ID.") var userID: String
        @Option(help: "The operator's ID, recorded in the audit log.") var `operator`: String

        func run() async throws {
            try await options.withService { service in
                let account = try await AccountLookup.find(userID, service)
                let changed = try await service.unlock(accountID: account.id, operatorID: try OperatorID.validate(`operator`), at: Date())
                print(changed ? "unlocked \(account.userID)" : "\(account.userID) was not locked")
            }
        }
    }
}

/// `moat sessions`: list and end a customer's sessions.
struct SessionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sessions", abstract: "List and end a customer's sessions.",
        subcommands: [List.self, End.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List live sessions, newest first.",
                                                        discussion: "Exit codes: 0 listed, 2 no such account or bad input.")
        @OptionGroup var options: DataOptions
        @Argument(help: "The user ID.") var userID: String

        func run() async throws {
            try await options.withService { service in
                let account = try await AccountLookup.find(userID, service)
                let formatter = ISO8601DateFormatter()
                for session in try await service.liveSessions(ofAccount: account.id, at: Date()) {
                    print([session.id, formatter.string(from: session.createdAt), formatter.string(from: session.lastSeenAt),
                           session.clientAddress, session.deviceLabel].joined(separator: "\t"))
                }
            }
        }
    }

    struct End: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "End one session, or all of them with --all.",
                                                        discussion: "Exit codes: 0 ended, 2 no such account or session, or bad input.")
        @OptionGroup var options: DataOptions
        @Argument(help: "The user ID.") var userID: String
        @Argument(help: "The session id (from 'moat sessions list').") var session: String?
        @Flag(help: "End every session of the account.") var all = false
        @Option(help: "The operator's ID, recorded in the audit log.") var `operator`: String = "cli"

        func validate() throws {
            guard all != (session != nil) else { throw ValidationError("give either a session id or --all") }
        }

        func run() async throws {
            try await options.withService { service in
                let account = try await AccountLookup.find(userID, service)
                let operatorID = try OperatorID.validate(`operator`)
                if all {
                    try await service.endSessions(ofAccount: account.id, keeping: nil, reason: .endedByOperator, operatorID: operatorID, at: Date())
                    print("ended all sessions of \(account.userID)")
                } else if let session {
                    guard try await service.endSession(id: session, ofAccount: account.id, reason: .endedByOperator,
                                                       operatorID: operatorID, at: Date()) else {
                        throw CommandFailure(message: "moat sessions end: no live session '\(session)' of \(account.userID)", exitCode: 2)
                    }
                    print("ended session \(session)")
                }
            }
        }
    }
}

enum AccountLookup {
    static func find(_ userID: String, _ service: AccountService) async throws -> AccountRecord {
        guard let account = try await service.account(userID: userID) else {
            throw CommandFailure(message: "moat: no account with user ID '\(userID.prefix(64))'", exitCode: 2)
        }
        return account
    }
}

enum OperatorID {
    /// Operator IDs go into the audit log: short, printable, no spaces.
    static func validate(_ text: String) throws -> String {
        guard (1...64).contains(text.count), text.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value < 0x7F }) else {
            throw CommandFailure(message: "moat: --operator must be 1 to 64 printable ASCII characters without spaces", exitCode: 2)
        }
        return text
    }
}

/// What `moat account show` prints: everything but the credentials.
struct AccountView: Encodable {
    var id: String
    var userID: String
    var displayName: String
    var birthDate: String
    var email: String
    var phone: String
    var status: String
    var passwordFailures: Int
    var tradingPINFailures: Int
    var phonePINFailures: Int
    var lockedUntil: String?
    var createdAt: String
    var lastLoginAt: String?
    var passwordChangedAt: String
    var tradingPINChangedAt: String
    var passwordHashScheme: String
    var liveSessions: Int

    init(_ a: AccountRecord, liveSessions: Int) {
        let f = ISO8601DateFormatter()
        id = a.id; userID = a.userID; displayName = a.displayName; birthDate = a.birthDate; email = a.email
        phone = a.phoneDigits; status = a.status.rawValue; passwordFailures = a.passwordCounter.failures
        tradingPINFailures = a.tradingPINCounter.failures; phonePINFailures = a.phonePINCounter.failures
        lockedUntil = a.passwordCounter.lockedUntil.map(f.string(from:)); createdAt = f.string(from: a.createdAt)
        lastLoginAt = a.lastLoginAt.map(f.string(from:)); passwordChangedAt = f.string(from: a.passwordChangedAt)
        tradingPINChangedAt = f.string(from: a.tradingPINChangedAt)
        // The scheme and parameters only: enough to see outdated hashes, nothing to attack.
        passwordHashScheme = a.passwordHash.split(separator: "$").prefix(3).joined(separator: "$")
        self.liveSessions = liveSessions
    }

    var text: String {
        var lines = ["user ID: \(userID)", "name: \(displayName)", "status: \(status)", "account id: \(id)",
                     "birth date: \(birthDate)", "mail: \(email)", "phone: \(phone.isEmpty ? "-" : phone)",
                     "failures: password \(passwordFailures), trading PIN \(tradingPINFailures), phone PIN \(phonePINFailures)"]
        if let lockedUntil { lines.append("locked until: \(lockedUntil)") }
        lines += ["created: \(createdAt)", "last login: \(lastLoginAt ?? "never")", "password changed: \(passwordChangedAt)",
                  "trading PIN changed: \(tradingPINChangedAt)", "password hash: \(passwordHashScheme)",
                  "live sessions: \(liveSessions)"]
        return lines.joined(separator: "\n")
    }
}
