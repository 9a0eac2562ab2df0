import ArgumentParser

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `moat` command line: a thin layer over Moat's libraries.
@main
struct Moat: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "moat",
        abstract: "Account security for online securities brokers.",
        discussion: """
            Exit codes common to every command: 0 success, 1 a negative verdict (mismatch, rejected),
            2 bad input or bad usage (with a message on standard error).
            """,
        subcommands: [HashCommand.self, PasswordCommand.self, AccountCommand.self, SessionsCommand.self, AuditCommand.self]
    )

    /// Runs the command, mapping usage errors to exit code 2 (ArgumentParser's default is 64), so that every
    /// kind of bad input ends the same way for scripts.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let failure as CommandFailure {
            FileDescriptorWriter.standardError.write(failure.message + "\n")
            Glibc.exit(failure.exitCode)
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileDescriptorWriter.standardError.write(fullMessage(for: error) + "\n")
                Glibc.exit(2)
            }
            exit(withError: error)
        }
    }
}
