import ByteText

/// A program's command line split into words and `--options`, compared byte for byte (see
/// ByteText: no Unicode tables in board programs).
///
/// `--name` is a flag; `--name VALUE` when `name` is among the options declared as taking a
/// value. Everything else is a word, in order.
public struct ParsedArguments: Sendable {
    /// The words that are not options, in order ("echo", a file name).
    public let words: [String]
    /// The options, in order: each `--name` with its value, or nil for a flag.
    public let options: [Option]

    /// One `--name` or `--name VALUE` of the command line.
    public struct Option: Sendable {
        /// The option as written, with its dashes: "--count".
        public let name: String
        /// The word after it for an option that takes a value; nil for a flag.
        public let value: String?
    }

    /// Parses `arguments` (without the program name); `valued` lists the options that take a
    /// value ("--count"). A valued option at the very end gets an empty value.
    public init(_ arguments: [String], valued: [String]) {
        var words: [String] = []
        var options: [Option] = []
        var pending: String?
        for word in arguments {
            if let name = pending {
                options.append(Option(name: name, value: word))
                pending = nil
            } else if word.bytesStart(with: "--") {
                if valued.containsBytes(word) { pending = word } else { options.append(Option(name: word, value: nil)) }
            } else {
                words.append(word)
            }
        }
        if let name = pending { options.append(Option(name: name, value: "")) }
        self.words = words
        self.options = options
    }

    /// The running program's arguments (from /proc/self/cmdline), without its name.
    public init(valued: [String]) {
        self.init(Array(ProgramArguments.all().dropFirst()), valued: valued)
    }

    /// Whether `--name` was given (as a flag or with a value).
    public func has(_ name: String) -> Bool {
        options.contains { $0.name.sameBytes(as: name) }
    }

    /// The value of the last `--name VALUE`, or nil.
    public func value(_ name: String) -> String? {
        options.last { $0.name.sameBytes(as: name) }?.value
    }

    /// The value of `--name` as a decimal integer, or `fallback` when absent or not a number.
    public func integer(_ name: String, default fallback: Int) -> Int {
        guard let text = value(name), let number = Int(text) else { return fallback }
        return number
    }

    /// Word `index` read as one of `Choice`'s cases (by raw value); `fallback` when there is no
    /// such word, nil when the word names no case.
    public func choice<Choice: RawRepresentable & CaseIterable>(at index: Int, default fallback: Choice) -> Choice?
    where Choice.RawValue == String {
        guard index < words.count else { return fallback }
        return Choice.allCases.first { $0.rawValue.sameBytes(as: words[index]) }
    }

    /// The cases of `Choice` as a user reads them: "echo, send or hold".
    public static func listing<Choice: RawRepresentable & CaseIterable>(_ type: Choice.Type) -> String
    where Choice.RawValue == String {
        let names = Choice.allCases.map { $0.rawValue }
        guard let last = names.last else { return "" }
        var text = ""
        for (position, name) in names.enumerated() {
            text += position == 0 ? "" : position == names.count - 1 ? " or " : ", "
            text += name
        }
        return text.isEmpty ? last : text
    }
}
