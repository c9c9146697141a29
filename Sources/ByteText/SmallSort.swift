extension Array {
    /// Sorts the array in place with a Shell sort (Ciura's gaps): a few hundred bytes of code per
    /// element type, where the standard library's `sort` brings its merge sort, kilobytes per
    /// element type in an Embedded Swift program. Not stable; fast enough for the hundreds of
    /// entries a device tree or a sysfs folder holds.
    public mutating func smallSort(by areInIncreasingOrder: (Element, Element) -> Bool) {
        let gaps = [701, 301, 132, 57, 23, 10, 4, 1]
        for gap in gaps where gap < count {
            var index = gap
            while index < count {
                let moving = self[index]
                var hole = index
                while hole >= gap && areInIncreasingOrder(moving, self[hole - gap]) {
                    self[hole] = self[hole - gap]
                    hole -= gap
                }
                self[hole] = moving
                index += 1
            }
        }
    }

    /// A copy sorted with `smallSort(by:)`.
    public func smallSorted(by areInIncreasingOrder: (Element, Element) -> Bool) -> [Element] {
        var copy = self
        copy.smallSort(by: areInIncreasingOrder)
        return copy
    }
}
