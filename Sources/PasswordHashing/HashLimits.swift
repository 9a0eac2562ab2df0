/// Upper and lower bounds on every field of a stored hash.
///
/// A stored hash is input: it may come from an import file or a tampered database row. Without limits a
/// string such as `m=4294967295` would make the server allocate 4 TiB, and `t=4294967295` would spin
/// forever. Every value is checked against these bounds before any work or allocation happens; a hash
/// outside them is refused with ``PasswordHashingError/Code/parameterOutOfRange``.
public struct HashLimits: Sendable, Hashable {
    /// Longest stored hash string accepted, in bytes.
    public var maximumHashLength = 512
    /// Argon2 memory, in KiB.
    public var argon2Memory: ClosedRange<UInt32> = 8...1_048_576
    /// Argon2 passes.
    public var argon2Iterations: ClosedRange<UInt32> = 1...64
    /// Argon2 lanes.
    public var argon2Parallelism: ClosedRange<UInt32> = 1...64
    /// Salt length in bytes, for every algorithm.
    public var saltLength: ClosedRange<Int> = 8...64
    /// Argon2 and scrypt tag length in bytes.
    public var tagLength: ClosedRange<Int> = 16...64
    /// scrypt: log2 of the cost N.
    public var scryptLogCost: ClosedRange<Int> = 1...20
    /// scrypt block size r.
    public var scryptBlockSize: ClosedRange<Int> = 1...32
    /// scrypt parallelism p.
    public var scryptParallelism: ClosedRange<Int> = 1...16
    /// scrypt memory 128 · r · N, in bytes.
    public var scryptMaximumMemory = 1 << 30
    /// PBKDF2 iteration count.
    public var pbkdf2Rounds: ClosedRange<Int> = 1...10_000_000
    /// bcrypt cost (log2 of the rounds).
    public var bcryptCost: ClosedRange<Int> = 4...16

    /// The defaults above.
    public init() {}
}
