import Testing
@testable import Scheduling

/// The operator x operator intersection table, compatibility and beta-label normalisation.
@Suite struct RequirementAlgebraTests {
    static let operands: [String: RequirementSpec] = [
        "In[1,5,a]": RequirementSpec("k", .in, ["1", "5", "a"]),
        "NotIn[5,b]": RequirementSpec("k", .notIn, ["5", "b"]),
        "Exists": RequirementSpec("k", .exists),
        "DoesNotExist": RequirementSpec("k", .doesNotExist),
        "Gt3": RequirementSpec("k", .greaterThan, ["3"]),
        "Lt7": RequirementSpec("k", .lessThan, ["7"]),
    ]
    static let probes = ["1", "4", "5", "10", "a", "b"]

    /// Expected values from the plain meaning of each operator over the probes (see the table's
    /// generator in the commit history: an independent model, not the code under test).
    @Test(arguments: [
        ("In[1,5,a] ∩ In[1,5,a]", "In[1,5,a]", "In[1,5,a]", ["1", "5", "a"]),
        ("In[1,5,a] ∩ NotIn[5,b]", "In[1,5,a]", "NotIn[5,b]", ["1", "a"]),
        ("In[1,5,a] ∩ Exists", "In[1,5,a]", "Exists", ["1", "5", "a"]),
        ("In[1,5,a] ∩ DoesNotExist", "In[1,5,a]", "DoesNotExist", []),
        ("In[1,5,a] ∩ Gt3", "In[1,5,a]", "Gt3", ["5"]),
        ("In[1,5,a] ∩ Lt7", "In[1,5,a]", "Lt7", ["1", "5"]),
        ("NotIn[5,b] ∩ In[1,5,a]", "NotIn[5,b]", "In[1,5,a]", ["1", "a"]),
        ("NotIn[5,b] ∩ NotIn[5,b]", "NotIn[5,b]", "NotIn[5,b]", ["1", "4", "10", "a"]),
        ("NotIn[5,b] ∩ Exists", "NotIn[5,b]", "Exists", ["1", "4", "10", "a"]),
        ("NotIn[5,b] ∩ DoesNotExist", "NotIn[5,b]", "DoesNotExist", []),
        ("NotIn[5,b] ∩ Gt3", "NotIn[5,b]", "Gt3", ["4", "10"]),
        ("NotIn[5,b] ∩ Lt7", "NotIn[5,b]", "Lt7", ["1", "4"]),
        ("Exists ∩ In[1,5,a]", "Exists", "In[1,5,a]", ["1", "5", "a"]),
        ("Exists ∩ NotIn[5,b]", "Exists", "NotIn[5,b]", ["1", "4", "10", "a"]),
        ("Exists ∩ Exists", "Exists", "Exists", ["1", "4", "5", "10", "a", "b"]),
        ("Exists ∩ DoesNotExist", "Exists", "DoesNotExist", []),
        ("Exists ∩ Gt3", "Exists", "Gt3", ["4", "5", "10"]),
        ("Exists ∩ Lt7", "Exists", "Lt7", ["1", "4", "5"]),
        ("DoesNotExist ∩ In[1,5,a]", "DoesNotExist", "In[1,5,a]", []),
        ("DoesNotExist ∩ NotIn[5,b]", "DoesNotExist", "NotIn[5,b]", []),
        ("DoesNotExist ∩ Exists", "DoesNotExist", "Exists", []),
        ("DoesNotExist ∩ DoesNotExist", "DoesNotExist", "DoesNotExist", []),
        ("DoesNotExist ∩ Gt3", "DoesNotExist", "Gt3", []),
        ("DoesNotExist ∩ Lt7", "DoesNotExist", "Lt7", []),
        ("Gt3 ∩ In[1,5,a]", "Gt3", "In[1,5,a]", ["5"]),
        ("Gt3 ∩ NotIn[5,b]", "Gt3", "NotIn[5,b]", ["4", "10"]),
        ("Gt3 ∩ Exists", "Gt3", "Exists", ["4", "5", "10"]),
        ("Gt3 ∩ DoesNotExist", "Gt3", "DoesNotExist", []),
        ("Gt3 ∩ Gt3", "Gt3", "Gt3", ["4", "5", "10"]),
        ("Gt3 ∩ Lt7", "Gt3", "Lt7", ["4", "5"]),
        ("Lt7 ∩ In[1,5,a]", "Lt7", "In[1,5,a]", ["1", "5"]),
        ("Lt7 ∩ NotIn[5,b]", "Lt7", "NotIn[5,b]", ["1", "4"]),
        ("Lt7 ∩ Exists", "Lt7", "Exists", ["1", "4", "5"]),
        ("Lt7 ∩ DoesNotExist", "Lt7", "DoesNotExist", []),
        ("Lt7 ∩ Gt3", "Lt7", "Gt3", ["4", "5"]),
        ("Lt7 ∩ Lt7", "Lt7", "Lt7", ["1", "4", "5"]),
    ])
    func intersection(name: String, lhs: String, rhs: String, allowed: [String]) throws {
        var table = LabelTable()
        let a = Requirement(try #require(Self.operands[lhs]), table: &table)
        let b = Requirement(try #require(Self.operands[rhs]), table: &table)
        let probes = Self.probes.map { table.value($0) }
        let result = a.intersection(b, table: table)
        let got = zip(Self.probes, probes).filter { result.allows($0.1, table: table) }.map(\.0)
        #expect(got == allowed, "\(name)")
        #expect(a.isDisjoint(with: b, table: table) == allowed.isEmpty, "\(name) disjointness")
        let reversed = b.intersection(a, table: table)
        #expect(zip(Self.probes, probes).filter { reversed.allows($0.1, table: table) }.map(\.0) == allowed,
                "\(name) commutes")
    }

    @Test(arguments: [
        ("In ∩ NotIn reads In", RequirementSpec("k", .in, ["a", "b"]), RequirementSpec("k", .notIn, ["b"]),
         LabelOperator.in),
        ("NotIn ∩ NotIn reads NotIn", RequirementSpec("k", .notIn, ["a"]), RequirementSpec("k", .notIn, ["b"]),
         .notIn),
        ("Exists ∩ Exists reads Exists", RequirementSpec("k", .exists), RequirementSpec("k", .exists), .exists),
        ("In ∩ DoesNotExist reads DoesNotExist", RequirementSpec("k", .in, ["a"]), RequirementSpec("k", .doesNotExist),
         .doesNotExist),
        ("Gt5 ∩ Lt6 has no integer: DoesNotExist", RequirementSpec("k", .greaterThan, ["5"]),
         RequirementSpec("k", .lessThan, ["6"]), .doesNotExist),
        ("Gt with a non-integer value allows nothing", RequirementSpec("k", .greaterThan, ["x"]),
         RequirementSpec("k", .exists), .doesNotExist),
    ])
    func resultingOperator(name: String, lhs: RequirementSpec, rhs: RequirementSpec, expected: LabelOperator) {
        var table = LabelTable()
        let result = Requirement(lhs, table: &table).intersection(Requirement(rhs, table: &table), table: table)
        #expect(result.operator == expected, "\(name)")
    }

    @Test func minValuesTakesTheLarger() {
        var table = LabelTable()
        let a = Requirement(RequirementSpec("k", .exists, minValues: 2), table: &table)
        let b = Requirement(RequirementSpec("k", .in, ["x", "y", "z"], minValues: 3), table: &table)
        #expect(a.intersection(b, table: table).minValues == 3)
    }

    @Test(arguments: [
        ("two negatives never conflict", [RequirementSpec("k", .notIn, ["a"])], [RequirementSpec("k", .doesNotExist)],
         true),
        ("DoesNotExist against In conflicts", [RequirementSpec("k", .in, ["a"])], [RequirementSpec("k", .doesNotExist)],
         false),
        ("disjoint In sets conflict", [RequirementSpec("k", .in, ["a"])], [RequirementSpec("k", .in, ["b"])], false),
        ("overlapping In sets intersect", [RequirementSpec("k", .in, ["a", "b"])], [RequirementSpec("k", .in, ["b"])],
         true),
        ("unshared keys never conflict", [RequirementSpec("k", .in, ["a"])], [RequirementSpec("j", .in, ["b"])], true),
    ])
    func intersects(name: String, existing: [RequirementSpec], incoming: [RequirementSpec], expected: Bool) {
        var table = LabelTable()
        let a = Requirements(specs: existing, table: &table)
        let b = Requirements(specs: incoming, table: &table)
        #expect(a.intersects(b, table: table) == expected, "\(name)")
    }

    @Test(arguments: [
        ("undefined well-known label allowed", RequirementSpec("topology.kubernetes.io/zone", .in, ["z"]), true, true),
        ("undefined well-known label denied on nodes", RequirementSpec("topology.kubernetes.io/zone", .in, ["z"]),
         false, false),
        ("undefined custom label denied", RequirementSpec("team", .in, ["a"]), true, false),
        ("undefined custom NotIn allowed", RequirementSpec("team", .notIn, ["a"]), true, true),
        ("undefined custom DoesNotExist allowed", RequirementSpec("team", .doesNotExist), true, true),
        ("undefined AWS instance label allowed", RequirementSpec("karpenter.k8s.aws/instance-family", .in, ["m5"]),
         true, true),
        ("beta zone label normalised and checked", RequirementSpec("failure-domain.beta.kubernetes.io/zone", .in,
                                                                   ["other"]), true, false),
    ])
    func compatibility(name: String, incoming: RequirementSpec, allowUndefined: Bool, expected: Bool) {
        var table = LabelTable()
        var templateSpecs = [RequirementSpec("karpenter.sh/nodepool", .in, ["default"])]
        if incoming.key.contains("beta") { templateSpecs.append(RequirementSpec("topology.kubernetes.io/zone", .in, ["z"])) }
        let template = Requirements(specs: templateSpecs, table: &table)
        let pod = Requirements(specs: [incoming], table: &table)
        let conflict = template.compatibilityConflict(with: pod, allowUndefinedWellKnown: allowUndefined, table: table)
        #expect((conflict == nil) == expected, "\(name)")
    }

    @Test func betaKeysShareTheirCurrentKey() {
        var table = LabelTable()
        #expect(table.key("beta.kubernetes.io/arch") == table.key("kubernetes.io/arch"))
        #expect(table.key("failure-domain.beta.kubernetes.io/region") == table.key("topology.kubernetes.io/region"))
    }

    @Test func conflictMessagesReadLikeUpstream() {
        var table = LabelTable()
        let node = Requirements(specs: [RequirementSpec("zone", .in, ["a"])], table: &table)
        let pod = Requirements(specs: [RequirementSpec("zone", .in, ["b"]), RequirementSpec("team", .in, ["x"])],
                               table: &table)
        let undefined = node.compatibilityConflict(with: pod, allowUndefinedWellKnown: true, table: table)
        #expect(undefined?.message(table) == "label \"team\" does not have known values")
        #expect(node.firstConflict(with: pod, table: table)?.message(table) == "key zone, zone In [b] not in zone In [a]")
    }
}
