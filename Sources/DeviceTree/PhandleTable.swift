import ByteText

/// The nodes of a tree by phandle: the phandles sorted, each with its node's index, searched by
/// bisection. Smaller and faster to build and to search than a hashed dictionary for the few
/// hundred phandles a tree has.
struct PhandleTable: Equatable {
    /// Every phandle once, ascending.
    private var phandles: [UInt32] = []
    /// The node of `phandles[i]`.
    private var nodes: [Int32] = []

    /// An empty table.
    init() {}

    /// A table of `pairs`, given in tree order; when two nodes claim the same phandle the first
    /// (lower index) keeps it.
    init(_ pairs: [(phandle: UInt32, node: Int32)]) {
        let sorted = pairs.smallSorted { $0.phandle != $1.phandle ? $0.phandle < $1.phandle : $0.node < $1.node }
        phandles.reserveCapacity(sorted.count)
        nodes.reserveCapacity(sorted.count)
        for pair in sorted where phandles.last != pair.phandle {
            phandles.append(pair.phandle)
            nodes.append(pair.node)
        }
    }

    /// The index of the node with `phandle`, nil when no node has it.
    func node(for phandle: UInt32) -> Int32? {
        var low = 0
        var high = phandles.count
        while low < high {
            let middle = (low + high) / 2
            if phandles[middle] < phandle { low = middle + 1 } else { high = middle }
        }
        return low < phandles.count && phandles[low] == phandle ? nodes[low] : nil
    }
}
