import ArgumentParser
import PasswordHashing

/// `moat hash`: hash a password into a PHC string, or verify one against a stored hash.
struct HashCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hash",
        abstract: "Hash a password read from standard input, or verify it against a stored hash.",
        discussion: """
            Reads one line from standard input (on a terminal, without echo) and prints its Argon2 PHC string,
            normalized with Unicode NFKC as Moat stores every credential. With --verify, checks the line against
            a stored hash (argon2, or an imported scrypt, pbkdf2 or bcrypt hash) instead.

            Exit codes:
              0  hashed; or with --verify: match, or match with a rehash advised
              1  with --verify: mismatch
              2  bad input: malformed or unsupported hash, out-of-range parameters, empty or too long password,
                 bad options
            """)

    @Option(name: .long, help: "argon2id, argon2i or argon2d.")
    var algorithm: String = "argon2id"

    @Option(name: .long, help: "Memory in KiB.")
    var memory: UInt32 = 19_456

    @Option(name: .long, help: "Passes over the memory.")
    var iterations: UInt32 = 2

    @Option(name: .long, help: "Lanes (threads).")
    var parallelism: UInt32 = 1

    @Option(name: .long, help: "Verify the password against this stored hash instead of hashing it.")
    var verify: String?

    func run() async throws {
        guard let variant = Argon2.Variant(rawValue: algorithm) else {
            throw CommandFailure(message: "moat hash: --algorithm must be argon2id, argon2i or argon2d", exitCode: 2)
        }
        var configuration = PasswordHasher.Configuration()
        configuration.variant = variant
        configuration.memoryKiB = memory
        configuration.iterations = iterations
        configuration.parallelism = parallelism
        let hasher: PasswordHasher
        do {
            hasher = try PasswordHasher(configuration: configuration)
        } catch let error as PasswordHashingError {
            throw CommandFailure(message: "moat hash: \(error.message) [\(error.code)]", exitCode: 2)
        }
        do {
            let password = try StandardInput.readSecretLine(prompt: "Password: ")
            if let stored = verify {
                let verdict = try hasher.verify(password, against: stored)
                print(verdict)
                if verdict == .mismatch { throw ExitCode(1) }
            } else {
                print(try hasher.hash(password))
            }
        } catch let error as PasswordHashingError {
            throw CommandFailure(message: "moat hash: \(error.message) [\(error.code)]", exitCode: 2)
        } catch let error as StandardInput.Failure {
            throw CommandFailure(message: "moat hash: \(error)", exitCode: 2)
        }
    }
}
