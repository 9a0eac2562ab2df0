/// An error from a store: bad input, a conflict, or an operational failure. Messages never carry secrets.
public struct StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable, machine-readable reason. New codes may be added.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case invalidConfiguration = "invalid-configuration"
            case duplicateUserID = "duplicate-user-id"
            case notFound = "not-found"
            case corruptRecord = "corrupt-record"
            case schemaTooNew = "schema-too-new"
            case unavailable = "unavailable"
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The store's configuration is unusable (path, URL, key).
        public static let invalidConfiguration = Code(.invalidConfiguration)
        /// Another account already has this user ID (after normalization).
        public static let duplicateUserID = Code(.duplicateUserID)
        /// The account or session does not exist.
        public static let notFound = Code(.notFound)
        /// A stored row cannot be read back (damaged or edited by hand).
        public static let corruptRecord = Code(.corruptRecord)
        /// The database was written by a newer Moat; refusing to touch it.
        public static let schemaTooNew = Code(.schemaTooNew)
        /// The database cannot be reached or refused the operation.
        public static let unavailable = Code(.unavailable)

        /// The code as a stable kebab-case string.
        public var description: String { base.rawValue }
    }

    /// The reason.
    public var code: Code
    /// A human-readable explanation, free of secrets.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
