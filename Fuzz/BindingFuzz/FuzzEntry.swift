// libFuzzer target over the binding loader, generator and checker; the work is in
// Tests/FuzzRegressionTests/Harness/BindingHarness.swift. Built by scripts/fuzz.sh, which sets
// PDRIVERS_ROOT (the repository, for bindings/) and PDRIVERS_FUZZ_DTBS (compiled sample trees).

import Glibc

/// Loaded once, before the first input.
nonisolated(unsafe) var resources = BindingFuzzResources()

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    let root = getenv("PDRIVERS_ROOT").map { String(cString: $0) } ?? "."
    let dtbs = getenv("PDRIVERS_FUZZ_DTBS").map { String(cString: $0) }
    resources = BindingFuzzResources.load(root: root, dtbDirectory: dtbs)
    if resources.files.isEmpty {
        print("fuzz-binding: no bindings under \(root)/bindings (set PDRIVERS_ROOT)")
        exit(2)
    }
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBinding(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    runBindingInput(UnsafeRawBufferPointer(start: data, count: size), resources: resources)
    return 0
}
