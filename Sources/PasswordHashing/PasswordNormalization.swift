import Foundation

/// Turns the text a customer typed into the bytes that get hashed.
///
/// Japanese input methods produce full-width forms (`ｐａｓｓ１２３`) as readily as half-width ones
/// (`pass123`), and a customer cannot see the difference. Unicode NFKC folds them (and other
/// compatibility forms, such as `㍻` or ligatures) into one spelling, so both are the same password.
/// Case is kept: `Pass` and `pass` stay different passwords.
public enum PasswordNormalization {
    /// The Unicode NFKC form of `text`, computed as NFC of NFKD.
    ///
    /// Foundation's one-step `precomposedStringWithCompatibilityMapping` fails on Linux to recompose some
    /// sequences that half-width katakana decompose into (`ﾊﾟ` gives `ハ` + U+309A instead of `パ`), so a
    /// customer's half-width and full-width kana would hash differently. The two-step form is NFKC by
    /// definition and is checked against Python's `unicodedata` in the interop tests.
    public static func nfkc(_ text: String) -> String {
        text.decomposedStringWithCompatibilityMapping.precomposedStringWithCanonicalMapping
    }

    /// The NFKC form of `password` as UTF-8, after checking both the original and the normalized length
    /// against `maximumBytes` (checking the original first keeps normalization itself cheap).
    static func normalizedBytes(_ password: String, maximumBytes: Int) throws -> [UInt8] {
        try checkLength(password.utf8.count, maximumBytes: maximumBytes)
        let bytes = Array(nfkc(password).utf8)
        try checkLength(bytes.count, maximumBytes: maximumBytes)
        return bytes
    }

    /// The password exactly as typed, for hashes made elsewhere without normalization.
    static func rawBytes(_ password: String, maximumBytes: Int) throws -> [UInt8] {
        try checkLength(password.utf8.count, maximumBytes: maximumBytes)
        return Array(password.utf8)
    }

    private static func checkLength(_ count: Int, maximumBytes: Int) throws {
        guard count > 0 else { throw PasswordHashingError(.invalidPassword, "the password is empty") }
        guard count <= maximumBytes else {
            throw PasswordHashingError(.passwordTooLong, "the password is longer than \(maximumBytes) bytes")
        }
    }
}
