// swift-tools-version:6.0
// A driver package of your own, using only the products of PlatformDrivers: a binding
// (bindings/cfi-flash.yaml) turned into typed registers by DTBindingPlugin, a driver generic over
// PlatformDevice and run by the driver host, its simulated model and tests, and a three-line
// @main program for the board, and flashctl: vfioctl knowing this package's binding.
//
//   swift build && swift test                      the host: driver against the simulated flash
//   make -C ../.. toolset                          then, for the board (see docs/own-package.md):
//   swift build -c release --triple aarch64-none-none-elf --toolset <toolset.json> --product flashid
import PackageDescription

let package = Package(
    name: "CFIFlash",
    products: [
        .library(name: "CFIFlash", targets: ["CFIFlash"]),
        .executable(name: "flashid", targets: ["flashid"]),
        .executable(name: "flashctl", targets: ["flashctl"]),
    ],
    dependencies: [
        // In your own package: .package(url: "https://…/PlatformDrivers", from: "…") or a path.
        .package(name: "PlatformDrivers", path: "../.."),
    ],
    targets: [
        .target(
            name: "FlashRegisters",
            dependencies: [
                .product(name: "Registers", package: "PlatformDrivers"),
                .product(name: "DeviceTree", package: "PlatformDrivers"),
                .product(name: "DeviceConfig", package: "PlatformDrivers"),
            ],
            plugins: [.plugin(name: "DTBindingPlugin", package: "PlatformDrivers")]
        ),
        .target(
            name: "CFIFlash",
            dependencies: [
                "FlashRegisters",
                .product(name: "DriverModel", package: "PlatformDrivers"),
                .product(name: "PlatformCore", package: "PlatformDrivers"),
                .product(name: "ProgramSupport", package: "PlatformDrivers"),
                .product(name: "DeviceTree", package: "PlatformDrivers"),
                .product(name: "Registers", package: "PlatformDrivers"),
            ]
        ),
        .executableTarget(
            name: "flashid",
            dependencies: [
                "CFIFlash",
                .product(name: "DriverModel", package: "PlatformDrivers"),
                .product(name: "PlatformBackends", package: "PlatformDrivers"),
            ]
        ),
        .executableTarget(
            name: "flashctl",
            dependencies: [
                "FlashRegisters",
                .product(name: "VFIOCtlKit", package: "PlatformDrivers"),
            ]
        ),
        .testTarget(
            name: "CFIFlashTests",
            dependencies: [
                "CFIFlash", "FlashRegisters",
                .product(name: "DriverModel", package: "PlatformDrivers"),
                .product(name: "PlatformSimulation", package: "PlatformDrivers"),
                .product(name: "PlatformCore", package: "PlatformDrivers"),
                .product(name: "ProgramSupport", package: "PlatformDrivers"),
                .product(name: "DeviceTree", package: "PlatformDrivers"),
            ]
        ),
    ]
)
