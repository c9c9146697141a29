import PlatformCore

// The command-line forms of the core's choices: words belong to programs, so the parsing lives
// here and the core keeps the types.

extension DeviceSelector {
    /// Reads the command-line form: "/path", "alias:NAME", "label:NAME", "compatible:STRING"
    /// (or anything with a comma), else a Linux device name.
    public init(parsing text: String) {
        if text.bytesStart(with: "/") {
            self = .path(text)
        } else if let alias = text.bytesAfter(prefix: "alias:") {
            self = .alias(alias)
        } else if let label = text.bytesAfter(prefix: "label:") {
            self = .label(label)
        } else if let compatible = text.bytesAfter(prefix: "compatible:") {
            self = .compatible(compatible)
        } else if text.utf8.contains(UInt8(ascii: ",")) {
            self = .compatible(text)
        } else {
            self = .linuxName(text)
        }
    }
}

extension BackendChoice {
    /// "auto", "vfio" or "uio"; nil for anything else.
    public init?(parsing text: String) {
        guard let choice = Self.allCases.first(where: { $0.rawValue.sameBytes(as: text) }) else { return nil }
        self = choice
    }
}
