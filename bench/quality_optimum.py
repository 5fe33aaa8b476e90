#!/usr/bin/env python3
"""Exact optimum for the `quality` benchmark instances, with HiGHS (PyPI `highspy`).

Reads the instances `karpenter-bench quality` writes (types with allocatable and price, pods with
requests, and the price of our plan), solves each as a bin-packing MILP with a choice of bin types,
and reports our price divided by the optimum: mean, max and the worst instance.

Model per instance, slots k = 0..n-1 (n pods; never more nodes than pods are needed):
  y[k,t] = 1 if slot k is a node of type t;  x[i,k] = 1 if pod i is on slot k (only k <= i:
  symmetry breaking, pods keep their order).
  sum_t y[k,t] <= 1;  sum_k x[i,k] = 1;  for each resource r:
  sum_i req[i,r] x[i,k] <= sum_t alloc[t,r] y[k,t];  minimise sum price[t] y[k,t].
When the time limit stops the search, the ratio uses the proven lower bound (an upper bound on the
true ratio) and the instance is counted as not proven.
"""
import argparse
import hashlib
import json
import os
import sys

import highspy


def solve(instance, time_limit):
    types, pods = instance["types"], instance["pods"]
    n, m = len(pods), len(types)
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", float(time_limit))
    h.setOptionValue("mip_rel_gap", 1e-6)
    h.setOptionValue("threads", 1)
    y = [[h.addBinary(obj=types[t]["price"]) for t in range(m)] for _ in range(n)]
    x = [[h.addBinary() if k <= i else None for k in range(n)] for i in range(n)]
    for k in range(n):
        h.addConstr(sum(y[k]) <= 1)
        if k + 1 < n:
            h.addConstr(sum(y[k]) >= sum(y[k + 1]))
    for i in range(n):
        h.addConstr(sum(x[i][k] for k in range(i + 1)) == 1)
    for k in range(n):
        members = [i for i in range(k, n)]
        for resource, key in (("cpu", "cpu"), ("memoryMiB", "memoryMiB")):
            h.addConstr(sum(pods[i][key] * x[i][k] for i in members)
                        <= sum(types[t][resource] * y[k][t] for t in range(m)))
        h.addConstr(sum(x[i][k] for i in members) <= sum(types[t]["pods"] * y[k][t] for t in range(m)))
    h.setMinimize()
    h.run()
    info = h.getInfo()
    status = h.getModelStatus()
    optimal = status == highspy.HighsModelStatus.kOptimal
    best = info.objective_function_value
    bound = info.mip_dual_bound
    return optimal, best, bound


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("instances", help="JSON written by `karpenter-bench quality`")
    parser.add_argument("--time-limit", type=float, default=10.0, help="seconds per instance")
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    parser.add_argument("--cache", help="JSON file of optima keyed by instance hash (reused across runs)")
    args = parser.parse_args()
    with open(args.instances) as handle:
        instances = json.load(handle)
    cache = {}
    if args.cache and os.path.exists(args.cache):
        with open(args.cache) as handle:
            cache = json.load(handle)
    ratios, unproven, rows = [], 0, []
    for instance in instances:
        if instance["unscheduled"]:
            print(f"seed {instance['seed']}: {instance['unscheduled']} pods unscheduled", file=sys.stderr)
            continue
        problem = json.dumps({"types": instance["types"], "pods": instance["pods"],
                              "limit": args.time_limit}, sort_keys=True)
        key = hashlib.sha256(problem.encode()).hexdigest()
        if key not in cache:
            cache[key] = solve(instance, args.time_limit)
            print(f"seed {instance['seed']}: optimum {cache[key]}", file=sys.stderr)
        optimal, best, bound = cache[key]
        reference = best if optimal else max(bound, 1e-9)
        unproven += 0 if optimal else 1
        ratio = instance["ours"] / reference
        ratios.append(ratio)
        rows.append({"seed": instance["seed"], "pods": len(instance["pods"]), "types": len(instance["types"]),
                     "ours": round(instance["ours"], 6), "optimum": round(reference, 6),
                     "proven": optimal, "ratio": round(ratio, 6)})
    if args.cache:
        os.makedirs(os.path.dirname(os.path.abspath(args.cache)), exist_ok=True)
        with open(args.cache, "w") as handle:
            json.dump(cache, handle)
    proven = [row["ratio"] for row in rows if row["proven"]]
    worst = max(rows, key=lambda row: row["ratio"])
    summary = {"benchmark": "quality", "instances": len(rows), "pods": sum(r["pods"] for r in rows),
               "meanRatio": round(sum(ratios) / len(ratios), 6), "maxRatio": round(max(ratios), 6),
               "worstSeed": worst["seed"], "worstOurs": worst["ours"], "worstOptimum": worst["optimum"],
               "unproven": unproven, "provenMeanRatio": round(sum(proven) / max(len(proven), 1), 6),
               "provenMaxRatio": round(max(proven, default=0), 6),
               "skippedUnschedulable": len(instances) - len(rows)}
    if args.json:
        print(json.dumps(summary))
    else:
        for key, value in summary.items():
            print(f"{key:>13}: {value}")
        print("worst instances:")
        for row in sorted(rows, key=lambda row: -row["ratio"])[:5]:
            print("  ", row)


if __name__ == "__main__":
    main()
