#!/usr/bin/env python3
"""Writes the CustomResourceDefinitions for NodePool, NodeClaim and EC2NodeClass.

The schemas mirror the Swift types in Sources/KubeModel/Karpenter (field for field; the
agreement is checked by hack/tests/test_crd_schemas.py against fixtures the Swift tests keep
current). Only features a 1.20 kube-apiserver accepts are used: structural schemas, defaults,
enums, patterns, min/max, maxItems/maxProperties; no CEL.

Usage: python3 hack/crdgen.py            # rewrite charts/karpenter/crds/*.yaml
       python3 hack/crdgen.py --check    # exit 1 if the files differ from what would be written
"""
import os
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "charts", "karpenter", "crds")

# Patterns shared with the Swift validation (Sources/KubeModel/Karpenter).
NILLABLE_DURATION = r"^(([0-9]+(s|m|h))+|Never)$"
DURATION = r"^([0-9]+(s|m|h))+$"
BUDGET_DURATION = r"^((([0-9]+(h|m))|([0-9]+h[0-9]+m))(0s)?)$"
BUDGET_NODES = r"^((100|[0-9]{1,2})%|[0-9]+)$"
QUANTITY = r"^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$"
QUALIFIED_NAME = r"^(([a-z0-9]([-a-z0-9]*[a-z0-9])?)(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$"
LABEL_VALUE = r"^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$"


def string(description, **extra):
    return {"description": description, "type": "string", **extra}


def integer(description, fmt="int64", **extra):
    return {"description": description, "type": "integer", "format": fmt, **extra}


def boolean(description):
    return {"description": description, "type": "boolean"}


def array(description, items, **extra):
    return {"description": description, "type": "array", "items": items, **extra}


def obj(description, properties, required=None, **extra):
    schema = {"description": description, "type": "object", "properties": properties}
    if required:
        schema["required"] = required
    schema.update(extra)
    return schema


def string_map(description, **extra):
    return {"description": description, "type": "object", "additionalProperties": {"type": "string"}, **extra}


def quantity(description=None):
    schema = {
        "anyOf": [{"type": "integer"}, {"type": "string"}],
        "pattern": QUANTITY,
        "x-kubernetes-int-or-string": True,
    }
    if description:
        schema = {"description": description, **schema}
    return schema


def resource_list(description):
    return {"description": description, "type": "object", "additionalProperties": quantity()}


def taints(description):
    return array(description, obj("A taint on the node.", {
        "effect": string("NoSchedule, PreferNoSchedule or NoExecute.", enum=["NoSchedule", "PreferNoSchedule", "NoExecute"]),
        "key": string("Taint key.", minLength=1, maxLength=316, pattern=QUALIFIED_NAME),
        "timeAdded": string("When a NoExecute taint was added.", format="date-time"),
        "value": string("Taint value.", maxLength=63, pattern=LABEL_VALUE),
    }, required=["effect", "key"]))


def requirements(description):
    return array(description, obj("A requirement on a node label.", {
        "key": string("Label key, e.g. node.kubernetes.io/instance-type.", maxLength=316, pattern=QUALIFIED_NAME),
        "minValues": integer("Minimum number of distinct values to keep flexible across (1-50).", fmt="int32", minimum=1, maximum=50),
        "operator": string("How the label is matched.", enum=["In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt"]),
        "values": array("Values; one non-negative integer for Gt/Lt.", {"type": "string", "maxLength": 63, "pattern": LABEL_VALUE},
                        **{"x-kubernetes-list-type": "atomic"}),
    }, required=["key", "operator"]), maxItems=100)


def node_class_ref():
    return obj("The NodeClass that holds cloud-specific launch settings.", {
        "group": string("API group of the NodeClass, without a version.", minLength=1, pattern=r"^[^/]*$"),
        "kind": string("Kind of the NodeClass, e.g. EC2NodeClass.", minLength=1, maxLength=63),
        "name": string("Name of the NodeClass.", minLength=1, maxLength=253),
    }, required=["group", "kind", "name"])


def conditions():
    return array("Status conditions.", obj("One observation of the object's state.", {
        "lastTransitionTime": string("When status last changed.", format="date-time"),
        "message": string("Human-readable detail.", maxLength=32768),
        "observedGeneration": integer("Generation the condition was computed for.", minimum=0),
        "reason": string("CamelCase reason for the last transition.", maxLength=1024),
        "status": string("True, False or Unknown.", enum=["True", "False", "Unknown"]),
        "type": string("Condition type in CamelCase, e.g. Ready.", maxLength=316),
    }, required=["status", "type"]))


def crd(group, kind, plural, columns, spec, status, required_spec=True):
    root = obj(f"{kind} (see Sources/KubeModel/Karpenter).", {
        "apiVersion": string("API version of this object."),
        "kind": string("Kind of this object."),
        "metadata": {"type": "object"},
        "spec": spec,
        "status": status,
    }, required=["spec"] if required_spec else None)
    return {
        "apiVersion": "apiextensions.k8s.io/v1",
        "kind": "CustomResourceDefinition",
        "metadata": {"name": f"{plural}.{group}"},
        "spec": {
            "group": group,
            "names": {"categories": ["karpenter"], "kind": kind, "listKind": f"{kind}List", "plural": plural, "singular": kind.lower()},
            "scope": "Cluster",
            "versions": [{
                "name": "v1",
                "served": True,
                "storage": True,
                "additionalPrinterColumns": columns,
                "schema": {"openAPIV3Schema": root},
                "subresources": {"status": {}},
            }],
        },
    }


def column(name, path, type_="string", priority=None):
    entry = {"name": name, "type": type_, "jsonPath": path}
    if priority:
        entry["priority"] = priority
    return entry


READY = '.status.conditions[?(@.type=="Ready")].status'
AGE = column("Age", ".metadata.creationTimestamp", "date")


def template_spec(description, claim=False):
    properties = {
        "expireAfter": string("Forceful expiry after this long, or Never.", pattern=NILLABLE_DURATION, default="720h"),
        "nodeClassRef": node_class_ref(),
        "requirements": requirements("Constraints on the node's labels."),
        "startupTaints": taints("Taints a daemon removes after start-up; ignored for scheduling."),
        "taints": taints("Taints applied to the node at registration."),
        "terminationGracePeriod": string("Longest the node may drain once deletion starts.", pattern=DURATION),
    }
    if claim:
        properties["resources"] = obj("Minimum resources the node must offer.", {
            "requests": resource_list("Requested resources."),
        })
    return obj(description, dict(sorted(properties.items())), required=["nodeClassRef", "requirements"])


def nodepool():
    budget = obj("At most `nodes` nodes disrupted at once, optionally only in a schedule window and for some reasons.", {
        "duration": string("How long the budget stays active after each scheduled start.", pattern=BUDGET_DURATION),
        "nodes": string("A whole number or a percentage of the pool's nodes.", pattern=BUDGET_NODES, default="10%"),
        "reasons": array("Disruption reasons the budget applies to; all when absent.",
                         string("A disruption reason.", enum=["Underutilized", "Empty", "Drifted"])),
        "schedule": string("Cron schedule (UTC) or a macro such as @daily; requires duration."),
    }, required=["nodes"])
    spec = obj("Desired state of the NodePool.", {
        "disruption": obj("When nodes of this pool may be disrupted.", {
            "budgets": array("Rate limits on voluntary disruption.", budget, maxItems=50, default=[{"nodes": "10%"}]),
            "consolidateAfter": string("Quiet time before a node may be consolidated, or Never.", pattern=NILLABLE_DURATION, default="0s"),
            "consolidationPolicy": string("Which nodes are consolidation candidates.", enum=["WhenEmpty", "WhenEmptyOrUnderutilized"],
                                          default="WhenEmptyOrUnderutilized"),
        }, default={}),
        "limits": resource_list("Upper bounds on the summed capacity of the pool's nodes."),
        "template": obj("What NodeClaims created from this pool look like.", {
            "metadata": obj("Labels and annotations for the NodeClaims and Nodes.", {
                "annotations": string_map("Annotations copied to NodeClaims and Nodes."),
                "labels": string_map("Labels copied to NodeClaims and Nodes.", maxProperties=100),
            }),
            "spec": template_spec("The NodeClaim spec template."),
        }, required=["spec"]),
        "weight": integer("Priority among pools; higher is tried first.", fmt="int32", minimum=1, maximum=100),
    }, required=["template"])
    status = obj("Observed state of the NodePool.", {
        "conditions": conditions(),
        "resources": resource_list("Summed capacity of the pool's nodes, plus their count as `nodes`."),
    })
    columns = [
        column("NodeClass", ".spec.template.spec.nodeClassRef.name"),
        column("Nodes", ".status.resources.nodes"),
        column("Ready", READY),
        AGE,
        column("Weight", ".spec.weight", "integer", 1),
        column("CPU", ".status.resources.cpu", priority=1),
        column("Memory", ".status.resources.memory", priority=1),
    ]
    return crd("karpenter.sh", "NodePool", "nodepools", columns, spec, status)


def nodeclaim():
    status = obj("What was launched and how far its lifecycle has progressed.", {
        "allocatable": resource_list("Capacity minus reservations and eviction thresholds."),
        "capacity": resource_list("Capacity of the instance type."),
        "conditions": conditions(),
        "imageID": string("Image the instance booted from."),
        "lastPodEventTime": string("Last pod bind or removal on the node.", format="date-time"),
        "nodeName": string("Name of the registered Node."),
        "providerID": string("Cloud provider ID of the instance."),
    })
    columns = [
        column("Type", ".metadata.labels.node\\.kubernetes\\.io/instance-type"),
        column("Capacity", ".metadata.labels.karpenter\\.sh/capacity-type"),
        column("Zone", ".metadata.labels.topology\\.kubernetes\\.io/zone"),
        column("Node", ".status.nodeName"),
        column("Ready", READY),
        AGE,
        column("ImageID", ".status.imageID", priority=1),
        column("ID", ".status.providerID", priority=1),
        column("NodePool", ".metadata.labels.karpenter\\.sh/nodepool", priority=1),
        column("NodeClass", ".spec.nodeClassRef.name", priority=1),
        column("Drifted", '.status.conditions[?(@.type=="Drifted")].status', priority=1),
    ]
    return crd("karpenter.sh", "NodeClaim", "nodeclaims", columns, template_spec("The requested node.", claim=True), status)


def ec2nodeclass():
    tags = string_map
    kubelet = obj("Kubelet settings.", {
        "clusterDNS": array("DNS server IPs for pods.", {"type": "string"}),
        "cpuCFSQuota": boolean("Enforce CPU CFS quota for containers with CPU limits."),
        "evictionHard": string_map("Hard eviction thresholds by signal."),
        "evictionMaxPodGracePeriod": integer("Maximum pod grace period (seconds) for soft evictions.", fmt="int32"),
        "evictionSoft": string_map("Soft eviction thresholds by signal."),
        "evictionSoftGracePeriod": string_map("Grace period per soft eviction signal."),
        "imageGCHighThresholdPercent": integer("Disk usage percent that triggers image GC.", fmt="int32", minimum=0, maximum=100),
        "imageGCLowThresholdPercent": integer("Disk usage percent image GC frees down to.", fmt="int32", minimum=0, maximum=100),
        "kubeReserved": string_map("Resources reserved for Kubernetes daemons."),
        "maxPods": integer("Maximum pods per node.", fmt="int32", minimum=0),
        "podsPerCore": integer("Pods per vCPU.", fmt="int32", minimum=0),
        "systemReserved": string_map("Resources reserved for the OS."),
    })
    block_device = obj("EBS volume settings.", {
        "deleteOnTermination": boolean("Delete the volume with the instance."),
        "encrypted": boolean("Encrypt the volume."),
        "iops": integer("Provisioned IOPS.", minimum=0),
        "kmsKeyID": string("KMS key for encryption."),
        "snapshotID": string("Snapshot to create the volume from."),
        "throughput": integer("Throughput in MiB/s (gp3).", minimum=0),
        "volumeSize": quantity("Volume size, e.g. 20Gi."),
        "volumeType": string("EBS volume type.", enum=["standard", "io1", "io2", "gp2", "sc1", "st1", "gp3"]),
    })
    spec = obj("Desired launch configuration.", {
        "amiFamily": string("Bootstrap format; required unless an alias is used.",
                            enum=["AL2", "AL2023", "Bottlerocket", "Custom", "Windows2019", "Windows2022"]),
        "amiSelectorTerms": array("Which AMIs to use.", obj("An alias, an id, or tags/name/owner.", {
            "alias": string("family@version, e.g. al2023@latest.",
                            pattern=r"^(al2|al2023|bottlerocket|windows2019|windows2022)@.+$"),
            "id": string("AMI ID.", pattern=r"^ami-[0-9a-z]+$"),
            "name": string("AMI name (wildcards allowed)."),
            "owner": string("Owner account ID or alias."),
            "tags": tags("Tags that must all be present."),
        }), minItems=1, maxItems=30),
        "associatePublicIPAddress": boolean("Give instances a public IP."),
        "blockDeviceMappings": array("EBS volumes.", obj("One EBS volume attachment.", {
            "deviceName": string("Device name, e.g. /dev/xvda."),
            "ebs": block_device,
            "rootVolume": boolean("This is the root volume."),
        }), maxItems=50),
        "context": string("CreateFleet context."),
        "detailedMonitoring": boolean("Detailed CloudWatch monitoring."),
        "instanceProfile": string("Existing instance profile (exclusive with role)."),
        "instanceStorePolicy": string("Instance-store handling.", enum=["RAID0"]),
        "kubelet": kubelet,
        "metadataOptions": obj("Instance metadata service options.", {
            "httpEndpoint": string("IMDS on or off.", enum=["enabled", "disabled"], default="enabled"),
            "httpProtocolIPv6": string("IMDS IPv6 endpoint.", enum=["enabled", "disabled"], default="disabled"),
            "httpPutResponseHopLimit": integer("IMDS response hop limit.", minimum=1, maximum=64, default=1),
            "httpTokens": string("IMDSv2 tokens required or optional.", enum=["required", "optional"], default="required"),
        }, default={"httpEndpoint": "enabled", "httpProtocolIPv6": "disabled", "httpPutResponseHopLimit": 1, "httpTokens": "required"}),
        "role": string("IAM role for the managed instance profile (exclusive with instanceProfile)."),
        "securityGroupSelectorTerms": array("Which security groups to attach.", obj("Tags, an id or a name.", {
            "id": string("Security group ID.", pattern=r"^sg-[0-9a-z]+$"),
            "name": string("Security group name."),
            "tags": tags("Tags that must all be present."),
        }), minItems=1, maxItems=30),
        "subnetSelectorTerms": array("Which subnets to launch into.", obj("Tags or an id.", {
            "id": string("Subnet ID.", pattern=r"^subnet-[0-9a-z]+$"),
            "tags": tags("Tags that must all be present."),
        }), minItems=1, maxItems=30),
        "tags": tags("Tags for instances, volumes and launch templates."),
        "userData": string("Extra user data merged with the bootstrap."),
    }, required=["amiSelectorTerms", "securityGroupSelectorTerms", "subnetSelectorTerms"])
    status = obj("Resolved subnets, security groups, AMIs and instance profile.", {
        "amis": array("Resolved AMIs.", obj("A resolved AMI.", {
            "deprecated": boolean("The AMI is deprecated."),
            "id": string("AMI ID."),
            "name": string("AMI name."),
            "requirements": array("Requirements an instance type must meet to use this AMI.", obj("A node selector requirement.", {
                "key": string("Label key."),
                "operator": string("Operator.", enum=["In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt"]),
                "values": array("Values.", {"type": "string"}, **{"x-kubernetes-list-type": "atomic"}),
            }, required=["key", "operator"])),
        }, required=["id", "requirements"])),
        "conditions": conditions(),
        "instanceProfile": string("Instance profile in use."),
        "securityGroups": array("Resolved security groups.", obj("A resolved security group.", {
            "id": string("Security group ID."),
            "name": string("Security group name."),
        }, required=["id"])),
        "subnets": array("Resolved subnets.", obj("A resolved subnet.", {
            "id": string("Subnet ID."),
            "zone": string("Availability zone."),
            "zoneID": string("Availability zone ID."),
        }, required=["id", "zone"])),
    })
    columns = [column("Ready", READY), AGE, column("Role", ".spec.role", priority=1)]
    return crd("karpenter.k8s.aws", "EC2NodeClass", "ec2nodeclasses", columns, spec, status)


FILES = {
    "karpenter.sh_nodepools.yaml": nodepool,
    "karpenter.sh_nodeclaims.yaml": nodeclaim,
    "karpenter.k8s.aws_ec2nodeclasses.yaml": ec2nodeclass,
}
HEADER = "# Generated by hack/crdgen.py from the KubeModel types; edit the generator, not this file.\n---\n"


def render(build):
    return HEADER + yaml.safe_dump(build(), sort_keys=False, default_flow_style=False, width=1000)


def main(argv):
    check = "--check" in argv
    stale = []
    for name, build in FILES.items():
        path = os.path.join(OUT, name)
        text = render(build)
        current = open(path).read() if os.path.exists(path) else None
        if current != text:
            stale.append(name)
            if not check:
                os.makedirs(OUT, exist_ok=True)
                with open(path, "w") as handle:
                    handle.write(text)
    if check and stale:
        print("stale CRDs (run python3 hack/crdgen.py): " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
