import BreachedPasswords
import PasswordHashing

extension CredentialPolicy {
    /// Rules of the login password that need no stored hash.
    func checkPassword(_ candidate: String, _ context: CredentialContext) -> PolicyVerdict {
        let normalized = PasswordNormalization.nfkc(candidate)
        let folded = normalized.lowercased()
        var violations: [PolicyViolation] = []
        let c = configuration

        if normalized.unicodeScalars.contains(where: Self.isUnprintable) {
            violations.append(.init(code: .invalidCharacter,
                                    japanese: "パスワードに使用できない文字（制御文字など）が含まれています。",
                                    english: "The password contains a character that cannot be used (such as a control character)."))
        }
        let length = normalized.count
        if length < c.minimumLength {
            violations.append(.init(code: .tooShort,
                                    japanese: "パスワードは\(c.minimumLength)文字以上にしてください。",
                                    english: "Use at least \(c.minimumLength) characters."))
        }
        if length > c.maximumLength {
            violations.append(.init(code: .tooLong,
                                    japanese: "パスワードは\(c.maximumLength)文字以内にしてください。",
                                    english: "Use at most \(c.maximumLength) characters."))
        }
        // Further rules work on at most a bounded prefix: an over-long candidate is already refused.
        let bounded = String(folded.prefix(c.maximumLength * 2))
        if sameAsUserID(bounded, context.userID) {
            violations.append(.init(code: .sameAsUserID,
                                    japanese: "ユーザーID（ログイン名）と同じ文字列や、それを含むパスワードは使用できません。",
                                    english: "The password must not be or contain your user ID."))
        }
        if Self.longestRun(bounded) > c.maximumRunLength {
            violations.append(c.maximumRunLength == 1
                ? .init(code: .repeatedCharacter,
                        japanese: "同じ文字を続けて使用しないでください（例：aa、11）。",
                        english: "Do not use the same character twice in a row (such as aa or 11).")
                : .init(code: .repeatedCharacter,
                        japanese: "同じ文字を\(c.maximumRunLength + 1)文字以上続けて使用しないでください。",
                        english: "Do not repeat a character more than \(c.maximumRunLength) times in a row."))
        }
        if let birthDate = context.birthDate,
           BirthDateForms(birthDate).match(in: bounded, minimumContained: 6) != nil {
            violations.append(.init(code: .birthDate,
                                    japanese: "生年月日と同じ、または生年月日を含むパスワードは使用できません。",
                                    english: "The password must not be or contain your birth date."))
        }
        if let filter = c.breachedFilter, filter.contains(password: candidate) || filter.contains(password: normalized) {
            violations.append(.init(code: .breached,
                                    japanese: "このパスワードは過去に他のサービスから流出したことが確認されています。別のパスワードにしてください。",
                                    english: "This password has appeared in a data breach of another service. Choose another one."))
        }
        for other in context.otherCredentials {
            if case let .clear(value) = other.value, PasswordNormalization.nfkc(value) == normalized {
                violations.append(Self.sameAsOther(other.kind, checking: .loginPassword))
                break
            }
        }
        violations += commonAndStrength(normalized: normalized, folded: folded, context: context)
        violations.sort { Self.order($0.code) < Self.order($1.code) }
        return PolicyVerdict(violations: violations, strength: strength(of: normalized, context))
    }

    /// Equal to the user ID or its reverse, or containing it (user IDs of 4 or more characters), after NFKC and
    /// case folding, so that `ＴＡＲＯ１２３４` counts as `taro1234`.
    func sameAsUserID(_ folded: String, _ userID: String) -> Bool {
        let id = PasswordNormalization.nfkc(userID).lowercased()
        guard !id.isEmpty else { return false }
        let reversed = String(id.reversed())
        if folded == id || folded == reversed { return true }
        return id.count >= 4 && (folded.contains(id) || folded.contains(reversed))
    }

    /// Length of the longest run of one character.
    static func longestRun(_ text: String) -> Int {
        var longest = 0, current = 0
        var previous: Character?
        for character in text {
            current = character == previous ? current + 1 : 1
            longest = max(longest, current)
            previous = character
        }
        return longest
    }

    static func isUnprintable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .unassigned, .privateUse, .surrogate, .lineSeparator, .paragraphSeparator: true
        default: false
        }
    }

    static func sameAsOther(_ other: CredentialKind, checking kind: CredentialKind) -> PolicyViolation {
        if other == kind {
            return .init(code: .sameAsOtherCredential,
                         japanese: "現在の\(kind.japaneseName)と同じものは設定できません。",
                         english: "The new \(kind.englishName) must differ from the current one.")
        }
        return .init(code: .sameAsOtherCredential,
                     japanese: "\(other.japaneseName)と同じものは\(kind.japaneseName)に設定できません。",
                     english: "The \(kind.englishName) must differ from your \(other.englishName).")
    }
}
