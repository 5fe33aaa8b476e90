import KubeModel
import Testing

@Suite struct KarpenterDefaultsTests {
    @Test func nodePoolDefaultsMatchUpstream() {
        let pool = KarpenterFixtures.nodePool()
        #expect(pool.spec.disruption == nil, "decoding and building leave defaults to withDefaults()")
        let defaulted = pool.withDefaults()
        #expect(defaulted.spec.disruption?.consolidationPolicy == .whenEmptyOrUnderutilized)
        #expect(defaulted.spec.disruption?.consolidateAfter?.text == "0s")
        #expect(defaulted.spec.disruption?.budgets == [Budget(nodes: "10%")])
        #expect(defaulted.spec.template.spec.expireAfter?.text == "720h")
    }

    @Test func writtenValuesAreKept() {
        let pool = KarpenterFixtures.nodePool(
            disruption: Disruption(consolidationPolicy: .whenEmpty, consolidateAfter: NillableDuration("5m"), budgets: []))
        var written = pool
        written.spec.template.spec.expireAfter = .never
        let defaulted = written.withDefaults()
        #expect(defaulted.spec.disruption?.consolidationPolicy == .whenEmpty)
        #expect(defaulted.spec.disruption?.consolidateAfter?.text == "5m")
        #expect(defaulted.spec.disruption?.budgets == [])
        #expect(defaulted.spec.template.spec.expireAfter?.isNever == true)
        #expect(defaulted.withDefaults() == defaulted)
    }

    @Test func nodeClaimExpiresAfter30DaysByDefault() {
        #expect(KarpenterFixtures.nodeClaim().withDefaults().spec.expireAfter == NillableDuration("720h"))
    }

    @Test func metadataOptionsDefaultFieldByField() {
        var nodeClass = KarpenterFixtures.ec2NodeClass()
        #expect(nodeClass.withDefaults().spec.metadataOptions == MetadataOptions.defaults)
        nodeClass.spec.metadataOptions = MetadataOptions(httpPutResponseHopLimit: 2)
        let options = nodeClass.withDefaults().spec.metadataOptions
        #expect(options == MetadataOptions(httpEndpoint: "enabled", httpProtocolIPv6: "disabled", httpPutResponseHopLimit: 2, httpTokens: "required"))
    }
}
