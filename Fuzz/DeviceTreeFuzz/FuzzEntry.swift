// libFuzzer target over the device-tree model; the work is in
// Tests/FuzzRegressionTests/Harness/DeviceTreeHarness.swift. Built by scripts/fuzz.sh.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDeviceTree(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    runDeviceTreeInput(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}
