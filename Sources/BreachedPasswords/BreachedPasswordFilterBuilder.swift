import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Builds a ``BreachedPasswordFilter`` from SHA-1 hashes, such as the downloadable Pwned Passwords list
/// (`HEX[:COUNT]` per line).
///
/// Memory while building: 8 bytes per entry to collect the keys, then about 24 bytes per entry for the peeling
/// (so about 3 GB for 100 million entries, 30 GB for the full list of about a billion); the text itself is
/// streamed and never held whole.
public struct BreachedPasswordFilterBuilder: Sendable {
    /// Longest line accepted in a hash list (a 40-digit hash, a colon and a count fit in far less).
    public static let maximumLineLength = 256
    /// Most entries one filter holds.
    public static let maximumEntries = FilterFileFormat.maximumEntries

    private var keys: [UInt64] = []

    /// An empty builder.
    public init() {}

    /// Number of hashes added so far (duplicates included).
    public var addedCount: Int { keys.count }

    /// Adds a SHA-1 digest (20 bytes; the first 8 are the key).
    public mutating func add(sha1Digest digest: some Collection<UInt8>) throws {
        guard digest.count == 20 else { throw BreachedPasswordsError(.malformedLine, "a SHA-1 digest has 20 bytes") }
        guard keys.count < Self.maximumEntries else { throw BreachedPasswordsError(.tooManyEntries, "more than \(Self.maximumEntries) entries") }
        var key: UInt64 = 0
        for byte in digest.prefix(8) { key = key << 8 | UInt64(byte) }
        keys.append(key)
    }

    /// Adds a digest by its first 8 bytes read big-endian, which is all the filter keeps of a SHA-1 digest:
    /// for importers that hold digests in binary form.
    public mutating func add(sha1Prefix key: UInt64) throws {
        guard keys.count < Self.maximumEntries else { throw BreachedPasswordsError(.tooManyEntries, "more than \(Self.maximumEntries) entries") }
        keys.append(key)
    }

    /// Reserves room for `count` entries, when the size of a list is known in advance.
    public mutating func reserveCapacity(_ count: Int) {
        keys.reserveCapacity(min(count, Self.maximumEntries))
    }

    /// Adds the SHA-1 of a password's UTF-8 bytes (for tests and small lists).
    public mutating func add(password: String) throws {
        try add(sha1Digest: Array(Insecure.SHA1.hash(data: Array(password.utf8))))
    }

    /// Adds one line of a hash list: 40 hex digits, optionally `:COUNT`; blank lines are skipped.
    /// - Parameter lineNumber: named in the error for a malformed line.
    public mutating func add(line: Substring.UTF8View, lineNumber: Int) throws {
        var bytes = line[...]
        if bytes.last == UInt8(ascii: "\r") { bytes = bytes.dropLast() }
        if bytes.isEmpty { return }
        guard bytes.count <= Self.maximumLineLength else {
            throw BreachedPasswordsError(.lineTooLong, "line \(lineNumber) is longer than \(Self.maximumLineLength) characters")
        }
        var key: UInt64 = 0
        var index = bytes.startIndex
        for position in 0..<40 {
            guard index != bytes.endIndex, let value = Self.hexValue(bytes[index]) else {
                throw BreachedPasswordsError(.malformedLine, "line \(lineNumber) does not start with 40 hex digits")
            }
            if position < 16 { key = key << 4 | UInt64(value) }
            index = bytes.index(after: index)
        }
        if index != bytes.endIndex {
            guard bytes[index] == UInt8(ascii: ":") else {
                throw BreachedPasswordsError(.malformedLine, "line \(lineNumber): expected ':COUNT' after the hash")
            }
            let count = bytes[bytes.index(after: index)...]
            guard !count.isEmpty, count.count <= 19, count.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
                throw BreachedPasswordsError(.malformedLine, "line \(lineNumber): the count after ':' must be a decimal number")
            }
        }
        guard keys.count < Self.maximumEntries else { throw BreachedPasswordsError(.tooManyEntries, "more than \(Self.maximumEntries) entries") }
        keys.append(key)
    }

    /// Reads a hash list file, streaming it in blocks; `progress` is called with the lines read so far every
    /// million lines.
    public mutating func add(contentsOf path: String, progress: ((Int) -> Void)? = nil) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw BreachedPasswordsError(.io, "cannot open \(path)") }
        defer { try? handle.close() }
        var pending: [UInt8] = []
        var lineNumber = 0
        while true {
            let block: Data
            do {
                block = try handle.read(upToCount: 1 << 20) ?? Data()
            } catch {
                throw BreachedPasswordsError(.io, "cannot read \(path)")
            }
            if block.isEmpty { break }
            pending += block
            var start = 0
            while let newline = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
                lineNumber += 1
                try add(line: String(decoding: pending[start..<newline], as: UTF8.self).utf8[...], lineNumber: lineNumber)
                if lineNumber % 1_000_000 == 0 { progress?(lineNumber) }
                start = newline + 1
            }
            pending.removeFirst(start)
            if pending.count > Self.maximumLineLength + 1 {
                throw BreachedPasswordsError(.lineTooLong, "line \(lineNumber + 1) is longer than \(Self.maximumLineLength) characters")
            }
        }
        if !pending.isEmpty {
            lineNumber += 1
            try add(line: String(decoding: pending, as: UTF8.self).utf8[...], lineNumber: lineNumber)
        }
        progress?(lineNumber)
    }

    /// The filter, in memory.
    public func build() throws -> BreachedPasswordFilter {
        var generator = SystemRandomNumberGenerator()
        return try build(seeds: &generator)
    }

    /// The filter, with seeds from `seeds` (fixed in tests, for reproducible files).
    public func build(seeds: inout some RandomNumberGenerator) throws -> BreachedPasswordFilter {
        let distinct = Self.distinct(keys)
        let (layout, fingerprints) = try BinaryFuseBuilder.build(keys: distinct, seeds: &seeds)
        return BreachedPasswordFilter(layout: layout, fingerprints: fingerprints, count: distinct.count)
    }

    /// Builds the filter and writes it to `path` atomically: a temporary file in the same folder, synced to disk,
    /// then renamed over `path`, so readers see the old filter or the new one, never half of one.
    public func write(to path: String) throws -> BreachedPasswordFilter {
        var generator = SystemRandomNumberGenerator()
        return try write(to: path, seeds: &generator)
    }

    /// ``write(to:)`` with seeds from `seeds`.
    public func write(to path: String, seeds: inout some RandomNumberGenerator) throws -> BreachedPasswordFilter {
        let filter = try build(seeds: &seeds)
        let body = Array(UnsafeBufferPointer(start: filter.storage.fingerprints, count: filter.layout.arrayLength))
        let header = FilterFileFormat.encode(layout: filter.layout, count: filter.count, body: body)
        let temporary = path + ".tmp-\(UUID().uuidString)"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw BreachedPasswordsError(.io, "cannot create \(temporary)") }
        var ok = Self.writeAll(fd, header) && Self.writeAll(fd, body) && fsync(fd) == 0
        ok = close(fd) == 0 && ok
        guard ok, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw BreachedPasswordsError(.io, "cannot write \(path)")
        }
        // Make the rename itself durable.
        let directory = open((path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent,
                             O_RDONLY | O_CLOEXEC)
        if directory >= 0 { fsync(directory); close(directory) }
        return filter
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, min(bytes.count - offset, 1 << 26)) }
            if n <= 0 { return false }
            offset += n
        }
        return true
    }

    static func distinct(_ keys: [UInt64]) -> [UInt64] {
        var sorted = keys
        sorted.sort()
        var out: [UInt64] = []
        out.reserveCapacity(sorted.count)
        for key in sorted where out.last != key { out.append(key) }
        return out
    }

    @inline(__always)
    static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: c - 0x30
        case 0x41...0x46: c - 0x41 + 10
        case 0x61...0x66: c - 0x61 + 10
        default: nil
        }
    }
}
