/// An error from the PasswordHashing library: malformed input or an operational failure.
///
/// A wrong password is not an error: it is the `.mismatch` verdict of ``PasswordHasher/verify(_:against:)``.
/// The message never contains the password, a hash or a salt.
public struct PasswordHashingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable, machine-readable reason. New codes may be added.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case invalidParameters = "invalid-parameters"
            case malformedHash = "malformed-hash"
            case unsupportedAlgorithm = "unsupported-algorithm"
            case parameterOutOfRange = "parameter-out-of-range"
            case passwordTooLong = "password-too-long"
            case invalidPassword = "invalid-password"
            case unknownPepper = "unknown-pepper"
            case memoryUnavailable = "memory-unavailable"
            case threadPoolUnavailable = "thread-pool-unavailable"
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// Parameters given to the raw Argon2 function are out of the RFC's range.
        public static let invalidParameters = Code(.invalidParameters)
        /// A stored hash string does not follow its format.
        public static let malformedHash = Code(.malformedHash)
        /// A stored hash names an algorithm or version Moat does not verify.
        public static let unsupportedAlgorithm = Code(.unsupportedAlgorithm)
        /// A stored hash is well formed but asks for more than the configured limits allow.
        public static let parameterOutOfRange = Code(.parameterOutOfRange)
        /// The password is longer than the limit (1,024 bytes by default).
        public static let passwordTooLong = Code(.passwordTooLong)
        /// The password cannot be hashed (for example it is empty).
        public static let invalidPassword = Code(.invalidPassword)
        /// A hash names a pepper key that the configuration does not hold.
        public static let unknownPepper = Code(.unknownPepper)
        /// The memory Argon2 needs could not be allocated.
        public static let memoryUnavailable = Code(.memoryUnavailable)
        /// The thread pool for the asynchronous forms has been shut down.
        public static let threadPoolUnavailable = Code(.threadPoolUnavailable)

        /// The code as a stable kebab-case string, for logs and APIs.
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
