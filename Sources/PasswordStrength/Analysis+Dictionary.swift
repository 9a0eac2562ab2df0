extension Analysis {
    /// Look-alike characters and the letters they stand for.
    static let substitutionTable: [UInt32: [UInt32]] = {
        let table: [(Character, String)] = [
            ("4", "a"), ("@", "a"), ("8", "b"), ("(", "c"), ("{", "c"), ("[", "c"), ("<", "c"), ("3", "e"),
            ("6", "g"), ("9", "g"), ("1", "il"), ("!", "i"), ("|", "il"), ("7", "lt"), ("0", "o"), ("$", "s"),
            ("5", "s"), ("+", "t"), ("%", "x"), ("2", "z"),
        ]
        var result: [UInt32: [UInt32]] = [:]
        for (character, letters) in table {
            result[character.unicodeScalars.first!.value] = letters.unicodeScalars.map(\.value)
        }
        return result
    }()

    /// Words of the lists anywhere in the password, in any capitalization.
    func dictionaryMatches(into found: inout [Candidate]) {
        for (number, index) in configuration.indexes.enumerated() {
            for i in 0..<lower.count {
                var node: WordIndex.Node = 0
                for j in i..<lower.count {
                    guard let next = index.child(of: node, lower[j]) else { break }
                    node = next
                    for entry in index.entries(at: node) {
                        let token = text[i...j]
                        add(.dictionary(index: number, list: entry.dictionary, rank: entry.rank, reversed: false,
                                        substitutions: []),
                            i, j, guesses: Guesses.dictionary(rank: entry.rank, token: token, reversed: false,
                                                              substitutions: []),
                            into: &found)
                    }
                }
            }
        }
    }

    /// Words of the lists written backwards (`drowssap`).
    func reversedDictionaryMatches(into found: inout [Candidate]) {
        let n = lower.count
        for (number, index) in configuration.indexes.enumerated() {
            // Walking leftwards from each end position reads the password backwards.
            for j in stride(from: n - 1, through: 0, by: -1) {
                var node: WordIndex.Node = 0
                for i in stride(from: j, through: 0, by: -1) {
                    guard let next = index.child(of: node, lower[i]) else { break }
                    node = next
                    for entry in index.entries(at: node) {
                        add(.dictionary(index: number, list: entry.dictionary, rank: entry.rank, reversed: true,
                                        substitutions: []),
                            i, j, guesses: Guesses.dictionary(rank: entry.rank, token: text[i...j], reversed: true,
                                                              substitutions: []),
                            into: &found)
                    }
                }
            }
        }
    }

    /// Words with look-alike substitutions (`p@ssw0rd`). Within one word a character always stands for the
    /// same letter, and no two characters stand for the same letter, as in zxcvbn.
    func substitutedDictionaryMatches(into found: inout [Candidate]) {
        guard lower.contains(where: { Self.substitutionTable[$0] != nil }) else { return }
        for (number, index) in configuration.indexes.enumerated() {
            for i in 0..<lower.count {
                var walk = SubstitutionWalk(analysis: self, index: index, number: number, start: i)
                walk.run(node: 0, position: i, into: &found)
            }
        }
    }
}

/// A depth-first walk of the trie where each look-alike character may be read as itself or as a letter.
private struct SubstitutionWalk {
    let analysis: Analysis
    let index: WordIndex
    let number: Int
    let start: Int
    /// Substituted character → letter, in the order chosen.
    var chosen: [(UInt32, UInt32)] = []
    /// Look-alike characters read as themselves in this word.
    var literal: [UInt32] = []

    init(analysis: Analysis, index: WordIndex, number: Int, start: Int) {
        self.analysis = analysis
        self.index = index
        self.number = number
        self.start = start
    }

    mutating func run(node: WordIndex.Node, position: Int, into found: inout [Candidate]) {
        if position > start, !chosen.isEmpty, position - start > 1 {
            for entry in index.entries(at: node) {
                let token = analysis.text[start..<position]
                analysis.add(.dictionary(index: number, list: entry.dictionary, rank: entry.rank, reversed: false,
                                         substitutions: chosen),
                             start, position - 1,
                             guesses: Guesses.dictionary(rank: entry.rank, token: token, reversed: false,
                                                         substitutions: chosen),
                             into: &found)
            }
        }
        guard position < analysis.lower.count else { return }
        let scalar = analysis.lower[position]
        guard let letters = Analysis.substitutionTable[scalar] else {
            if let next = index.child(of: node, scalar) { run(node: next, position: position + 1, into: &found) }
            return
        }
        if let current = chosen.first(where: { $0.0 == scalar }) {
            if let next = index.child(of: node, current.1) { run(node: next, position: position + 1, into: &found) }
            return
        }
        if let next = index.child(of: node, scalar) {
            let isNew = !literal.contains(scalar)
            if isNew { literal.append(scalar) }
            run(node: next, position: position + 1, into: &found)
            if isNew { literal.removeLast() }
        }
        guard !literal.contains(scalar) else { return }
        for letter in letters where !chosen.contains(where: { $0.1 == letter }) {
            guard let next = index.child(of: node, letter) else { continue }
            chosen.append((scalar, letter))
            run(node: next, position: position + 1, into: &found)
            chosen.removeLast()
        }
    }
}
