import KubeModel
import Testing

/// One invalid NodePool: how to break the valid fixture, and the error expected at which path.
struct NodePoolCase: CustomTestStringConvertible, Sendable {
    let name: String
    let path: String
    let message: String
    let mutate: @Sendable (inout NodePool) -> Void
    var testDescription: String { name }

    static func requirement(_ key: String, _ op: NodeSelectorOperator, _ values: [String]?, minValues: Int? = nil)
        -> @Sendable (inout NodePool) -> Void {
        { $0.spec.template.spec.requirements.append(
            NodeSelectorRequirementWithMinValues(key: key, operator: op, values: values, minValues: minValues)) }
    }
}

@Suite struct NodePoolValidationTests {
    /// Index of a requirement appended to the fixture's three.
    static let appended = "spec.template.spec.requirements[3]"

    static let cases: [NodePoolCase] = [
        NodePoolCase(name: "In without values", path: "\(appended).values", message: "at least one value",
                     mutate: NodePoolCase.requirement("example.com/team", .in, [])),
        NodePoolCase(name: "Gt with two values", path: "\(appended).values", message: "exactly one value",
                     mutate: NodePoolCase.requirement("karpenter.k8s.aws/instance-generation", .gt, ["2", "3"])),
        NodePoolCase(name: "Lt with a non-integer", path: "\(appended).values[0]", message: "not a non-negative integer",
                     mutate: NodePoolCase.requirement("karpenter.k8s.aws/instance-cpu", .lt, ["-4"])),
        NodePoolCase(name: "minValues above 50", path: "\(appended).minValues", message: "between 1 and 50",
                     mutate: NodePoolCase.requirement(WellKnownLabels.zone, .exists, nil, minValues: 51)),
        NodePoolCase(name: "minValues zero", path: "\(appended).minValues", message: "between 1 and 50",
                     mutate: NodePoolCase.requirement(WellKnownLabels.zone, .exists, nil, minValues: 0)),
        NodePoolCase(name: "minValues above the In values", path: "\(appended).minValues", message: "exceeds the 2 value(s)",
                     mutate: NodePoolCase.requirement("karpenter.k8s.aws/instance-family", .in, ["m5", "c5"], minValues: 3)),
        NodePoolCase(name: "invalid requirement value", path: "\(appended).values[0]", message: "alphanumerics",
                     mutate: NodePoolCase.requirement("example.com/team", .in, ["pay ments"])),
        NodePoolCase(name: "invalid requirement key", path: "\(appended).key", message: "not a valid label key",
                     mutate: NodePoolCase.requirement("Example.com/team", .exists, nil)),
        NodePoolCase(name: "restricted karpenter.sh domain", path: "\(appended).key", message: "domain \"karpenter.sh\" is restricted",
                     mutate: NodePoolCase.requirement("karpenter.sh/custom", .exists, nil)),
        NodePoolCase(name: "restricted nodepool label", path: "\(appended).key", message: "label \"karpenter.sh/nodepool\" is restricted",
                     mutate: NodePoolCase.requirement(WellKnownLabels.nodePool, .in, ["default"])),
        NodePoolCase(name: "restricted hostname", path: "\(appended).key", message: "restricted",
                     mutate: NodePoolCase.requirement(WellKnownLabels.hostname, .in, ["node-1"])),
        NodePoolCase(name: "restricted karpenter.k8s.aws domain", path: "\(appended).key", message: "domain \"karpenter.k8s.aws\" is restricted",
                     mutate: NodePoolCase.requirement("karpenter.k8s.aws/custom", .exists, nil)),
        NodePoolCase(name: "restricted kubernetes.io domain", path: "\(appended).key", message: "domain \"kubernetes.io\" is restricted",
                     mutate: NodePoolCase.requirement("kubernetes.io/custom", .exists, nil)),
        NodePoolCase(name: "too many requirements", path: "spec.template.spec.requirements", message: "at most 100",
                     mutate: { pool in
                         pool.spec.template.spec.requirements += (0..<98).map {
                             NodeSelectorRequirementWithMinValues(key: "example.com/k\($0)", operator: .exists)
                         }
                     }),
        NodePoolCase(name: "restricted template label", path: "spec.template.metadata.labels[karpenter.sh/registered]",
                     message: "restricted", mutate: { $0.spec.template.metadata = TemplateMetadata(labels: ["karpenter.sh/registered": "true"]) }),
        NodePoolCase(name: "invalid template label value", path: "spec.template.metadata.labels[team]", message: "label value",
                     mutate: { $0.spec.template.metadata = TemplateMetadata(labels: ["team": "-payments"]) }),
        NodePoolCase(name: "invalid template label key", path: "spec.template.metadata.labels[team/a/b]", message: "label key",
                     mutate: { $0.spec.template.metadata = TemplateMetadata(labels: ["team/a/b": "x"]) }),
        NodePoolCase(name: "too many template labels", path: "spec.template.metadata.labels", message: "at most 100",
                     mutate: { pool in
                         pool.spec.template.metadata = TemplateMetadata(
                             labels: Dictionary(uniqueKeysWithValues: (0..<101).map { ("example.com/l\($0)", "v") }))
                     }),
        NodePoolCase(name: "budget nodes above 100%", path: "spec.disruption.budgets[0].nodes", message: "percentage",
                     mutate: { $0.spec.disruption = Disruption(budgets: [Budget(nodes: "101%")]) }),
        NodePoolCase(name: "budget nodes not a number", path: "spec.disruption.budgets[0].nodes", message: "whole number",
                     mutate: { $0.spec.disruption = Disruption(budgets: [Budget(nodes: "ten")]) }),
        NodePoolCase(name: "schedule without duration", path: "spec.disruption.budgets[0].duration", message: "needs a duration",
                     mutate: { $0.spec.disruption = Disruption(budgets: [Budget(nodes: "1", schedule: "@daily")]) }),
        NodePoolCase(name: "duration without schedule", path: "spec.disruption.budgets[0].schedule", message: "needs a schedule",
                     mutate: { $0.spec.disruption = Disruption(budgets: [Budget(nodes: "1", duration: NillableDuration("1h"))]) }),
        NodePoolCase(name: "budget duration in seconds", path: "spec.disruption.budgets[0].duration", message: "hours and minutes",
                     mutate: { $0.spec.disruption = Disruption(budgets: [Budget(nodes: "1", schedule: "@daily", duration: NillableDuration("30s"))]) }),
        NodePoolCase(name: "malformed cron schedule", path: "spec.disruption.budgets[0].schedule", message: "five fields",
                     mutate: { $0.spec.disruption = Disruption(budgets: [Budget(nodes: "1", schedule: "0 9 * *", duration: NillableDuration("8h"))]) }),
        NodePoolCase(name: "unknown cron macro", path: "spec.disruption.budgets[0].schedule", message: "not a known macro",
                     mutate: { $0.spec.disruption = Disruption(budgets: [Budget(nodes: "1", schedule: "@often", duration: NillableDuration("8h"))]) }),
        NodePoolCase(name: "too many budgets", path: "spec.disruption.budgets", message: "at most 50",
                     mutate: { $0.spec.disruption = Disruption(budgets: Array(repeating: Budget(nodes: "1"), count: 51)) }),
        NodePoolCase(name: "consolidateAfter in milliseconds", path: "spec.disruption.consolidateAfter", message: "720h",
                     mutate: { $0.spec.disruption = Disruption(consolidateAfter: NillableDuration("300ms")) }),
        NodePoolCase(name: "fractional expireAfter", path: "spec.template.spec.expireAfter", message: "Never",
                     mutate: { $0.spec.template.spec.expireAfter = NillableDuration("1.5h") }),
        NodePoolCase(name: "terminationGracePeriod Never", path: "spec.template.spec.terminationGracePeriod", message: "48h",
                     mutate: { $0.spec.template.spec.terminationGracePeriod = .never }),
        NodePoolCase(name: "weight zero", path: "spec.weight", message: "between 1 and 100", mutate: { $0.spec.weight = 0 }),
        NodePoolCase(name: "weight above 100", path: "spec.weight", message: "between 1 and 100", mutate: { $0.spec.weight = 101 }),
        NodePoolCase(name: "nodeClassRef without name", path: "spec.template.spec.nodeClassRef.name", message: "name is required",
                     mutate: { $0.spec.template.spec.nodeClassRef.name = "" }),
        NodePoolCase(name: "nodeClassRef without kind", path: "spec.template.spec.nodeClassRef.kind", message: "kind is required",
                     mutate: { $0.spec.template.spec.nodeClassRef.kind = "" }),
        NodePoolCase(name: "nodeClassRef group with version", path: "spec.template.spec.nodeClassRef.group", message: "must not contain a version",
                     mutate: { $0.spec.template.spec.nodeClassRef.group = "karpenter.k8s.aws/v1" }),
        NodePoolCase(name: "invalid taint key", path: "spec.template.spec.taints[0].key", message: "taint key",
                     mutate: { $0.spec.template.spec.taints = [Taint(key: "bad key", effect: .noSchedule)] }),
        NodePoolCase(name: "duplicate startup taint", path: "spec.template.spec.startupTaints[1]", message: "duplicate taint",
                     mutate: { $0.spec.template.spec.startupTaints = Array(repeating: Taint(key: "example.com/init", effect: .noSchedule), count: 2) }),
        NodePoolCase(name: "negative limit", path: "spec.limits[cpu]", message: "must not be negative",
                     mutate: { $0.spec.limits = ["cpu": "-1"] }),
    ]

    @Test(arguments: cases)
    func reportsTheFieldAndWhatToDo(_ testCase: NodePoolCase) {
        var pool = KarpenterFixtures.nodePool()
        testCase.mutate(&pool)
        let errors = pool.validate()
        #expect(errors.contains { $0.path == testCase.path && $0.message.contains(testCase.message) }, "got \(errors)")
    }

    @Test func theFixtureIsValid() {
        #expect(KarpenterFixtures.nodePool().validate().isEmpty)
        #expect(KarpenterFixtures.nodePool().withDefaults().validate().isEmpty)
    }

    @Test(arguments: [
        "karpenter.sh/capacity-type", "karpenter.k8s.aws/instance-family", "node.kubernetes.io/instance-type",
        "topology.kubernetes.io/zone", "kubernetes.io/arch", "example.com/team", "kops.k8s.io/instancegroup",
        "node-restriction.kubernetes.io/pool", "failure-domain.beta.kubernetes.io/zone",
    ])
    func acceptsWellKnownAndCustomKeys(key: String) {
        var pool = KarpenterFixtures.nodePool()
        pool.spec.template.spec.requirements.append(NodeSelectorRequirementWithMinValues(key: key, operator: .exists))
        #expect(pool.validate().isEmpty)
    }

    @Test func reportsEveryProblemAtOnce() throws {
        var pool = KarpenterFixtures.nodePool()
        pool.spec.weight = 0
        pool.spec.template.spec.nodeClassRef.name = ""
        pool.spec.disruption = Disruption(budgets: [Budget(nodes: "x")])
        #expect(pool.validate().count == 3)
        do {
            _ = try pool.validated()
            Issue.record("expected a ValidationError")
        } catch {
            #expect(error.errors.count == 3)
            #expect(error.description.contains("NodePool \"default\" is invalid (3 problems)"))
            #expect(error.description.contains("spec.weight: weight must be between 1 and 100"))
        }
    }

    @Test func nodeClaimsMayRequireTheirNodePool() {
        #expect(KarpenterFixtures.nodeClaim().validate().isEmpty)
        var claim = KarpenterFixtures.nodeClaim()
        claim.spec.requirements.append(NodeSelectorRequirementWithMinValues(key: "karpenter.sh/custom", operator: .exists))
        claim.spec.expireAfter = NillableDuration("10ms")
        let paths = claim.validate().map(\.path)
        #expect(paths == ["spec.requirements[2].key", "spec.expireAfter"])
    }
}
