/// A self-check of the node index, for tests and the fuzzer (`@_spi(Testing) import DeviceTree`).
extension DeviceTree {
    /// True when indexing this tree's blob the fast way (reading the structure block directly,
    /// as loading does) gives exactly the index libfdt's own iterators give.
    @_spi(Testing)
    public var indexMatchesLibfdtWalk: Bool {
        NodeIndexBuilder(blob: storage.base).sameIndex(as: NodeIndexBuilder(libfdtWalkOf: storage.base))
    }

    /// True when loading read the structure block directly (format version 17, root first);
    /// false when it fell back to libfdt's iterators.
    @_spi(Testing)
    public var indexWasReadDirectly: Bool {
        NodeIndexBuilder(blob: storage.base).readDirectly
    }
}
