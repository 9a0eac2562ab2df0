/// The two unpadded base64 dialects found in stored password hashes, decoded strictly.
///
/// Strict means: only the dialect's 64 characters, no padding, no line breaks, no impossible length
/// (a remainder of one character) and no stray bits in the last character, so that every hash has exactly
/// one spelling and a damaged string is reported instead of silently decoded.
enum Base64Unpadded {
    /// `A–Z a–z 0–9 + /`: the PHC string format (argon2, scrypt as passlib writes it).
    static let standard = Alphabet(characters: Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8))
    /// passlib's "adapted base64": `.` in place of `+` (its PBKDF2 hashes).
    static let adapted = Alphabet(characters: Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789./".utf8))

    struct Alphabet: Sendable {
        let characters: [UInt8]
        let values: [Int8]

        init(characters: [UInt8]) {
            self.characters = characters
            var values = [Int8](repeating: -1, count: 256)
            for (i, c) in characters.enumerated() { values[Int(c)] = Int8(i) }
            self.values = values
        }
    }

    static func encode(_ bytes: [UInt8], alphabet: Alphabet = standard) -> String {
        var out = [UInt8]()
        out.reserveCapacity((bytes.count * 4 + 2) / 3)
        var i = 0
        while i + 3 <= bytes.count {
            let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
            for shift in [18, 12, 6, 0] { out.append(alphabet.characters[Int((n >> UInt32(shift)) & 63)]) }
            i += 3
        }
        let rest = bytes.count - i
        if rest == 1 {
            let n = UInt32(bytes[i]) << 16
            out.append(alphabet.characters[Int((n >> 18) & 63)])
            out.append(alphabet.characters[Int((n >> 12) & 63)])
        } else if rest == 2 {
            let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8
            out.append(alphabet.characters[Int((n >> 18) & 63)])
            out.append(alphabet.characters[Int((n >> 12) & 63)])
            out.append(alphabet.characters[Int((n >> 6) & 63)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes `text`, or returns nil when it is not canonical unpadded base64 of this alphabet.
    static func decode(_ text: Substring, alphabet: Alphabet = standard) -> [UInt8]? {
        let chars = Array(text.utf8)
        if chars.count % 4 == 1 { return nil }
        var out = [UInt8]()
        out.reserveCapacity(chars.count * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        for c in chars {
            let v = alphabet.values[Int(c)]
            if v < 0 { return nil }
            accumulator = (accumulator << 6) | UInt32(v)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
                accumulator &= (1 << UInt32(bits)) - 1
            }
        }
        // Leftover bits must be zero, or two spellings would decode to the same bytes.
        if accumulator != 0 { return nil }
        return out
    }
}
