/// Checks of the fields of one register (or layout): no two overlap, their Swift names are
/// unique and free, and fields sharing an enum type name the same values.
struct FieldChecks {
    let sink: DiagnosticSink

    /// Members every generated register value already has.
    static let reservedFieldMembers: Set<String> = ["rawValue", "bits", "bit", "setBits", "setBit", "resetValue", "modifyPreservedBits"]

    func check(_ fields: [FieldSpec], context: String) {
        checkOverlaps(fields, context: context)
        checkNames(fields, context: context)
        checkSharedEnums(fields, context: context)
    }

    private func checkOverlaps(_ fields: [FieldSpec], context: String) {
        let sorted = fields.sorted { ($0.lsb, $0.location.line) < ($1.lsb, $1.location.line) }
        for (index, field) in sorted.enumerated() {
            for other in sorted[(index + 1)...] where other.lsb <= field.msb {
                let (first, second) = field.location.line <= other.location.line ? (field, other) : (other, field)
                sink.error(second.location.file, second.location.line, "field '\(second.name)' (\(second.bitsText)) overlaps field '\(first.name)' (\(first.bitsText)) in \(context)")
            }
        }
    }

    private func checkNames(_ fields: [FieldSpec], context: String) {
        var seen: [String: FieldSpec] = [:]
        for field in fields {
            let swiftName = field.memberName
            if Self.reservedFieldMembers.contains(swiftName) {
                sink.error(field.location.file, field.location.line, "field '\(field.name)' becomes '\(swiftName)', which register values already have")
            } else if let other = seen[swiftName] {
                sink.error(field.location.file, field.location.line, "fields '\(other.name)' and '\(field.name)' of \(context) both become '\(swiftName)' in Swift")
            }
            seen[swiftName] = field
        }
    }

    /// Fields may share an enum type (by enum-name) only when they name the same values.
    private func checkSharedEnums(_ fields: [FieldSpec], context: String) {
        var enums: [String: FieldSpec] = [:]
        for field in fields {
            guard let enumeration = field.enumeration else { continue }
            guard let other = enums[enumeration.typeName], let otherEnum = other.enumeration else {
                enums[enumeration.typeName] = field
                continue
            }
            let same = otherEnum.isOpen == enumeration.isOpen && other.width == field.width
                && otherEnum.cases.map({ "\($0.name)=\($0.value)" }) == enumeration.cases.map({ "\($0.name)=\($0.value)" })
            if !same {
                sink.error(field.location.file, field.location.line, "fields '\(other.name)' and '\(field.name)' of \(context) share enum type '\(enumeration.typeName)' but not its values")
            }
        }
    }
}
