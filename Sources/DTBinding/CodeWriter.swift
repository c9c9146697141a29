/// Builds indented source text.
final class CodeWriter {
    private(set) var text = ""
    private var level = 0

    func line(_ content: String) {
        if content.isEmpty {
            text += "\n"
        } else {
            text += String(repeating: "    ", count: level) + content + "\n"
        }
    }

    func blank() { line("") }

    /// A `///` comment of `text` (nothing when nil): its own line breaks are kept, and lines
    /// longer than 100 columns are wrapped at spaces.
    func doc(_ content: String?) {
        guard let content else { return }
        let limit = max(40, 100 - 4 * level - 4)
        for line in content.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                self.line("///")
                continue
            }
            var current = ""
            for word in trimmed.split(separator: " ", omittingEmptySubsequences: true) {
                if !current.isEmpty && current.count + 1 + word.count > limit {
                    self.line("/// " + current)
                    current = ""
                }
                current += current.isEmpty ? String(word) : " " + word
            }
            if !current.isEmpty { self.line("/// " + current) }
        }
    }

    func indent(_ body: () -> Void) {
        level += 1
        body()
        level -= 1
    }
}
