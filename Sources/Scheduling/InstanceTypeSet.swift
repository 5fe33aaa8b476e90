/// A set of instance-type indices as a bitset; the candidate list of a plan. Index order is the
/// solver's catalogue order (cheapest first), so iteration visits cheaper types first.
package struct InstanceTypeSet: Sendable, Hashable {
    /// 64 indices per word.
    package private(set) var words: [UInt64]

    /// An empty set able to hold indices `0..<capacity`.
    package init(capacity: Int) { words = Array(repeating: 0, count: (capacity + 63) / 64) }

    /// Inserts an index.
    @inline(__always)
    package mutating func insert(_ index: Int) { words[index >> 6] |= 1 << UInt64(index & 63) }

    /// Removes an index.
    @inline(__always)
    package mutating func remove(_ index: Int) { words[index >> 6] &= ~(1 << UInt64(index & 63)) }

    /// Membership.
    @inline(__always)
    package func contains(_ index: Int) -> Bool { words[index >> 6] & (1 << UInt64(index & 63)) != 0 }

    /// Clears every index without reallocating.
    package mutating func removeAll() {
        for i in words.indices { words[i] = 0 }
    }

    /// True when no index is set.
    package var isEmpty: Bool { words.allSatisfy { $0 == 0 } }

    /// Number of indices set.
    package var count: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    /// Keeps only indices also in `other`.
    package mutating func formIntersection(_ other: InstanceTypeSet) {
        for i in words.indices { words[i] &= other.words[i] }
    }

    /// Copies `other` into `self` without reallocating when sizes match.
    package mutating func assign(_ other: InstanceTypeSet) {
        for i in words.indices { words[i] = other.words[i] }
    }

    /// Calls `body` for each index in ascending order.
    @inline(__always)
    package func forEach(_ body: (Int) -> Void) {
        for w in words.indices {
            var word = words[w]
            while word != 0 {
                let bit = word.trailingZeroBitCount
                body(w << 6 | bit)
                word &= word - 1
            }
        }
    }

    /// Calls `body` for each index in ascending order until it returns false.
    @inline(__always)
    package func forEachIndex(while body: (Int) -> Bool) {
        for w in words.indices {
            var word = words[w]
            while word != 0 {
                let bit = word.trailingZeroBitCount
                if !body(w << 6 | bit) { return }
                word &= word - 1
            }
        }
    }

    /// Calls `body` for each index in both sets, ascending, without building the intersection.
    @inline(__always)
    package func forEach(intersecting other: InstanceTypeSet, _ body: (Int) -> Void) {
        for w in words.indices {
            var word = words[w] & other.words[w]
            while word != 0 {
                let bit = word.trailingZeroBitCount
                body(w << 6 | bit)
                word &= word - 1
            }
        }
    }

    /// Indices in ascending order.
    package var indices: [Int] {
        var out: [Int] = []
        forEach { out.append($0) }
        return out
    }
}
