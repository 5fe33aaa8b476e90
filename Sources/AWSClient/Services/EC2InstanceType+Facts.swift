/// Building a DescribeInstanceTypes record from its essential facts, for catalogues that do not come
/// from the EC2 API (the simulated cloud's generated data, benchmark fixtures). The result goes
/// through ``InstanceTypeCapacity`` like any record EC2 returns, so there is one node-size formula.
extension EC2InstanceType {
    /// A GPU model and count as the catalogue records it.
    package struct GPUFacts: Sendable, Equatable {
        /// Model, e.g. `T4`.
        package var name: String
        /// `NVIDIA`, `AMD`.
        package var manufacturer: String
        /// How many on the instance.
        package var count: Int

        /// Creates the facts.
        package init(name: String, manufacturer: String, count: Int) {
            self.name = name
            self.manufacturer = manufacturer
            self.count = count
        }
    }

    /// Creates a current-generation, hvm, spot- and on-demand-capable record. `architecture` takes
    /// EC2 (`x86_64`, `arm64`) or Kubernetes (`amd64`) names; `enis` is the default card's limit.
    package init(name: String, vCPUs: Int, memoryMiB: Int, architecture: String, enis: Int, ipv4PerENI: Int,
                 hypervisor: String? = "nitro", manufacturer: String? = nil, bareMetal: Bool = false,
                 gpu: GPUFacts? = nil, localStorageGB: Int? = nil, efaInterfaces: Int? = nil) {
        let ec2Architecture = architecture == "amd64" ? "x86_64" : architecture
        self.init(
            instanceType: name,
            currentGeneration: true,
            bareMetal: bareMetal,
            hypervisor: hypervisor,
            supportedUsageClasses: ["on-demand", "spot"],
            supportedVirtualizationTypes: ["hvm"],
            processorInfo: ProcessorInfo(supportedArchitectures: [ec2Architecture], manufacturer: manufacturer),
            vCpuInfo: VCPUInfo(defaultVCpus: vCPUs),
            memoryInfo: MemoryInfo(sizeInMiB: memoryMiB),
            networkInfo: NetworkInfo(
                maximumNetworkInterfaces: enis, ipv4AddressesPerInterface: ipv4PerENI, defaultNetworkCardIndex: 0,
                networkCards: [NetworkCard(networkCardIndex: 0, maximumNetworkInterfaces: enis)],
                efaSupported: efaInterfaces.map { $0 > 0 }, efaInfo: efaInterfaces.map { EFAInfo(maximumEfaInterfaces: $0) }),
            instanceStorageSupported: localStorageGB != nil,
            instanceStorageInfo: localStorageGB.map { InstanceStorageInfo(totalSizeInGB: $0, nvmeSupport: "required") },
            gpuInfo: gpu.map { GPUInfo(gpus: [GPU(name: $0.name, manufacturer: $0.manufacturer, count: $0.count)]) }
        )
    }
}
