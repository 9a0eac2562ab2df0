#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads secrets from standard input without echoing them and without going through shell arguments,
/// where they would show up in `ps` and in shell history.
enum StandardInput {
    /// Most bytes read for one line; a longer line is refused rather than cut.
    static let maximumLineBytes = 64 * 1024

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// One line from standard input, without its line ending. On a terminal, prints `prompt` to standard
    /// error and turns echo off while the line is typed.
    static func readSecretLine(prompt: String) throws -> String {
        let isTerminal = isatty(STDIN_FILENO) == 1
        var saved = termios()
        if isTerminal {
            FileDescriptorWriter.standardError.write(prompt)
            tcgetattr(STDIN_FILENO, &saved)
            var silent = saved
            silent.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        }
        defer {
            if isTerminal {
                tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
                FileDescriptorWriter.standardError.write("\n")
            }
        }
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        var sawNewline = false
        while true {
            let n = read(STDIN_FILENO, &byte, 1)
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure(description: "cannot read standard input")
            }
            if n == 0 { break }
            if byte == UInt8(ascii: "\n") { sawNewline = true; break }
            bytes.append(byte)
            guard bytes.count <= maximumLineBytes else {
                throw Failure(description: "the input line is longer than \(maximumLineBytes) bytes")
            }
        }
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        guard !bytes.isEmpty || sawNewline else { throw Failure(description: "no input on standard input") }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw Failure(description: "standard input is not valid UTF-8")
        }
        for i in bytes.indices { bytes[i] = 0 }
        return text
    }
}

/// Unbuffered writes to a file descriptor, for prompts and messages.
struct FileDescriptorWriter {
    let descriptor: Int32
    static let standardError = FileDescriptorWriter(descriptor: STDERR_FILENO)
    static let standardOutput = FileDescriptorWriter(descriptor: STDOUT_FILENO)

    func write(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if n <= 0 { return }
            offset += n
        }
    }
}
