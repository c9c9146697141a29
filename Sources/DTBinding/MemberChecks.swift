/// Checks of the members of one register block or cluster: unique names (also as Swift names),
/// and no overlapping registers except a read-only and a write-only one, or registers of
/// different banks. Members whose placement is in error (reported when read) are left out of the
/// overlap check, so only the real error shows.
struct MemberChecks {
    let sink: DiagnosticSink

    /// Members every generated block already has.
    static let reservedBlockMembers: Set<String> = ["bus", "base", "extent"]

    func check(_ members: [BlockMember], context: String) {
        checkNames(members, context: context)
        checkOverlaps(members, context: context)
    }

    private func checkNames(_ members: [BlockMember], context: String) {
        var names: [String: BlockMember] = [:]
        var swiftNames: [String: BlockMember] = [:]
        for member in members {
            let location = member.location
            if let other = names[member.name] {
                sink.error(location.file, location.line, "duplicate name '\(member.name)' in \(context) (first at line \(other.location.line))")
                continue
            }
            names[member.name] = member
            let swiftName = member.memberName
            if Self.reservedBlockMembers.contains(swiftName) {
                sink.error(location.file, location.line, "'\(member.name)' becomes '\(swiftName)', which every generated block already has")
            } else if let other = swiftNames[swiftName] {
                sink.error(location.file, location.line, "'\(other.name)' and '\(member.name)' in \(context) both become '\(swiftName)' in Swift")
            }
            swiftNames[swiftName] = member
        }
    }

    /// The bytes one element of a member occupies: `start..<end`.
    private struct Span {
        var start: UInt64
        var end: UInt64
        var member: Int
    }

    /// Every element of every placed member. The reader keeps each placed member within
    /// `NumericLimits.maxBlockExtent`, so none of this arithmetic overflows.
    private func spans(_ members: [BlockMember]) -> [Span] {
        var spans: [Span] = []
        for (index, member) in members.enumerated() where member.isPlaced {
            let (offset, count, stride, size): (UInt64, Int, UInt64, UInt64)
            switch member {
            case .register(let register): (offset, count, stride, size) = (register.offset, register.count, register.stride, register.size)
            case .cluster(let cluster): (offset, count, stride, size) = (cluster.offset, cluster.count, cluster.stride, max(cluster.extent, 1))
            }
            for element in 0..<count {
                let start = offset + UInt64(element) * stride
                spans.append(Span(start: start, end: start + size, member: index))
            }
        }
        return spans.sorted { ($0.start, $0.member) < ($1.start, $1.member) }
    }

    private func checkOverlaps(_ members: [BlockMember], context: String) {
        let spans = spans(members)
        var reported: Set<[Int]> = []
        for (index, span) in spans.enumerated() {
            var next = index + 1
            while next < spans.count, spans[next].start < span.end {
                let other = spans[next]
                next += 1
                guard other.member != span.member, !mayShare(members[span.member], members[other.member]) else { continue }
                let pair = [min(span.member, other.member), max(span.member, other.member)]
                guard reported.insert(pair).inserted else { continue }
                let first = members[pair[0]]
                let second = members[pair[1]]
                let (early, late) = first.location.line <= second.location.line ? (first, second) : (second, first)
                let lateSpan = late.name == members[span.member].name ? span : other
                let earlySpan = late.name == members[span.member].name ? other : span
                sink.error(late.location.file, late.location.line, "'\(late.name)' (\(hex(lateSpan.start))-\(hex(lateSpan.end - 1))) overlaps '\(early.name)' (\(hex(earlySpan.start))-\(hex(earlySpan.end - 1))) in \(context)")
            }
        }
    }

    private func hex(_ value: UInt64) -> String { "0x" + String(value, radix: 16) }

    private func mayShare(_ first: BlockMember, _ second: BlockMember) -> Bool {
        guard case .register(let a) = first, case .register(let b) = second else { return false }
        if a.bank != b.bank { return true }
        let readOnly: Set<AccessKind> = [.ro, .rc]
        return (readOnly.contains(a.access) && b.access == .wo) || (readOnly.contains(b.access) && a.access == .wo)
    }
}
