// swift-tools-version:6.0
// Userspace drivers for Linux platform devices: device trees (libfdt), vfio-platform/vfio-amba or
// UIO, typed registers generated from binding descriptions. Runtime targets (CFdt, CLinux,
// DeviceTree, Registers, PlatformCore, VFIOPlatform, UIOPlatform, PlatformBackends, DriverModel,
// Drivers, examples, vfioctl)
// have no package dependencies and also build in Embedded Swift for aarch64 with SwiftPM and the
// toolset of scripts/toolset.sh (scripts/embedded-build.sh runs it for every board program); host
// tools use Yams and ArgumentParser.
import PackageDescription

let package = Package(
    name: "PlatformDrivers",
    products: [
        // Runtime a driver links: Embedded-Swift clean, for the host and the board alike.
        .library(name: "DeviceTree", targets: ["DeviceTree"]),
        .library(name: "ByteText", targets: ["ByteText"]),
        .library(name: "Registers", targets: ["Registers"]),
        .library(name: "DeviceConfig", targets: ["DeviceConfig"]),
        // The backend-neutral core (PlatformDevice, PlatformInterrupt, DeviceError, OpenOptions,
        // DriverBinder), and its peers over it: VFIO, UIO and (below) the simulated backend.
        .library(name: "PlatformCore", targets: ["PlatformCore"]),
        .library(name: "VFIOPlatform", targets: ["VFIOPlatform"]),
        .library(name: "UIOPlatform", targets: ["UIOPlatform"]),
        // The front door: one way to open a device by config, node or Linux name on auto|vfio|uio.
        .library(name: "PlatformBackends", targets: ["PlatformBackends"]),
        .library(name: "ProgramSupport", targets: ["ProgramSupport"]),
        .library(name: "Privileges", targets: ["Privileges"]),
        // The driver model: PlatformDriver, the host that probes every matching node, one event loop.
        .library(name: "DriverModel", targets: ["DriverModel"]),
        // Host tests of drivers: simulated devices, and models of the shipped peripherals.
        .library(name: "PlatformSimulation", targets: ["PlatformSimulation"]),
        .library(name: "DeviceModels", targets: ["DeviceModels"]),
        // The shipped bindings' generated code and the example drivers, for reuse.
        .library(name: "Peripherals", targets: ["Peripherals"]),
        .library(name: "Drivers", targets: ["Drivers"]),
        // Binding descriptions: the build plugin, its library and tool.
        .plugin(name: "DTBindingPlugin", targets: ["DTBindingPlugin"]),
        .library(name: "DTBinding", targets: ["DTBinding"]),
        .executable(name: "dtbind", targets: ["dtbind"]),
        .executable(name: "vfioctl", targets: ["vfioctl"]),
        // vfioctl's commands, for a vfioctl built in a user's package that knows their bindings.
        .library(name: "VFIOCtlKit", targets: ["VFIOCtlKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // MARK: C modules (header-only shims)
        .systemLibrary(name: "CFdt", path: "Sources/CFdt"),
        .systemLibrary(name: "CLinux", path: "Sources/CLinux"),
        .systemLibrary(name: "CMMIO", path: "Sources/CMMIO"),

        // MARK: Runtime (Embedded-Swift clean, no package dependencies)
        // Links a corrected swift_bridgeObjectRetain into every board program (see its source).
        .target(name: "EmbeddedRuntimeFix"),
        .target(name: "ByteText", dependencies: ["EmbeddedRuntimeFix"]),
        .target(name: "DeviceTree", dependencies: ["CFdt", "CLinux", "ByteText"]),
        .target(name: "Registers", dependencies: ["CMMIO"]),
        .target(name: "DeviceConfig", dependencies: ["DeviceTree", "ByteText"]),
        // The core and its three peer backends, which never depend on each other.
        .target(name: "PlatformCore", dependencies: ["DeviceTree", "DeviceConfig", "Registers", "CLinux", "ByteText"]),
        .target(name: "VFIOPlatform", dependencies: ["PlatformCore", "DeviceTree", "DeviceConfig", "Registers", "CLinux", "ByteText"]),
        .target(name: "UIOPlatform", dependencies: ["PlatformCore", "DeviceTree", "DeviceConfig", "Registers", "CLinux", "ByteText"]),
        .target(name: "PlatformSimulation", dependencies: ["PlatformCore", "Registers", "CLinux"]),
        .target(name: "PlatformBackends", dependencies: ["PlatformCore", "VFIOPlatform", "UIOPlatform", "DeviceTree", "DeviceConfig", "Registers", "CLinux", "ByteText"]),
        .target(name: "DeviceModels", dependencies: ["PlatformSimulation", "PlatformCore"]),
        .target(name: "ProgramSupport", dependencies: ["PlatformCore", "DeviceTree", "CLinux", "ByteText"]),
        .target(name: "Privileges", dependencies: ["PlatformCore", "CLinux", "ByteText"]),
        .target(name: "DriverModel", dependencies: ["PlatformCore", "PlatformBackends", "Privileges", "DeviceTree", "DeviceConfig", "ProgramSupport", "CLinux", "ByteText"]),
        .target(name: "VFIOCtlKit", dependencies: ["PlatformCore", "VFIOPlatform", "UIOPlatform", "PlatformBackends", "Privileges", "DeviceTree", "DeviceConfig", "Peripherals", "Registers", "ProgramSupport", "CLinux", "ByteText"]),
        .executableTarget(name: "vfioctl", dependencies: ["VFIOCtlKit"]),

        // MARK: Host tools
        .target(name: "DTBinding", dependencies: ["DeviceTree", "DeviceConfig", .product(name: "Yams", package: "Yams")]),
        .executableTarget(
            name: "dtbind",
            dependencies: ["DTBinding", "DeviceTree", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .plugin(name: "DTBindingPlugin", capability: .buildTool(), dependencies: ["dtbind"]),
        // Register accessors and config structs generated from bindings/ (listed in bindings.list).
        .target(
            name: "Peripherals",
            dependencies: ["Registers", "DeviceTree", "DeviceConfig"],
            path: "Sources/examples/Peripherals",
            plugins: ["DTBindingPlugin"]
        ),

        // MARK: Example drivers (Sources/examples): generated accessors only, Embedded clean
        .target(
            name: "Drivers",
            dependencies: ["Peripherals", "DriverModel", "PlatformCore", "VFIOPlatform", "UIOPlatform", "PlatformBackends", "DeviceTree", "DeviceConfig", "Registers", "ProgramSupport", "CLinux", "ByteText"],
            path: "Sources/examples/Drivers"
        ),
        // What irqbench, the one example that is not a driver of the host (it measures raw interrupt paths), uses.
        .target(name: "ExampleSupport", dependencies: ["PlatformBackends", "PlatformCore", "DeviceConfig", "DeviceTree", "ProgramSupport"], path: "Sources/examples/ExampleSupport"),
        .executableTarget(name: "uart", dependencies: ["Drivers", "DriverModel", "PlatformBackends"], path: "Sources/examples/uart"),
        .executableTarget(name: "timer", dependencies: ["Drivers", "DriverModel", "PlatformBackends"], path: "Sources/examples/timer"),
        .executableTarget(name: "gpio", dependencies: ["Drivers", "DriverModel", "PlatformBackends"], path: "Sources/examples/gpio"),
        .executableTarget(name: "devicehost", dependencies: ["Drivers", "DriverModel", "PlatformBackends"], path: "Sources/examples/devicehost"),
        .executableTarget(name: "hostbench", dependencies: ["Drivers", "DriverModel", "PlatformBackends", "Peripherals", "PlatformCore", "ProgramSupport", "Registers", "ByteText", "CLinux"], path: "Sources/examples/hostbench"),
        .executableTarget(name: "fwcfg", dependencies: ["Drivers", "DriverModel", "PlatformBackends"], path: "Sources/examples/fwcfg"),
        .executableTarget(name: "systimer", dependencies: ["Drivers", "DriverModel", "PlatformBackends"], path: "Sources/examples/systimer"),
        .executableTarget(name: "imx", dependencies: ["Drivers", "DriverModel", "PlatformBackends", "ProgramSupport", "ByteText"], path: "Sources/examples/imx"),
        .executableTarget(name: "irqbench", dependencies: ["Drivers", "ExampleSupport", "PlatformBackends", "Peripherals", "DeviceTree", "PlatformCore", "VFIOPlatform", "ProgramSupport", "Registers", "CLinux"], path: "Sources/examples/irqbench"),

        // MARK: Benchmarks (not tests; measure with `swift build -c release --product dt-bench`)
        .target(name: "CFdtWalk", path: "Benchmarks/CFdtWalk", linkerSettings: [.linkedLibrary("fdt")]),
        .executableTarget(name: "dt-bench", dependencies: ["DeviceTree", "CFdtWalk", "CLinux"], path: "Benchmarks/dt-bench"),
        .target(name: "CRegLoop", path: "Benchmarks/CRegLoop"),
        .target(name: "RegLoops", dependencies: ["Peripherals", "Registers"], path: "Benchmarks/RegLoops"),
        .executableTarget(name: "reg-bench", dependencies: ["Peripherals", "Registers", "RegLoops", "CRegLoop", "CLinux"], path: "Benchmarks/reg-bench"),
        .executableTarget(name: "reg-loops", dependencies: ["Peripherals", "Registers", "RegLoops", "CRegLoop", "CLinux"], path: "Benchmarks/reg-loops"),

        // MARK: Tests
        // What the VFIO and UIO tests share: a fake /sys and /dev, the QEMU virt device tree.
        .target(name: "PlatformTestFixtures", dependencies: ["PlatformCore", "VFIOPlatform", "DeviceTree"], path: "Tests/PlatformTestFixtures"),
        .testTarget(name: "DriversTests", dependencies: ["Drivers", "DriverModel", "ProgramSupport", "DeviceModels", "PlatformSimulation", "PlatformCore", "VFIOPlatform", "Peripherals"]),
        .testTarget(name: "DeviceTreeTests", dependencies: ["DeviceTree"], exclude: ["Fixtures"]),
        .testTarget(name: "DTBindInspectTests", dependencies: ["dtbind"]),
        .testTarget(name: "VFIOPlatformTests", dependencies: ["PlatformTestFixtures", "PlatformCore", "VFIOPlatform", "PlatformSimulation", "DeviceModels", "DeviceTree", "DeviceConfig", "Peripherals", "Registers", "CLinux"]),
        .testTarget(name: "RegistersTests", dependencies: ["Registers"]),
        .testTarget(name: "ByteTextTests", dependencies: ["ByteText"]),
        .testTarget(name: "ProgramSupportTests", dependencies: ["ProgramSupport", "PlatformCore"]),
        .testTarget(name: "UIOPlatformTests", dependencies: ["PlatformTestFixtures", "UIOPlatform", "PlatformCore", "DeviceConfig", "DeviceTree", "Registers", "CLinux"]),
        .testTarget(name: "PrivilegesTests", dependencies: ["Privileges", "PlatformTestFixtures", "PlatformCore"]),
        .testTarget(name: "PlatformCoreTests", dependencies: ["PlatformTestFixtures", "PlatformCore", "DeviceTree", "CLinux"]),
        .testTarget(name: "PlatformBackendsTests", dependencies: ["PlatformTestFixtures", "PlatformBackends", "PlatformCore", "VFIOPlatform", "UIOPlatform", "DeviceConfig", "DeviceTree", "Peripherals", "Registers"]),
        .testTarget(name: "DriverModelTests", dependencies: ["DriverModel", "PlatformSimulation", "PlatformCore", "DeviceConfig", "DeviceTree", "ProgramSupport", "CLinux"]),
        .testTarget(name: "VFIOCtlKitTests", dependencies: ["VFIOCtlKit", "PlatformTestFixtures", "DeviceConfig", "DeviceTree", "PlatformCore", "ProgramSupport", "Registers"]),
        .testTarget(name: "BoardTests"),
        .testTarget(name: "FuzzRegressionTests", dependencies: ["DeviceTree", "DTBinding"], exclude: ["Inputs"]),
        .testTarget(
            name: "DTBindingTests",
            dependencies: ["DTBinding", "DeviceTree", "DeviceConfig", "Registers", "Peripherals", "dtbind"],
            exclude: ["Fixtures"]
        ),
    ]
)
