import Foundation
import PostgresNIO

extension PostgresStore {
    /// Where and how to reach the PostgreSQL database that several Moat servers share, parsed from a
    /// connection URL.
    ///
    /// Accepted forms (a subset of libpq's, so that the same URL works with `psql`):
    /// - `postgres://user:password@host:port/database?sslmode=require` (TCP; `[::1]` for IPv6 literals)
    /// - `postgres://user@/database?host=/socket/directory` or `postgres:///database?host=/socket/directory`
    ///   (a Unix socket: the directory holds `.s.PGSQL.<port>`)
    ///
    /// Query parameters: `host`, `port`, `user`, `password`, `sslmode` (`disable`, `prefer`, `require`,
    /// `verify-full`; `require` verifies the server's certificate and name here, unlike libpq). Without a user
    /// the name of the account running Moat is used, as libpq does; without a host, Debian's socket directory.
    /// The password is kept out of ``description`` and of every error message.
    public struct Configuration: Sendable, CustomStringConvertible {
        /// How the connection is secured.
        public enum TLSMode: String, Sendable, Hashable, CaseIterable {
            /// Plain TCP (for loopback or a private network only).
            case disable
            /// TLS when the server offers it, plain otherwise (libpq's default).
            case prefer
            /// TLS with the server's certificate and host name verified.
            case require
            /// Same as ``require``; the libpq name of full verification.
            case verifyFull = "verify-full"
        }

        /// Where the server listens.
        public enum Endpoint: Sendable, Hashable {
            /// A TCP host name or address and port.
            case tcp(host: String, port: Int)
            /// The path of a Unix socket file.
            case unixSocket(path: String)
        }

        /// The longest URL accepted; real ones are far shorter, and a bound keeps a bad setting from costing much.
        public static let maximumURLLength = 4096
        /// The most query parameters accepted.
        public static let maximumParameters = 16
        /// Debian's socket directory, used when the URL names no host.
        public static let defaultSocketDirectory = "/var/run/postgresql"

        /// Where to connect.
        public var endpoint: Endpoint
        /// The database role.
        public var user: String
        /// The role's password, if the server asks for one.
        var password: String?
        /// The database name.
        public var database: String
        /// TLS for TCP connections (Unix sockets never use TLS).
        public var tlsMode: TLSMode
        /// The most connections this server opens to the database (at least one). Several servers share the
        /// server's `max_connections`, so keep their sum below it.
        public var maximumConnections: Int = 20

        /// Parses a `postgres://` or `postgresql://` URL.
        /// - Throws: ``StoreError/Code/invalidConfiguration`` naming what is wrong (never the password).
        public init(url: String) throws {
            guard url.utf8.count <= Self.maximumURLLength else {
                throw Self.invalid("is longer than \(Self.maximumURLLength) bytes")
            }
            guard !url.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F }) else {
                throw Self.invalid("contains spaces or control characters")
            }
            var rest = Substring(url)
            if rest.hasPrefix("postgres://") {
                rest = rest.dropFirst("postgres://".count)
            } else if rest.hasPrefix("postgresql://") {
                rest = rest.dropFirst("postgresql://".count)
            } else {
                throw Self.invalid("must start with postgres:// or postgresql://")
            }

            var query: Substring = ""
            if let mark = rest.firstIndex(of: "?") {
                query = rest[rest.index(after: mark)...]
                rest = rest[..<mark]
            }
            var path: Substring = ""
            if let slash = rest.firstIndex(of: "/") {
                path = rest[rest.index(after: slash)...]
                rest = rest[..<slash]
            }
            var authority = rest

            var user: String?
            var password: String?
            if let at = authority.lastIndex(of: "@") {
                let userInfo = authority[..<at]
                authority = authority[authority.index(after: at)...]
                if let colon = userInfo.firstIndex(of: ":") {
                    user = try Self.decode(userInfo[..<colon], "user name")
                    password = try Self.decode(userInfo[userInfo.index(after: colon)...], "password")
                } else {
                    user = try Self.decode(userInfo, "user name")
                }
            }

            var host: String?
            var portText: Substring?
            if authority.hasPrefix("[") {
                guard let close = authority.firstIndex(of: "]") else { throw Self.invalid("has an unclosed [ in its host") }
                host = String(authority[authority.index(after: authority.startIndex)..<close])
                let after = authority[authority.index(after: close)...]
                if !after.isEmpty {
                    guard after.hasPrefix(":") else { throw Self.invalid("has text after the bracketed host") }
                    portText = after.dropFirst()
                }
            } else if let colon = authority.firstIndex(of: ":") {
                host = try Self.decode(authority[..<colon], "host")
                portText = authority[authority.index(after: colon)...]
            } else if !authority.isEmpty {
                host = try Self.decode(authority, "host")
            }

            var tlsMode: TLSMode = .prefer
            var seen: Set<String> = []
            let pairs = query.isEmpty ? [] : query.split(separator: "&", omittingEmptySubsequences: false)
            guard pairs.count <= Self.maximumParameters else {
                throw Self.invalid("has more than \(Self.maximumParameters) parameters")
            }
            for pair in pairs {
                guard let equals = pair.firstIndex(of: "=") else { throw Self.invalid("has a parameter without a value") }
                let name = try Self.decode(pair[..<equals], "parameter name")
                let value = try Self.decode(pair[pair.index(after: equals)...], "value of a parameter")
                guard seen.insert(name).inserted else { throw Self.invalid("repeats a parameter") }
                switch name {
                case "host": host = value
                case "port": portText = Substring(value)
                case "user": user = value
                case "password": password = value
                case "sslmode":
                    guard let mode = TLSMode(rawValue: value) else {
                        throw Self.invalid("has an unsupported sslmode (use disable, prefer, require or verify-full)")
                    }
                    tlsMode = mode
                default:
                    // Only the name is shown: a value might be a secret put in the wrong place.
                    throw Self.invalid("has an unsupported parameter \"\(name.prefix(40))\"")
                }
            }

            var port = 5432
            if let portText {
                guard let number = Int(portText), (1...65535).contains(number), portText.allSatisfy(\.isASCII) else {
                    throw Self.invalid("has a port that is not a number from 1 to 65535")
                }
                port = number
            }

            let database = try Self.decode(path, "database name")
            guard !database.isEmpty else { throw Self.invalid("names no database (postgres://…/DATABASE)") }
            guard database.utf8.count <= 63 else { throw Self.invalid("has a database name longer than 63 bytes") }
            let role = user ?? ProcessInfo.processInfo.userName
            guard !role.isEmpty else { throw Self.invalid("names no user, and the current user's name is unknown") }
            guard role.utf8.count <= 63 else { throw Self.invalid("has a user name longer than 63 bytes") }

            let hostName = host ?? Self.defaultSocketDirectory
            if hostName.hasPrefix("/") {
                let socket = hostName.hasSuffix("/") ? "\(hostName).s.PGSQL.\(port)" : "\(hostName)/.s.PGSQL.\(port)"
                // sun_path holds 108 bytes, the terminating zero included.
                guard socket.utf8.count <= 107 else { throw Self.invalid("has a socket directory too long for a Unix socket") }
                endpoint = .unixSocket(path: socket)
            } else {
                guard !hostName.isEmpty else { throw Self.invalid("names an empty host") }
                endpoint = .tcp(host: hostName, port: port)
            }
            self.user = role
            self.password = password
            self.database = database
            self.tlsMode = tlsMode
        }

        /// The settings without the password, for messages.
        public var description: String {
            let place: String
            switch endpoint {
            case .tcp(let host, let port): place = "\(host):\(port)"
            case .unixSocket(let path): place = path
            }
            return "PostgreSQL database \(database) at \(place) as \(user)\(password == nil ? "" : " (password set)")"
        }

        /// postgres-nio's form of these settings.
        func clientConfiguration() -> PostgresClient.Configuration {
            var configuration: PostgresClient.Configuration
            switch endpoint {
            case .unixSocket(let path):
                configuration = .init(unixSocketPath: path, username: user, password: password, database: database)
            case .tcp(let host, let port):
                let tls: PostgresClient.Configuration.TLS
                switch tlsMode {
                case .disable: tls = .disable
                case .prefer: tls = .prefer(.makeClientConfiguration())
                case .require, .verifyFull: tls = .require(.makeClientConfiguration())
                }
                configuration = .init(host: host, port: port, username: user, password: password, database: database, tls: tls)
            }
            configuration.options.maximumConnections = max(1, maximumConnections)
            return configuration
        }

        /// The same settings for a single connection outside the pool (the start-up probe).
        func connectionConfiguration() throws -> PostgresConnection.Configuration {
            switch endpoint {
            case .unixSocket(let path):
                return .init(unixSocketPath: path, username: user, password: password, database: database)
            case .tcp(let host, let port):
                let tls: PostgresConnection.Configuration.TLS
                switch tlsMode {
                case .disable: tls = .disable
                case .prefer: tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
                case .require, .verifyFull: tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
                }
                return .init(host: host, port: port, username: user, password: password, database: database, tls: tls)
            }
        }

        private static func invalid(_ problem: String) -> StoreError {
            StoreError(.invalidConfiguration, "the PostgreSQL URL \(problem)")
        }

        /// Percent-decodes one URL component into UTF-8 text.
        private static func decode(_ text: Substring, _ what: String) throws -> String {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(text.utf8.count)
            var iterator = text.utf8.makeIterator()
            while let byte = iterator.next() {
                guard byte == UInt8(ascii: "%") else {
                    bytes.append(byte)
                    continue
                }
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                    throw invalid("has a bad percent escape in its \(what)")
                }
                bytes.append(high << 4 | low)
            }
            guard let decoded = String(validating: bytes, as: UTF8.self), !decoded.utf8.contains(0) else {
                throw invalid("has a \(what) that is not valid UTF-8 text")
            }
            return decoded
        }

        private static func hexValue(_ byte: UInt8) -> UInt8? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
            default: nil
            }
        }
    }
}
