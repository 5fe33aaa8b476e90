#!/usr/bin/env python3
"""Generate the simulated cloud's EC2 catalogue from moto's bundled DescribeInstanceTypes data.

Usage: hack/gen-catalog.py [--region us-east-1] [--out Sources/Simulation/Resources/catalog-us-east-1.json]

Keeps linux-capable (x86_64 or arm64), current-generation (see current()), hvm instance types offered in the
region. Prices are ESTIMATES from the model documented in docs/catalog.md (no AWS access):
per-family on-demand anchors scaled by size, a resource-based fallback, and a deterministic
per-(type, zone) spot discount between 55% and 75%.
"""
import argparse
import gzip
import hashlib
import json
import os
import re
import sys

import moto

# On-demand USD/hour in us-east-1 (Linux) for one well-known size per family. Within a family the
# price scales linearly with vCPUs (burstable t-families: with memory, since t3.nano..t3.small all
# have 2 vCPUs).
ANCHORS = {
    "t3": ("t3.medium", 0.0416), "t3a": ("t3a.medium", 0.0376), "t4g": ("t4g.medium", 0.0336),
    "m5": ("m5.large", 0.096), "m5a": ("m5a.large", 0.086), "m6i": ("m6i.large", 0.096),
    "m6a": ("m6a.large", 0.0864), "m6g": ("m6g.large", 0.077), "m7g": ("m7g.large", 0.0816),
    "m7i": ("m7i.large", 0.1008), "m7a": ("m7a.large", 0.11592),
    "c5": ("c5.large", 0.085), "c5a": ("c5a.large", 0.077), "c6i": ("c6i.large", 0.085),
    "c6a": ("c6a.large", 0.0765), "c6g": ("c6g.large", 0.068), "c7g": ("c7g.large", 0.0725),
    "c7i": ("c7i.large", 0.08925),
    "r5": ("r5.large", 0.126), "r5a": ("r5a.large", 0.113), "r6i": ("r6i.large", 0.126),
    "r6g": ("r6g.large", 0.1008), "r7g": ("r7g.large", 0.1071),
    "i3": ("i3.large", 0.156), "g4dn": ("g4dn.xlarge", 0.526), "g5": ("g5.xlarge", 1.006),
    "p3": ("p3.2xlarge", 3.06),
}
BURSTABLE = {"t3", "t3a", "t4g"}
# Fallback model fitted to m5.large and c5.large: USD/hour per vCPU and per GiB (Intel x86).
PER_VCPU, PER_GIB = 0.037, 0.00275
MANUFACTURER_FACTOR = {"AMD": 0.9, "AWS": 0.8}
PER_GPU = 0.5


def family_of(name):
    return name.split(".", 1)[0]


def generation(name):
    match = re.match(r"^[a-z]+(-[0-9]+tb)?([0-9]+)", name)
    return int(match.group(2)) if match else 0


def current(item):
    """moto's data flags some still-sold 5th/6th-generation types (m5, c5, r5, m6i...) as not current;
    treat every generation >= 5 family as current too."""
    return bool(item.get("CurrentGeneration")) or generation(item["InstanceType"]) >= 5


def linux_arch(item):
    archs = item["ProcessorInfo"]["SupportedArchitectures"]
    for arch in ("x86_64", "arm64"):
        if arch in archs:
            return "amd64" if arch == "x86_64" else "arm64"
    return None


def model_price(item):
    vcpus = item["VCpuInfo"]["DefaultVCpus"]
    gib = item["MemoryInfo"]["SizeInMiB"] / 1024
    factor = MANUFACTURER_FACTOR.get(item["ProcessorInfo"].get("Manufacturer", ""), 1.0)
    gpus = sum(g.get("Count", 0) for g in item.get("GpuInfo", {}).get("Gpus", []))
    return (vcpus * PER_VCPU + gib * PER_GIB) * factor + gpus * PER_GPU


def on_demand_price(item, types):
    family = family_of(item["InstanceType"])
    anchor = ANCHORS.get(family)
    if anchor and anchor[0] in types:
        base = types[anchor[0]]
        if family in BURSTABLE:
            ratio = item["MemoryInfo"]["SizeInMiB"] / base["MemoryInfo"]["SizeInMiB"]
        else:
            ratio = item["VCpuInfo"]["DefaultVCpus"] / base["VCpuInfo"]["DefaultVCpus"]
        return anchor[1] * ratio
    return model_price(item)


def spot_discount(name, zone):
    digest = hashlib.sha256(f"{name}/{zone}".encode()).digest()
    return 0.55 + 0.20 * (int.from_bytes(digest[:4], "big") / 0xFFFFFFFF)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--region", default="us-east-1")
    parser.add_argument("--out", default="Sources/Simulation/Resources/catalog-us-east-1.json")
    args = parser.parse_args()
    root = os.path.join(os.path.dirname(moto.__file__), "ec2", "resources")
    with gzip.open(os.path.join(root, "instance_types.json.gz")) as f:
        types = json.load(f)
    with gzip.open(os.path.join(root, "instance_type_offerings", "availability-zone", f"{args.region}.json.gz")) as f:
        offerings = json.load(f)
    zones_by_type = {}
    for offering in offerings:
        zones_by_type.setdefault(offering["InstanceType"], set()).add(offering["Location"])
    zones = sorted({z for zs in zones_by_type.values() for z in zs})
    out = []
    for name in sorted(types):
        item = types[name]
        arch = linux_arch(item)
        if (arch is None or not current(item) or "hvm" not in item.get("SupportedVirtualizationTypes", [])
                or name not in zones_by_type):
            continue
        network = item.get("NetworkInfo", {})
        card = network.get("DefaultNetworkCardIndex", 0)
        enis = next((c["MaximumNetworkInterfaces"] for c in network.get("NetworkCards", []) if c["NetworkCardIndex"] == card),
                    network.get("MaximumNetworkInterfaces", 0))
        price = round(on_demand_price(item, types), 5)
        type_zones = sorted(zones_by_type[name])
        record = {
            "name": name, "arch": arch, "vcpu": item["VCpuInfo"]["DefaultVCpus"], "memMiB": item["MemoryInfo"]["SizeInMiB"],
            "enis": enis, "ipv4PerENI": network.get("Ipv4AddressesPerInterface", 0),
            "hypervisor": item.get("Hypervisor", ""), "manufacturer": item["ProcessorInfo"].get("Manufacturer", ""),
            "zones": [zones.index(z) for z in type_zones], "od": price,
        }
        if item.get("BareMetal"):
            record["metal"] = True
        gpus = item.get("GpuInfo", {}).get("Gpus", [])
        if gpus:
            record["gpu"] = {"name": gpus[0]["Name"], "manufacturer": gpus[0]["Manufacturer"],
                             "count": sum(g["Count"] for g in gpus), "memMiB": gpus[0].get("MemoryInfo", {}).get("SizeInMiB", 0)}
        storage = item.get("InstanceStorageInfo")
        if storage:
            record["localGB"] = storage.get("TotalSizeInGB", 0)
        if network.get("EfaSupported") and network.get("EfaInfo"):
            record["efa"] = network["EfaInfo"].get("MaximumEfaInterfaces", 0)
        if "spot" in item.get("SupportedUsageClasses", []):
            record["spot"] = [round(price * (1 - spot_discount(name, z)), 5) for z in type_zones]
        out.append(record)
    document = {"region": args.region, "zones": zones,
                "source": f"moto {moto.__version__} bundled EC2 data; prices are estimates (docs/catalog.md)",
                "types": out}
    with open(args.out, "w") as f:
        json.dump(document, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {len(out)} instance types over {len(zones)} zones to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
