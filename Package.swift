// swift-tools-version:6.1
// factcheck — a fact-check and claim-tracking workflow on PostgreSQL.
// Targets depend only downward: CLibPQ → Postgres → FactCheckStore → DeskViews →
// FactCheckService / factcheck, with the pure domain (FactCheckCore) beside them.
import PackageDescription

/// Every executable links with lld on Linux. With `--static-swift-stdlib` (Scripts/demo, bench, install)
/// GNU ld warns that static Foundation's temporary-file code references `mktemp`; lld does not
/// act on glibc's link-time warning sections, so a clean build prints nothing. lld ships with
/// the Swift toolchain.
let quietStaticLink: [LinkerSetting] = [.unsafeFlags(["-use-ld=lld"], .when(platforms: [.linux]))]

let package = Package(
    name: "factcheck",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "factcheck", targets: ["factcheck"]),
        .executable(name: "factcheck-server", targets: ["factcheck-server"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0", traits: []),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        /// The system-library module map for libpq (Debian: libpq-dev).
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"]), .brew(["libpq"])]
        ),
        /// A small, safe libpq wrapper: connections, bound-parameter queries, row decoding,
        /// transactions, COPY in and out, errors with SQLSTATE.
        .target(name: "Postgres", dependencies: ["CLibPQ"]),
        /// The newsroom domain: claims, sources, verdicts, rating scales, review states and
        /// their transitions, roles and permissions, validation. Pure: no I/O.
        .target(name: "FactCheckCore"),
        /// Build tool that turns Migrations/*.sql into Swift source, so the binary carries them.
        .executableTarget(name: "MigrationEmbedder", linkerSettings: quietStaticLink),
        /// Build plugin running MigrationEmbedder on every build; the folder is the only source.
        .plugin(name: "EmbedMigrations", capability: .buildTool(), dependencies: ["MigrationEmbedder"]),
        /// The PostgreSQL repository: the migration runner, the workflow's persistence and the
        /// audit log. The only place with SQL.
        .target(
            name: "FactCheckStore",
            dependencies: [
                "Postgres", "FactCheckCore",
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ],
            plugins: ["EmbedMigrations"]
        ),
        /// What both doors show: the snake_case JSON of every record (with its nulls), the desk
        /// report's HTML and SVG, and the browser desk's pages (Mustache templates compiled in,
        /// escaping every value) with their stylesheet and script.
        .target(name: "DeskViews", dependencies: [
            "FactCheckStore", "FactCheckCore", .product(name: "Mustache", package: "swift-mustache"),
        ]),
        /// The HTTP service: routes, request decoding, identity (sessions, tokens), CSRF,
        /// problem+json, the store pool on its own threads, live updates. HTTP only.
        .target(
            name: "FactCheckService",
            dependencies: [
                "FactCheckStore", "FactCheckCore", "DeskViews", "Postgres",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        /// The service's process (`factcheck serve` starts it): kept apart so the CLI's start-up
        /// does not pay for the HTTP stack.
        .executableTarget(
            name: "factcheck-server",
            dependencies: ["FactCheckService", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            linkerSettings: quietStaticLink
        ),
        /// The command-line interface: parsing, formatting, exit codes.
        .executableTarget(
            name: "factcheck",
            dependencies: [
                "FactCheckStore", "FactCheckCore", "DeskViews", "Postgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            linkerSettings: quietStaticLink
        ),
        /// Scripts/bench's load driver: workflow transitions from concurrent sessions through the
        /// store, as the CLI makes them (not a product; nothing else depends on it).
        .executableTarget(name: "WorkflowLoad", dependencies: ["FactCheckStore", "FactCheckCore"],
                         linkerSettings: quietStaticLink),
        /// Test databases from a migrated template, and a runner for the built binary.
        .target(name: "TestSupport", dependencies: ["FactCheckStore", "Postgres"], path: "Tests/TestSupport"),
        .testTarget(name: "FactCheckCoreTests", dependencies: ["FactCheckCore"], exclude: ["Fixtures"]),
        .testTarget(name: "PropertyTests", dependencies: [
            "FactCheckCore", .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "PostgresTests", dependencies: ["Postgres", "TestSupport"]),
        .testTarget(name: "FactCheckStoreTests", dependencies: ["FactCheckStore", "FactCheckCore", "Postgres", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["Postgres", "TestSupport"]),
        .testTarget(name: "ServiceTests", dependencies: [
            "FactCheckService", "FactCheckStore", "FactCheckCore", "Postgres", "TestSupport",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
        ]),
    ]
)
