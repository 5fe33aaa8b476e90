import Testing
@testable import Scheduling

@Suite struct InstanceTypeCapacityTests {
    /// The worked example of reference §8.3 (m5.xlarge: 4 vCPU, 16 GiB, 4 ENIs x 15 IPv4).
    @Test func m5XlargeMatchesUpstream() {
        let math = InstanceTypeCapacity(vcpus: 4, memoryMiB: 16384, maxENIs: 4, ipv4PerENI: 15, arm64: false)
        #expect(math.pods == 58)
        #expect(math.capacity.memory == 15155 * Resources.mebibyte)
        let type = InstanceType(name: "m5.xlarge", capacity: math.capacity, overhead: math.overhead, offerings: [])
        #expect(type.allocatable.cpu == 3920)
        #expect(type.allocatable.memory == 14162 * Resources.mebibyte)
        #expect(type.allocatable.ephemeralStorage == 17 * Resources.gibibyte)
        #expect(type.allocatable.pods == 58_000)
    }

    @Test(arguments: [(Int64(1), Int64(60)), (2, 70), (3, 75), (4, 80), (8, 90), (96, 310)])
    func cpuReservationLadder(cores: Int64, millicores: Int64) {
        let math = InstanceTypeCapacity(vcpus: cores, memoryMiB: 4096, maxENIs: 2, ipv4PerENI: 4, arm64: false)
        #expect(math.overhead.kubeReserved.cpu == millicores)
    }

    @Test func arm64LosesSixtyFourMiBAndMaxPodsOverrides() {
        var math = InstanceTypeCapacity(vcpus: 2, memoryMiB: 8192, maxENIs: 3, ipv4PerENI: 10, arm64: true)
        #expect(math.capacity.memory == (8128 - 610) * Resources.mebibyte)
        math.maxPods = 110
        #expect(math.capacity.pods == 110_000)
        #expect(math.overhead.kubeReserved.memory == (11 * 29 + 255) * Resources.mebibyte)
    }
}
