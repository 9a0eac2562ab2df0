import ArgumentParser
import BreachedPasswords
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `moat password build-filter`: turn a list of breached-password hashes into the filter the policy reads.
struct PasswordBuildFilterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build-filter",
        abstract: "Build a breached-password filter from a list of SHA-1 hashes.",
        discussion: """
            Reads HASHES.txt in the format of the downloadable Pwned Passwords list (40 hex digits per line, optionally
            followed by ':COUNT'), streaming, and writes a binary fuse filter (about 9 bits per entry, 0.4% false
            positives, no false negatives) to FILE atomically. Building needs about 32 bytes of memory per entry.
            Progress is shown on standard error when it is a terminal.

            Exit codes:
              0  built (a summary is printed)
              2  bad input: unreadable list, a malformed line (its number is named), unwritable output
            """)

    @Argument(help: "The hash list.") var hashes: String
    @Option(name: .shortAndLong, help: "Where to write the filter.") var output: String

    func run() async throws {
        let showProgress = isatty(STDERR_FILENO) == 1
        var builder = BreachedPasswordFilterBuilder()
        do {
            try builder.add(contentsOf: hashes) { lines in
                if showProgress { FileDescriptorWriter.standardError.write("\rread \(lines) lines") }
            }
            if showProgress { FileDescriptorWriter.standardError.write("\nbuilding…\n") }
            let filter = try builder.write(to: output)
            let size = (try? FileManager.default.attributesOfItem(atPath: output)[.size] as? Int) ?? 0
            print(String(format: "%d entries, %.2f bits per entry, %d bytes written to %@", filter.count, filter.bitsPerEntry, size, output))
        } catch let error as BreachedPasswordsError {
            throw CommandFailure(message: "moat password build-filter: \(error.message) [\(error.code)]", exitCode: 2)
        }
    }
}
