import Testing
@testable import Scheduling

@Suite struct ResourcesTests {
    @Test func podRequestsSumContainersAddOverheadAndOnePod() {
        let pod = SchedulingPod(uid: "p", containers: [.units(cpuMillis: 100, memoryMiB: 64), .units(cpuMillis: 200)],
                                overhead: .units(cpuMillis: 10, memoryMiB: 8))
        #expect(pod.requests == .units(cpuMillis: 310, memoryMiB: 72, pods: 1))
    }

    @Test(arguments: [
        // (name, init containers, expected cpu): regular containers request 1000m.
        ("classic init larger than containers wins", [InitContainer(requests: .units(cpuMillis: 3000))], Int64(3000)),
        ("classic init smaller than containers loses", [InitContainer(requests: .units(cpuMillis: 500))], 1000),
        ("sidecar adds to containers", [InitContainer(requests: .units(cpuMillis: 500), sidecar: true)], 1500),
        ("init after sidecar runs beside it",
         [InitContainer(requests: .units(cpuMillis: 500), sidecar: true), InitContainer(requests: .units(cpuMillis: 2000))],
         2500),
        ("init before sidecar runs alone",
         [InitContainer(requests: .units(cpuMillis: 2000)), InitContainer(requests: .units(cpuMillis: 500), sidecar: true)],
         2000),
    ])
    func sidecarAwareInitContainers(name: String, inits: [InitContainer], cpu: Int64) {
        let pod = SchedulingPod(uid: "p", containers: [.units(cpuMillis: 1000)], initContainers: inits)
        #expect(pod.requests.cpu == cpu, "\(name)")
    }

    @Test func extendedResourcesMustFit() {
        let gpuPod = Resources.units(cpuMillis: 100, extended: ["nvidia.com/gpu": 1])
        #expect(!gpuPod.fits(in: .units(cpuMillis: 1000)))
        #expect(gpuPod.fits(in: .units(cpuMillis: 1000, extended: ["nvidia.com/gpu": 4])))
        #expect((gpuPod + gpuPod).extendedAmount("nvidia.com/gpu") == 2000)
    }

    @Test func rendersLikeKubernetesQuantities() {
        #expect(Resources.units(cpuMillis: 1500, memoryMiB: 2048, pods: 3).description
            == "{\"cpu\":\"1500m\",\"memory\":\"2Gi\",\"pods\":\"3\"}")
    }
}
