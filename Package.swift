// swift-tools-version: 6.0
// c8 — terminal console and embedded engine for a geo-distributed,
// multi-model data platform. No Swift package dependencies: the toolchain
// plus three Debian C libraries (ncursesw, OpenSSL, RocksDB).
import PackageDescription

let package = Package(
    name: "c8",
    products: [
        .executable(name: "c8", targets: ["c8"]),
    ],
    targets: [
        // System C libraries: a module map and a shim header each.
        .systemLibrary(name: "CNCurses", pkgConfig: "ncursesw",
                       providers: [.apt(["libncurses-dev"])]),
        .systemLibrary(name: "COpenSSL", pkgConfig: "openssl",
                       providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CRocksDB", pkgConfig: "rocksdb",
                       providers: [.apt(["librocksdb-dev"])]),

        // The platform, bottom up.
        .target(name: "C8Core"),
        .target(name: "C8Storage", dependencies: ["C8Core", "CRocksDB"]),
        .target(name: "C8Engine", dependencies: ["C8Core", "C8Storage", "C8Crypto"]),
        .target(name: "C8Crypto", dependencies: ["C8Core", "COpenSSL"]),
        .target(name: "C8Query", dependencies: ["C8Core", "C8Storage", "C8Engine", "C8Crypto"]),
        .target(name: "C8Streams", dependencies: ["C8Core", "C8Storage", "C8Engine", "C8Crypto"]),
        .target(name: "C8Cluster", dependencies: ["C8Core", "C8Storage", "C8Engine", "C8Streams"]),

        // The network: HTTP/1.1, WebSocket and TLS over epoll, then the C8 API on it.
        .target(name: "C8Net", dependencies: ["C8Core", "C8Crypto", "COpenSSL"]),
        .target(name: "C8Server", dependencies: ["C8Core", "C8Engine", "C8Query", "C8Crypto", "C8Net", "C8Streams", "C8Cluster"]),

        // The client layer and the console.
        .target(name: "C8Client", dependencies: ["C8Core", "C8Engine", "C8Query", "C8Net", "C8Streams", "C8Cluster"]),
        .target(name: "C8Console", dependencies: ["C8Core", "C8Client"]),
        .target(name: "C8Terminal", dependencies: ["C8Console", "CNCurses"]),

        // The command line.
        .target(name: "C8CLI", dependencies: ["C8Core", "C8Engine", "C8Query", "C8Client", "C8Console", "C8Terminal",
                                              "C8Net", "C8Server", "C8Streams", "C8Cluster"]),
        .executableTarget(name: "c8", dependencies: ["C8CLI"]),

        // Tests: one target per module, plus the system library smoke tests.
        .testTarget(name: "C8CoreTests", dependencies: ["C8Core"]),
        .testTarget(name: "C8StorageTests", dependencies: ["C8Storage"]),
        .testTarget(name: "C8EngineTests", dependencies: ["C8Engine", "C8Crypto"]),
        .testTarget(name: "C8CryptoTests", dependencies: ["C8Crypto", "C8Core"]),
        .testTarget(name: "C8QueryTests", dependencies: ["C8Query"]),
        .testTarget(name: "C8ClusterTests", dependencies: ["C8Cluster", "C8Engine", "C8Storage", "C8Core", "C8Streams"]),
        .testTarget(name: "C8StreamsTests", dependencies: ["C8Streams", "C8Engine", "C8Storage", "C8Core"]),
        .testTarget(name: "C8NetTests", dependencies: ["C8Net"]),
        .testTarget(name: "C8ServerTests", dependencies: ["C8Server", "C8Net", "C8Engine", "C8Crypto", "C8Core", "C8Streams", "C8Cluster"]),
        .testTarget(name: "C8ClientTests", dependencies: ["C8Client", "C8Server", "C8Net", "C8Engine", "C8Streams", "C8Cluster"]),
        .testTarget(name: "C8ConsoleTests", dependencies: ["C8Console"]),
        .testTarget(name: "C8TerminalTests", dependencies: ["C8Terminal"]),
        .testTarget(name: "C8CLITests", dependencies: ["C8CLI", "c8", "C8Cluster"]),
        .testTarget(name: "SystemLibraryTests",
                    dependencies: ["CNCurses", "COpenSSL", "CRocksDB"]),
    ],
    swiftLanguageModes: [.v6]
)
