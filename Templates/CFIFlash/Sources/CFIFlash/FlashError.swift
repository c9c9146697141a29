import PlatformCore

/// Why a flash bank could not be identified.
public enum FlashError: Error, CustomStringConvertible {
    /// The bank did not answer the query with "QRY": not CFI flash, or not in this bank layout.
    case noQueryAnswer(got: [UInt8])
    /// Only 32-bit banks are handled by this driver.
    case unsupportedBankWidth(UInt32)
    /// The device could not be reached.
    case device(DeviceError)

    /// What went wrong, and what to do.
    public var description: String {
        switch self {
        case .noQueryAnswer(let got):
            var text = ""
            for byte in got { text += (text.isEmpty ? "" : " ") + "0x" + String(byte, radix: 16) }
            return "the bank did not answer the CFI query (read \(text) where \"QRY\" belongs): check that it is CFI NOR flash and the node's bank-width"
        case .unsupportedBankWidth(let width):
            return "bank-width \(width) is not handled: this driver knows 32-bit banks (bank-width = <4>)"
        case .device(let error):
            return error.description
        }
    }
}
