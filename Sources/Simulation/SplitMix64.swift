/// SplitMix64: a tiny deterministic random number generator. The simulator draws instance IDs and
/// generated names from it, and seeded property tests and benchmark workloads use it too, so every
/// generated input and every simulation is reproducible from its seed.
package struct SplitMix64: RandomNumberGenerator, Sendable {
    /// Current state; advanced by a fixed odd constant per draw.
    package var state: UInt64

    /// Creates a generator from a seed.
    package init(seed: UInt64) { state = seed }

    /// Next 64 random bits.
    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniformly chosen element of a non-empty array.
    package mutating func pick<T>(_ values: [T]) -> T {
        values[Int(next() % UInt64(values.count))]
    }
}
