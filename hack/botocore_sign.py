#!/usr/bin/env python3
"""Differential SigV4 signer: signs requests with botocore so the Swift tests can compare headers.

Reads one JSON object per line on stdin:
  {"method", "url", "headers": [[name, value], ...], "body_b64", "region", "service",
   "access_key", "secret_key", "token" (or null), "time": epoch seconds}
Writes one JSON object per line on stdout: {"x-amz-date", "x-amz-security-token", "authorization"}.
Used only by tests (SigV4BotocoreIntegrationTests); needs the botocore that `make deps-aws` installs.
"""
import base64
import datetime
import json
import sys

import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


def sign(item):
    instant = datetime.datetime.fromtimestamp(item["time"], tz=datetime.timezone.utc)
    botocore.auth.get_current_datetime = lambda: instant
    request = AWSRequest(
        method=item["method"],
        url=item["url"],
        headers=dict(item["headers"]),
        data=base64.b64decode(item["body_b64"]),
    )
    credentials = Credentials(item["access_key"], item["secret_key"], item.get("token"))
    botocore.auth.SigV4Auth(credentials, item["service"], item["region"]).add_auth(request)
    return {
        "x-amz-date": request.headers.get("X-Amz-Date"),
        "x-amz-security-token": request.headers.get("X-Amz-Security-Token"),
        "authorization": request.headers.get("Authorization"),
    }


def main():
    for line in sys.stdin:
        if line.strip():
            sys.stdout.write(json.dumps(sign(json.loads(line))) + "\n")


if __name__ == "__main__":
    main()
