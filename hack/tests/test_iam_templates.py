"""Renders the IAM templates in deploy/iam with render.sh and checks the JSON that comes out."""
import json
import os
import re
import subprocess

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
IAM = os.path.join(ROOT, "deploy", "iam")
DOCUMENTED = {"AWS_PARTITION", "AWS_ACCOUNT_ID", "CLUSTER_NAME", "AWS_REGION", "OIDC_ENDPOINT", "KARPENTER_NAMESPACE"}
VALUES = {
    "AWS_PARTITION": "aws",
    "AWS_ACCOUNT_ID": "111122223333",
    "CLUSTER_NAME": "weasel-eks",
    "AWS_REGION": "us-east-1",
    "OIDC_ENDPOINT": "https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE",
    "KARPENTER_NAMESPACE": "karpenter",
}
TEMPLATES = ["node-trust-policy.json", "controller-trust-policy.json", "controller-policy.json"]


def render(name, env):
    return subprocess.run(["bash", os.path.join(IAM, "render.sh"), os.path.join(IAM, name)],
                          env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), **env}, capture_output=True, text=True)


@pytest.mark.parametrize("name", TEMPLATES)
def test_template_renders_to_policy_json(name):
    with open(os.path.join(IAM, name)) as handle:
        used = set(re.findall(r"\$\{([A-Z_]+)", handle.read()))
    assert used <= DOCUMENTED
    result = render(name, VALUES)
    assert result.returncode == 0, result.stderr
    assert "${" not in result.stdout
    policy = json.loads(result.stdout)
    assert policy["Version"] == "2012-10-17"
    assert policy["Statement"]


def test_trust_policy_strips_the_oidc_scheme():
    policy = json.loads(render("controller-trust-policy.json", VALUES).stdout)
    statement = policy["Statement"][0]
    issuer = "oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE"
    assert statement["Principal"]["Federated"] == f"arn:aws:iam::111122223333:oidc-provider/{issuer}"
    assert statement["Condition"]["StringEquals"][f"{issuer}:sub"] == "system:serviceaccount:karpenter:karpenter"


def test_controller_policy_scopes_pass_role_to_the_node_role():
    policy = json.loads(render("controller-policy.json", VALUES).stdout)
    by_sid = {s["Sid"]: s for s in policy["Statement"]}
    assert by_sid["PassNodeIAMRole"]["Resource"] == "arn:aws:iam::111122223333:role/KarpenterNodeRole-weasel-eks"
    assert by_sid["EKSClusterEndpointLookup"]["Resource"] == "arn:aws:eks:us-east-1:111122223333:cluster/weasel-eks"


def test_missing_variables_are_named():
    result = render("controller-policy.json", {"AWS_PARTITION": "aws"})
    assert result.returncode == 1
    for name in ("AWS_ACCOUNT_ID", "AWS_REGION", "CLUSTER_NAME"):
        assert name in result.stderr
