/// An error from the BreachedPasswords library: a malformed hash list, a damaged filter file, or an I/O failure.
public struct BreachedPasswordsError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable, machine-readable reason. New codes may be added.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case malformedLine = "malformed-line"
            case lineTooLong = "line-too-long"
            case tooManyEntries = "too-many-entries"
            case notAFilter = "not-a-filter"
            case unsupportedVersion = "unsupported-version"
            case corruptFilter = "corrupt-filter"
            case io = "io"
            case constructionFailed = "construction-failed"
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// A line of the hash list is not `HEX[:COUNT]` with 40 hex digits.
        public static let malformedLine = Code(.malformedLine)
        /// A line of the hash list is longer than the limit.
        public static let lineTooLong = Code(.lineTooLong)
        /// More entries than a filter can hold.
        public static let tooManyEntries = Code(.tooManyEntries)
        /// The file does not start like a filter file.
        public static let notAFilter = Code(.notAFilter)
        /// A filter file of another format version.
        public static let unsupportedVersion = Code(.unsupportedVersion)
        /// The header's parameters or checksums do not add up: truncated, damaged or edited.
        public static let corruptFilter = Code(.corruptFilter)
        /// Reading or writing failed.
        public static let io = Code(.io)
        /// The filter could not be built (practically impossible; a retry with other seeds failed too).
        public static let constructionFailed = Code(.constructionFailed)

        /// The code as a stable kebab-case string.
        public var description: String { base.rawValue }
    }

    /// The reason.
    public var code: Code
    /// A human-readable explanation (never a hash from the list).
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
