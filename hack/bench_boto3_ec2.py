#!/usr/bin/env python3
"""Baseline for docs/benchmarks.md: the same signed EC2 calls to moto_server made with boto3.

Usage: hack/bench_boto3_ec2.py [round_trips]  (moto must be running: hack/moto.sh start).
Provisions its own IAM user exactly like the Swift benchmark (reset, 3 free calls, then checked).
"""
import json
import statistics
import sys
import time
import urllib.request

import boto3

URL = "http://127.0.0.1:5199"


def post(path, data):
    request = urllib.request.Request(URL + path, data=data.encode(), headers={"Content-Type": "text/plain"}, method="POST")
    urllib.request.urlopen(request).read()


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    post("/moto-api/reset", "")
    post("/moto-api/reset-auth", "3")
    iam = boto3.client("iam", endpoint_url=URL, region_name="us-east-1", aws_access_key_id="setup", aws_secret_access_key="setup")
    iam.create_user(UserName="bench")
    policy = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
    iam.put_user_policy(UserName="bench", PolicyName="all", PolicyDocument=json.dumps(policy))
    key = iam.create_access_key(UserName="bench")["AccessKey"]
    ec2 = boto3.client("ec2", endpoint_url=URL, region_name="us-east-1",
                       aws_access_key_id=key["AccessKeyId"], aws_secret_access_key=key["SecretAccessKey"])
    for label, call in [
        ("boto3 DescribeAvailabilityZones round trip to moto", lambda: ec2.describe_availability_zones()),
        ("boto3 DescribeInstanceTypes(t3.medium) round trip to moto", lambda: ec2.describe_instance_types(InstanceTypes=["t3.medium"])),
    ]:
        for _ in range(10):
            call()
        samples = []
        for _ in range(rounds):
            start = time.perf_counter()
            call()
            samples.append((time.perf_counter() - start) * 1000)
        samples.sort()
        print(f"{label}: median {statistics.median(samples):.2f} ms, p90 {samples[int(len(samples) * 0.9)]:.2f} ms, "
              f"min {samples[0]:.2f} ms (n={rounds})")


if __name__ == "__main__":
    main()
