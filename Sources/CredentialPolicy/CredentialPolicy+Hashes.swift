import PasswordHashing

extension CredentialPolicy {
    /// The rules that compare the candidate with stored hashes: `reused` (the last N login passwords) and
    /// `same-as-other-credential` for credentials known only by their hash.
    ///
    /// Each comparison costs a full hash, so they run concurrently on the hashing threads; a login-password
    /// change with a history of 5 and two PINs costs about as much as two or three logins.
    func matchesStoredHashes(_ candidate: String, _ context: CredentialContext) async throws -> [PolicyViolation] {
        let history = context.kind == .loginPassword ? Array(context.passwordHistory.prefix(configuration.historyLength)) : []
        var others: [(CredentialKind, String)] = []
        for other in context.otherCredentials {
            if case let .hashed(hash) = other.value { others.append((other.kind, hash)) }
        }
        guard !history.isEmpty || !others.isEmpty else { return [] }
        guard let hasher = configuration.hasher else {
            throw PasswordHashingError(.invalidParameters, "the policy needs a hasher to compare with stored hashes")
        }
        // A candidate too long or empty for hashing cannot equal a stored credential.
        guard (1...hasher.configuration.maximumPasswordBytes).contains(candidate.utf8.count) else { return [] }

        enum Found: Sendable { case history, other(CredentialKind) }
        let found = try await withThrowingTaskGroup(of: Found?.self) { group in
            for hash in history {
                group.addTask { try await hasher.verifyAsync(candidate, against: hash).isMatch ? .history : nil }
            }
            for (kind, hash) in others {
                group.addTask { try await hasher.verifyAsync(candidate, against: hash).isMatch ? .other(kind) : nil }
            }
            return try await group.reduce(into: [Found]()) { if let f = $1 { $0.append(f) } }
        }
        var violations: [PolicyViolation] = []
        if found.contains(where: { if case .history = $0 { true } else { false } }) {
            violations.append(.init(code: .reused,
                                    japanese: "最近使用したパスワード（直近\(configuration.historyLength)回分）は再使用できません。",
                                    english: "Do not reuse any of your last \(configuration.historyLength) passwords."))
        }
        for case let .other(kind) in found {
            violations.append(Self.sameAsOther(kind, checking: context.kind))
            break
        }
        return violations
    }
}
