import Foundation
import PasswordHashing

extension CredentialPolicy {
    /// Rules of the trading PIN and the phone PIN that need no stored hash.
    func checkPIN(_ candidate: String, _ context: CredentialContext) -> [PolicyViolation] {
        let pin = PasswordNormalization.nfkc(candidate) // full-width digits count as digits
        let kind = context.kind
        let length = kind == .tradingPIN ? configuration.tradingPINLength : configuration.phonePINLength
        let name = (ja: kind.japaneseName, en: kind.englishName)
        var violations: [PolicyViolation] = []
        guard !pin.isEmpty, pin.unicodeScalars.allSatisfy({ $0.isASCII && ("0"..."9").contains($0) }) else {
            return [.init(code: .notDigits, japanese: "\(name.ja)は数字のみで設定してください。",
                          english: "The \(name.en) must consist of digits only.")]
        }
        if pin.count != length {
            violations.append(.init(code: .wrongLength, japanese: "\(name.ja)は\(length)桁の数字にしてください。",
                                    english: "The \(name.en) must have \(length) digits."))
        }
        let digits = pin.unicodeScalars.map { Int($0.value) - 48 }
        if Set(digits).count == 1 {
            violations.append(.init(code: .sameDigits, japanese: "同じ数字だけの\(name.ja)は使用できません（例：1111）。",
                                    english: "The \(name.en) must not be one digit repeated (such as 1111)."))
        } else if Self.isSequence(digits) {
            violations.append(.init(code: .sequence, japanese: "連続した数字の\(name.ja)は使用できません（例：1234、9876）。",
                                    english: "The \(name.en) must not be a run of consecutive digits (such as 1234 or 9876)."))
        }
        if let birthDate = context.birthDate, !BirthDateForms(birthDate).digitForms.filter({ pin.contains($0) }).isEmpty {
            violations.append(.init(code: .birthDate, japanese: "生年月日に関係する\(name.ja)は使用できません。",
                                    english: "The \(name.en) must not be based on your birth date."))
        }
        if context.phoneDigits.count >= pin.count, context.phoneDigits.hasSuffix(pin) {
            violations.append(.init(code: .phoneNumber, japanese: "登録電話番号の末尾と同じ\(name.ja)は使用できません。",
                                    english: "The \(name.en) must not be the last digits of your registered phone number."))
        }
        if CommonPINs.contains(pin) {
            violations.append(.init(code: .commonPIN, japanese: "よく使われていて推測されやすい\(name.ja)は使用できません。",
                                    english: "This \(name.en) is among the most commonly chosen ones and easy to guess."))
        }
        for other in context.otherCredentials {
            if case let .clear(value) = other.value, PasswordNormalization.nfkc(value) == pin {
                violations.append(Self.sameAsOther(other.kind, checking: kind))
                break
            }
        }
        return violations
    }

    /// Each digit one more (or one less) than the one before, wrapping from 9 to 0: 1234, 9876, 8901, 2109.
    static func isSequence(_ digits: [Int]) -> Bool {
        guard digits.count >= 3 else { return false }
        for step in [1, 9] {
            if zip(digits, digits.dropFirst()).allSatisfy({ ($0 + step) % 10 == $1 }) { return true }
        }
        return false
    }
}

/// The four-digit PINs people choose most often, shipped in `Resources/common-pins.txt`.
enum CommonPINs {
    static let all: Set<String> = {
        guard let url = Bundle.module.url(forResource: "common-pins", withExtension: "txt", subdirectory: "Resources"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return Set(text.split(separator: "\n").compactMap { line in
            let entry = line.split(separator: "#", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            return entry.isEmpty ? nil : entry
        })
    }()

    static func contains(_ pin: String) -> Bool { all.contains(pin) }
}
