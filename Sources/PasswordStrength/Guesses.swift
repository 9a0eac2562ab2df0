/// The guess counts of each pattern, following zxcvbn's model so that scores can be compared with it.
enum Guesses {
    /// Guesses per character of a part with no pattern.
    static let bruteforceCardinality = 10.0
    /// A sub-pattern shorter than the password costs at least this much: an attacker does not know where the
    /// pattern starts, and without the floor many tiny matches would add up to implausibly low estimates.
    static let minimumSingleCharacter = 10.0
    static let minimumMultiCharacter = 50.0
    /// Years within this distance of the reference year count as equally likely.
    static let minimumYearSpace = 20

    static func floor(length: Int, passwordLength: Int) -> Double {
        guard length < passwordLength else { return 1 }
        return length == 1 ? minimumSingleCharacter : minimumMultiCharacter
    }

    static func bruteforce(length: Int) -> Double {
        // One more than the sub-pattern floor, so that any real pattern over the same characters wins.
        let least = length == 1 ? minimumSingleCharacter + 1 : minimumMultiCharacter + 1
        return max(pow10(length), least)
    }

    static func pow10(_ exponent: Int) -> Double {
        var result = 1.0
        var base = bruteforceCardinality
        var e = exponent
        while e > 0 {
            if e & 1 == 1 { result *= base }
            base *= base
            e >>= 1
        }
        return result
    }

    /// n choose k as a floating-point number (the counts only feed products of guesses).
    static func choose(_ n: Int, _ k: Int) -> Double {
        if k > n { return 0 }
        if k == 0 { return 1 }
        var result = 1.0
        var top = Double(n)
        for d in 1...k {
            result *= top
            result /= Double(d)
            top -= 1
        }
        return result
    }

    /// Ways to capitalize a word like this one: 1 for all lowercase, 2 for the common forms (first letter,
    /// last letter or all capitals), otherwise the number of ways to place up to this many capitals.
    static func uppercaseVariations(_ token: ArraySlice<UInt32>) -> Double {
        var upper = 0, lower = 0
        var asciiUpper = 0, asciiLower = 0
        for scalar in token {
            if scalar >= 0x41 && scalar <= 0x5A { asciiUpper += 1 }
            if scalar >= 0x61 && scalar <= 0x7A { asciiLower += 1 }
            if let s = Unicode.Scalar(scalar) {
                if s.properties.isUppercase { upper += 1 } else if s.properties.isLowercase { lower += 1 }
            }
        }
        // The common forms are recognized on ASCII capitals, as zxcvbn does.
        if asciiUpper == 0 { return 1 }
        let first = token[token.startIndex], last = token[token.endIndex - 1]
        let isUpper: (UInt32) -> Bool = { $0 >= 0x41 && $0 <= 0x5A }
        if token.count >= 2 && asciiUpper == 1 && (isUpper(first) || isUpper(last)) { return 2 }
        if asciiLower == 0 { return 2 }
        var variations = 0.0
        if min(upper, lower) >= 1 {
            for i in 1...min(upper, lower) { variations += choose(upper + lower, i) }
        }
        return variations
    }

    /// Ways to apply these substitutions to a word: for each substituted letter, the number of ways to pick
    /// which of its occurrences are substituted (at least one), or 2 when all or none are.
    static func substitutionVariations(_ token: ArraySlice<UInt32>, substitutions: [(UInt32, UInt32)]) -> Double {
        var variations = 1.0
        for (substituted, letter) in substitutions {
            var s = 0, u = 0
            for scalar in token {
                let lowered = Analysis.lowercase(scalar)
                if lowered == substituted { s += 1 } else if lowered == letter { u += 1 }
            }
            if s == 0 || u == 0 {
                variations *= 2
            } else {
                var possibilities = 0.0
                for i in 1...min(u, s) { possibilities += choose(u + s, i) }
                variations *= possibilities
            }
        }
        return variations
    }

    static func dictionary(rank: Int32, token: ArraySlice<UInt32>, reversed: Bool,
                           substitutions: [(UInt32, UInt32)]) -> Double {
        var guesses = Double(rank) * uppercaseVariations(token)
        if !substitutions.isEmpty { guesses *= substitutionVariations(token, substitutions: substitutions) }
        return reversed ? guesses * 2 : guesses
    }

    static func sequence(token: ArraySlice<UInt32>, ascending: Bool) -> Double {
        let first = token[token.startIndex]
        var base: Double
        switch Unicode.Scalar(first) {
        // Obvious starting points (a, z, 0, 1, 9) are tried first.
        case "a", "A", "z", "Z", "0", "1", "9": base = 4
        case let s? where s.properties.numericType == .decimal: base = 10
        default: base = 26
        }
        if !ascending { base *= 2 }
        return base * Double(token.count)
    }

    static func year(_ year: Int, referenceYear: Int) -> Double {
        Double(max(abs(year - referenceYear), minimumYearSpace))
    }

    static func date(year: Int, separated: Bool, referenceYear: Int) -> Double {
        let guesses = Self.year(year, referenceYear: referenceYear) * 365
        return separated ? guesses * 4 : guesses
    }

    /// Walks of up to this length with up to this many turns, from any starting key, plus the ways to hold
    /// Shift on some of the keys.
    static func spatial(graph: KeyboardGraph, length: Int, turns: Int, shiftedCount: Int) -> Double {
        // Both keyboards (and both keypads) use the figures of the first of their kind, as zxcvbn does.
        let reference = graph.hasShift ? KeyboardGraph.qwerty : KeyboardGraph.keypad
        let starts = Double(reference.startingPositions)
        let degree = reference.averageDegree
        var guesses = 0.0
        if length >= 2 {
            for i in 2...length {
                let possibleTurns = min(turns, i - 1)
                if possibleTurns < 1 { continue }
                for j in 1...possibleTurns {
                    guesses += choose(i - 1, j - 1) * starts * pow(degree, j)
                }
            }
        }
        if shiftedCount > 0 {
            let unshifted = length - shiftedCount
            if unshifted == 0 {
                guesses *= 2
            } else {
                var variations = 0.0
                for i in 1...min(shiftedCount, unshifted) { variations += choose(length, i) }
                guesses *= variations
            }
        }
        return guesses
    }

    private static func pow(_ base: Double, _ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<exponent { result *= base }
        return result
    }
}
