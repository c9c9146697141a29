/// Turns one binding file (and the fragments it includes) into a checked `Binding`: a
/// `BindingReader` reads the YAML into the model, then a `BindingValidator` checks the model.
/// Every problem goes to `sink` with its file and line.
final class BindingParser {
    let sink = DiagnosticSink()
    private let readFile: (String) -> Result<String, FileReadFailure>

    init(readFile: @escaping (String) -> Result<String, FileReadFailure>) {
        self.readFile = readFile
    }

    /// The binding at `path`, or nil when it could not be read at all; check `sink` for problems.
    func parseBinding(path: String) -> Binding? {
        let reader = BindingReader(readFile: readFile, sink: sink)
        guard let binding = reader.readBinding(path: path) else { return nil }
        return BindingValidator(sink: sink).validate(binding)
    }
}
