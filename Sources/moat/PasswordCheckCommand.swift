import ArgumentParser
import BreachedPasswords
import CredentialPolicy
import Foundation

/// `moat password check`: is this a credential the broker's policy accepts?
struct PasswordCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a candidate login password or PIN against the broker's rules.",
        discussion: """
            Reads the candidate from standard input (one line; on a terminal, without echo) and reports every rule
            it breaks, with the reasons in Japanese (--lang ja, the default) or English (--lang en), and its strength.
            --json prints {"accepted": Bool, "violations": [{"code": String, "message": String}],
            "strength": {"score": Int, "guessesLog10": Double}}.

            Exit codes:
              0  accepted
              1  rejected (the reasons are printed)
              2  bad input: a malformed option value, an unreadable filter, nothing on standard input
            """)

    @Option(name: .customLong("user-id"), help: "The customer's user ID.") var userID: String
    @Option(name: .customLong("birth-date"), help: "The customer's birth date, YYYY-MM-DD.") var birthDate: String?
    @Option(help: "The registered phone number (digits).") var phone: String?
    @Option(help: "login, trading-pin or phone-pin.") var kind: String = "login"
    @Option(help: "Language of the reasons: ja or en.") var lang: String = "ja"
    @Option(name: .customLong("breached-filter"), help: "A breached-password filter made by 'moat password build-filter'.")
    var breachedFilter: String?
    @Option(name: .customLong("min-score"), help: "Refuse passwords whose strength score (0-4) is below this.")
    var minimumScore: Int?
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        guard let kind = CredentialKind(rawValue: kind) else {
            throw CommandFailure(message: "moat password check: --kind must be login, trading-pin or phone-pin", exitCode: 2)
        }
        guard let language = Language(rawValue: lang) else {
            throw CommandFailure(message: "moat password check: --lang must be ja or en", exitCode: 2)
        }
        var date: BirthDate?
        if let birthDate {
            guard let parsed = BirthDate(iso: birthDate) else {
                throw CommandFailure(message: "moat password check: --birth-date must be a real date as YYYY-MM-DD", exitCode: 2)
            }
            date = parsed
        }
        if let phone, phone.isEmpty || !phone.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-" || $0 == " " || $0 == "+") }) {
            throw CommandFailure(message: "moat password check: --phone must be a phone number (digits)", exitCode: 2)
        }
        if let minimumScore, !(0...4).contains(minimumScore) {
            throw CommandFailure(message: "moat password check: --min-score must be 0 to 4", exitCode: 2)
        }
        guard !userID.isEmpty, userID.count <= 256 else {
            throw CommandFailure(message: "moat password check: --user-id must be 1 to 256 characters", exitCode: 2)
        }
        var configuration = CredentialPolicy.Configuration()
        configuration.minimumStrengthScore = minimumScore
        if let breachedFilter {
            do {
                configuration.breachedFilter = try BreachedPasswordFilter(contentsOf: breachedFilter)
            } catch {
                throw CommandFailure(message: "moat password check: \(error)", exitCode: 2)
            }
        }
        let candidate: String
        do {
            candidate = try StandardInput.readSecretLine(prompt: kind == .loginPassword ? "Password: " : "PIN: ")
        } catch {
            throw CommandFailure(message: "moat password check: \(error)", exitCode: 2)
        }
        let context = CredentialContext(kind: kind, userID: userID, birthDate: date, phoneDigits: phone ?? "")
        let verdict = CredentialPolicy(configuration: configuration).checkWithoutHashes(candidate: candidate, for: context)
        if json {
            print(Self.json(verdict, language: language))
        } else {
            print(verdict.accepted ? (language == .japanese ? "使用できます" : "accepted") : (language == .japanese ? "使用できません" : "rejected"))
            for violation in verdict.violations { print("  \(violation.code): \(violation.message(in: language))") }
            if let strength = verdict.strength {
                print(String(format: "  strength: %d/4 (10^%.1f guesses)", strength.score, strength.guessesLog10))
            }
        }
        if !verdict.accepted { throw ExitCode(1) }
    }

    static func json(_ verdict: PolicyVerdict, language: Language) -> String {
        struct Output: Encodable {
            struct Violation: Encodable { var code: String; var message: String }
            var accepted: Bool
            var violations: [Violation]
            var strength: StrengthSummary?
        }
        let output = Output(accepted: verdict.accepted,
                            violations: verdict.violations.map { .init(code: $0.code.rawValue, message: $0.message(in: language)) },
                            strength: verdict.strength)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(output)) ?? Data("{}".utf8), as: UTF8.self)
    }
}
