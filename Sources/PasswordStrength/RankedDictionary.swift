/// A list of words ranked by how common they are, for the dictionary matcher of ``StrengthEstimator``.
///
/// The most common word has rank 1. An attacker who tries words in this order needs `rank` guesses to reach
/// a word, which is what the estimate is built on. Words are compared in lowercase.
public struct RankedDictionary: Sendable {
    /// Limits on the lists this type accepts, so that a wrong file cannot make the estimator slow or huge.
    public enum Limits {
        /// The most words a list may hold.
        public static let maximumWords = 1_000_000
        /// The longest word, in Unicode scalars; longer words cannot matter since estimates look at 256 at most.
        public static let maximumWordLength = 64
        /// The largest text ``RankedDictionary/init(name:parsing:)`` reads, in UTF-8 bytes.
        public static let maximumTextBytes = 16 * 1024 * 1024
    }

    /// The list's name, reported in dictionary matches (for example `passwords` or `japanese`).
    public let name: String
    /// The words, most common first (lowercased, without repeats).
    let words: [String]
    private let ranks: [String: Int]

    /// Creates a list from words in order of commonness, the first being the most common.
    ///
    /// Words are lowercased; a repeated word keeps its first (best) rank; empty words are skipped.
    /// - Throws: ``RankedDictionaryError`` when a word is longer than ``Limits/maximumWordLength`` or there
    ///   are more than ``Limits/maximumWords`` words.
    public init(name: String, rankedWords: some Sequence<String>) throws(RankedDictionaryError) {
        var words: [String] = []
        var ranks: [String: Int] = [:]
        for raw in rankedWords {
            let word = raw.lowercased()
            if word.isEmpty { continue }
            guard word.unicodeScalars.count <= Limits.maximumWordLength else {
                throw RankedDictionaryError(.wordTooLong,
                    "a word of list \(name) is longer than \(Limits.maximumWordLength) characters")
            }
            if ranks[word] != nil { continue }
            guard words.count < Limits.maximumWords else {
                throw RankedDictionaryError(.tooManyWords,
                    "list \(name) has more than \(Limits.maximumWords) words")
            }
            words.append(word)
            ranks[word] = words.count
        }
        self.name = name
        self.words = words
        self.ranks = ranks
    }

    /// Reads a list in the bundled format: one word per line, most common first; lines starting with `#`
    /// are comments and blank lines are skipped.
    ///
    /// - Throws: ``RankedDictionaryError`` when the text is larger than ``Limits/maximumTextBytes`` or breaks
    ///   a limit of ``init(name:rankedWords:)``.
    public init(name: String, parsing text: String) throws(RankedDictionaryError) {
        guard text.utf8.count <= Limits.maximumTextBytes else {
            throw RankedDictionaryError(.textTooLarge,
                "list \(name) is larger than \(Limits.maximumTextBytes) bytes")
        }
        let lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
            .lazy
            .map { Self.trimmed($0) }
            .filter { !$0.isEmpty && $0.first != UInt8(ascii: "#") }
            .map { String(decoding: $0, as: UTF8.self) }
        try self.init(name: name, rankedWords: lines)
    }

    /// The rank of a word (1 for the most common), or nil when the list does not hold it. Case is ignored.
    public func rank(of word: String) -> Int? {
        ranks[word.lowercased()]
    }

    /// The number of words in the list.
    public var count: Int { words.count }

    /// Whether both hold the same words in the same order under the same name (cheap when they share
    /// storage, as copies of the bundled lists do).
    func isSameList(as other: RankedDictionary) -> Bool {
        name == other.name && words.withUnsafeBufferPointer { a in
            other.words.withUnsafeBufferPointer { b in a.baseAddress == b.baseAddress && a.count == b.count }
        } || (name == other.name && words == other.words)
    }
}

extension RankedDictionary {
    /// A line without its surrounding spaces, tabs and carriage return.
    fileprivate static func trimmed(_ line: Substring.UTF8View) -> Substring.UTF8View {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }
        var view = line
        while let first = view.first, isSpace(first) { view = view.dropFirst() }
        while let last = view.last, isSpace(last) { view = view.dropLast() }
        return view
    }
}
