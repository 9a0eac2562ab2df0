/// An error reading a word list: the list breaks one of the limits in ``RankedDictionary/Limits``.
public struct RankedDictionaryError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable, machine-readable reason. New codes may be added.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case wordTooLong = "word-too-long"
            case tooManyWords = "too-many-words"
            case textTooLarge = "text-too-large"
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// A word is longer than ``RankedDictionary/Limits/maximumWordLength``.
        public static let wordTooLong = Code(.wordTooLong)
        /// The list has more than ``RankedDictionary/Limits/maximumWords`` words.
        public static let tooManyWords = Code(.tooManyWords)
        /// The text is larger than ``RankedDictionary/Limits/maximumTextBytes``.
        public static let textTooLarge = Code(.textTooLarge)

        /// The code as a stable kebab-case string, for logs and APIs.
        public var description: String { base.rawValue }
    }

    /// The reason.
    public var code: Code
    /// A human-readable explanation.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
