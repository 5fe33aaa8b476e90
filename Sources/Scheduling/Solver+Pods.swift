/// Pod compilation: equivalence classes, topology groups per term, relaxation steps, variants.
extension Solver {
    mutating func compilePods() {
        var classOf: [SchedulingPod: Int] = [:]
        podClass.reserveCapacity(input.pods.count)
        for pod in input.pods {
            let key = pod.equivalenceKey
            if let index = classOf[key] {
                podClass.append(index)
                continue
            }
            let index = classes.count
            classOf[key] = index
            classes.append(PodClass(pod: pod, requests: pod.requests))
            podClass.append(index)
        }
        for index in classes.indices { compileTerms(of: index) }
        compileExistingOwners()
        for index in classes.indices { compileMembership(of: index) }
    }

    private mutating func affinityKey(_ kind: TopologyGroup.Kind, _ term: PodAffinityTerm,
                                      pod: SchedulingPod) -> TopologyGroup.Key {
        let (names, all) = namespaces(of: term, podNamespace: pod.namespace)
        return TopologyGroup.Key(kind: kind, topologyKey: term.topologyKey, selector: term.labelSelector,
                                 namespaces: names, allNamespaces: all, maxSkew: 0, minDomains: nil, nodeFilter: [])
    }

    private mutating func compileTerms(of index: Int) {
        let pod = classes[index].pod
        let spec = classes[index]
        spec.requiredAffinityGroups = pod.requiredPodAffinity.map { group(for: affinityKey(.affinity, $0, pod: pod)) }
        spec.requiredAntiAffinityGroups = pod.requiredPodAntiAffinity.map {
            group(for: affinityKey(.antiAffinity, $0, pod: pod))
        }
        spec.preferredAffinityGroups = Solver.byWeight(pod.preferredPodAffinity).map {
            group(for: affinityKey(.affinity, $0.term, pod: pod))
        }
        spec.preferredAntiAffinityGroups = Solver.byWeight(pod.preferredPodAntiAffinity).map {
            group(for: affinityKey(.antiAffinity, $0.term, pod: pod))
        }
        var filter: [[RequirementSpec]] = []
        if !pod.nodeSelector.isEmpty {
            filter.append(pod.nodeSelector.sorted { $0.key < $1.key }.map { RequirementSpec($0.key, .in, [$0.value]) })
        }
        if let first = pod.requiredNodeAffinity.first { filter.append(first) }
        for constraint in pod.topologySpread {
            var selector = constraint.labelSelector
            for labelKey in constraint.matchLabelKeys {
                if let value = pod.labels[labelKey] { selector.matchLabels[labelKey] = value }
            }
            let key = TopologyGroup.Key(kind: .spread, topologyKey: constraint.topologyKey, selector: selector,
                                        namespaces: [pod.namespace], allNamespaces: false,
                                        maxSkew: max(constraint.maxSkew, 1), minDomains: constraint.minDomains,
                                        nodeFilter: filter)
            let groupIndex = group(for: key)
            if constraint.whenUnsatisfiable == .doNotSchedule { spec.hardSpreadGroups.append(groupIndex) }
            else { spec.softSpreadGroups.append(groupIndex) }
        }
        var steps: [RelaxationStep] = []
        if pod.requiredNodeAffinity.count >= 2 {
            steps += Array(repeating: .dropRequiredNodeAffinityTerm, count: pod.requiredNodeAffinity.count - 1)
        }
        steps += Array(repeating: .dropPreferredPodAffinityTerm, count: pod.preferredPodAffinity.count)
        steps += Array(repeating: .dropPreferredPodAntiAffinityTerm, count: pod.preferredPodAntiAffinity.count)
        steps += Array(repeating: .dropPreferredNodeAffinityTerm, count: pod.preferredNodeAffinity.count)
        steps += Array(repeating: .dropScheduleAnywaySpread, count: spec.softSpreadGroups.count)
        if anyPoolHasPreferNoSchedule { steps.append(.toleratePreferNoSchedule) }
        spec.steps = steps
    }

    /// Existing pods' required anti-affinity terms become owner counts (the inverse direction).
    private mutating func compileExistingOwners() {
        for slot in nodes.indices {
            for pod in nodes[slot].input.pods {
                for term in pod.requiredPodAntiAffinity {
                    let (names, all) = namespaces(of: term, podNamespace: pod.namespace)
                    let key = TopologyGroup.Key(kind: .antiAffinity, topologyKey: term.topologyKey,
                                                selector: term.labelSelector, namespaces: names, allNamespaces: all,
                                                maxSkew: 0, minDomains: nil, nodeFilter: [])
                    let index = group(for: key)
                    if groups[index].isHostname { groups[index].recordOwner(slot: slot) }
                    else if let domain = nodes[slot].requirements.get(groups[index].topologyKey)?.values.first {
                        groups[index].recordOwner(domain: domain)
                    }
                }
            }
        }
    }

    private mutating func compileMembership(of index: Int) {
        let pod = classes[index].pod
        for groupIndex in groups.indices where groups[groupIndex].matches(namespace: pod.namespace, labels: pod.labels) {
            classes[index].matchingGroups.append(groupIndex)
            if groups[groupIndex].key.kind == .antiAffinity { classes[index].inverseGroups.append(groupIndex) }
        }
    }

    static func byWeight(_ terms: [WeightedPodAffinityTerm]) -> [WeightedPodAffinityTerm] {
        terms.enumerated().sorted { ($0.element.weight, -$0.offset) > ($1.element.weight, -$1.offset) }.map(\.element)
    }

    /// The variant of a class at a relaxation level, compiled on first use.
    mutating func variant(classIndex: Int, level: Int) -> Int {
        if let index = classes[classIndex].variantByLevel[level] { return index }
        let spec = classes[classIndex]
        let pod = spec.pod
        var applied: [RelaxationStep: Int] = [:]
        for step in spec.steps.prefix(level) { applied[step, default: 0] += 1 }
        var requirements = Requirements(labels: pod.nodeSelector, table: &table)
        let termIndex = applied[.dropRequiredNodeAffinityTerm] ?? 0
        if termIndex < pod.requiredNodeAffinity.count {
            requirements = requirements.intersection(
                Requirements(specs: pod.requiredNodeAffinity[termIndex], table: &table), table: table)
        }
        let preferredNode = pod.preferredNodeAffinity.enumerated()
            .sorted { ($0.element.weight, -$0.offset) > ($1.element.weight, -$1.offset) }.map(\.element)
            .dropFirst(applied[.dropPreferredNodeAffinityTerm] ?? 0)
        if let heaviest = preferredNode.first {
            requirements = requirements.intersection(Requirements(specs: heaviest.requirements, table: &table),
                                                     table: table)
        }
        requirements = requirements.intersection(Requirements(specs: pod.volumeRequirements, table: &table),
                                                 table: table)
        var owned = spec.requiredAffinityGroups + spec.requiredAntiAffinityGroups + spec.hardSpreadGroups
        owned += spec.preferredAffinityGroups.dropFirst(applied[.dropPreferredPodAffinityTerm] ?? 0)
        owned += spec.preferredAntiAffinityGroups.dropFirst(applied[.dropPreferredPodAntiAffinityTerm] ?? 0)
        owned += spec.softSpreadGroups.dropFirst(applied[.dropScheduleAnywaySpread] ?? 0)
        var tolerations = pod.tolerations
        if applied[.toleratePreferNoSchedule] != nil {
            tolerations.append(Toleration(operator: .exists, effect: .preferNoSchedule))
        }
        let monotone = owned.allSatisfy { groups[$0].isHostname && groups[$0].key.kind != .affinity }
        let index = variants.count
        variants.append(PodVariant(
            classIndex: classIndex, requests: spec.requests, requirements: requirements, tolerations: tolerations,
            ownedGroups: owned, requiredAntiGroups: spec.requiredAntiAffinityGroups, monotone: monotone,
            pools: pools.count))
        classes[classIndex].variantByLevel[level] = index
        return index
    }
}
