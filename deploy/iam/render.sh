#!/usr/bin/env bash
# Renders one IAM policy template from this directory with the variables from the environment,
# exactly as the installation guide's `cat << EOF` commands do (including ${OIDC_ENDPOINT#*//},
# which strips the https:// scheme from the cluster's OIDC issuer URL).
#
#   AWS_PARTITION=aws AWS_ACCOUNT_ID=111122223333 CLUSTER_NAME=weasel-eks AWS_REGION=us-east-1 \
#   OIDC_ENDPOINT=https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE KARPENTER_NAMESPACE=karpenter \
#     deploy/iam/render.sh deploy/iam/controller-policy.json > controller-policy.json
set -euo pipefail
if [[ $# -ne 1 || ! -f "$1" ]]; then
  echo "usage: $0 TEMPLATE.json (one of node-trust-policy.json, controller-trust-policy.json, controller-policy.json)" >&2
  exit 2
fi
template="$(cat "$1")"
missing=()
for name in $(grep -o '\${[A-Z_]*' "$1" | tr -d '${' | sort -u); do
  [[ -n "${!name:-}" ]] || missing+=("$name")
done
if [[ ${#missing[@]} -gt 0 ]]; then
  echo "$1 needs these environment variables: ${missing[*]} (see deploy/iam/README.md)" >&2
  exit 1
fi
eval "cat <<__KARPENTER_IAM_TEMPLATE__
${template}
__KARPENTER_IAM_TEMPLATE__"
