// swift-tools-version:6.1
import PackageDescription

/// One set of settings for every target, tests included.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "moat",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "moat", targets: ["moat"]),
        .library(name: "PasswordHashing", targets: ["PasswordHashing"]),
        .library(name: "PasswordStrength", targets: ["PasswordStrength"]),
        .library(name: "BreachedPasswords", targets: ["BreachedPasswords"]),
        .library(name: "CredentialPolicy", targets: ["CredentialPolicy"]),
        .library(name: "Storage", targets: ["Storage"]),
        .library(name: "AccountSecurity", targets: ["AccountSecurity"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.100.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.0.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.21.0"),
    ],
    targets: [
        .target(
            name: "PasswordHashing",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "PasswordStrength",
            resources: [.copy("Resources")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "BreachedPasswords",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CredentialPolicy",
            dependencies: ["PasswordHashing", "PasswordStrength", "BreachedPasswords"],
            resources: [.copy("Resources")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Storage",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "AccountSecurity",
            dependencies: [
                "PasswordHashing", "CredentialPolicy", "Storage",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "moat",
            dependencies: [
                "PasswordHashing",
                "CredentialPolicy",
                "BreachedPasswords",
                "AccountSecurity",
                "Storage",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "MoatBenchmarks",
            dependencies: [
                "PasswordHashing",
                "CredentialPolicy",
                "BreachedPasswords",
                "PasswordStrength",
                "AccountSecurity",
                "Storage",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/MoatBenchmarks",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PasswordHashingTests",
            dependencies: ["PasswordHashing"],
            resources: [.copy("Resources")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "StoreTestSupport",
            dependencies: [
                "Storage",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            path: "Tests/StoreTestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "StorageTests",
            dependencies: [
                "Storage",
                "StoreTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "MoatCrashWorker",
            dependencies: ["AccountSecurity", "Storage", "PasswordHashing"],
            path: "Tests/CrashWorker",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AccountSecurityTests",
            dependencies: ["AccountSecurity", "Storage", "PasswordHashing", "MoatCrashWorker", "StoreTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MoatCommandTests",
            dependencies: ["moat", "Storage", "StoreTestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PasswordStrengthTests",
            dependencies: ["PasswordStrength"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BreachedPasswordsTests",
            dependencies: ["BreachedPasswords"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CredentialPolicyTests",
            dependencies: ["CredentialPolicy", "PasswordHashing"],
            swiftSettings: swiftSettings
        ),
    ]
)
