import AWSClient
import Testing

@Suite struct QueryParametersTests {
    @Test func flatteningAndFormEncoding() {
        var p = QueryParameters()
        p.set("InstanceType", list: ["t3.medium", "m5.xlarge"])
        p.set(filters: [EC2Filter(name: "tag:karpenter.sh/discovery", values: ["my cluster", "a+b"])])
        p.set("DryRun", true)
        p.set("MaxResults", 5)
        p.set("Skipped", nil as String?)
        #expect(p.formBody(action: "DescribeInstanceTypes", version: "2016-11-15") ==
            "Action=DescribeInstanceTypes&Version=2016-11-15&InstanceType.1=t3.medium&InstanceType.2=m5.xlarge"
            + "&Filter.1.Name=tag%3Akarpenter.sh%2Fdiscovery&Filter.1.Value.1=my+cluster&Filter.1.Value.2=a%2Bb&DryRun=true&MaxResults=5")
    }

    @Test func nestedMergeKeepsPrefixes() {
        var inner = QueryParameters()
        inner.set("ImageId", "ami-1")
        var outer = QueryParameters()
        outer.merge(inner, prefix: "LaunchTemplateData")
        outer.merge(inner, prefix: "")
        #expect(outer.items.map(\.key) == ["LaunchTemplateData.ImageId", "ImageId"])
    }
}
