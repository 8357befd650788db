#!/usr/bin/env bash
# End to end: the AWS CLI on a simulated EC2 instance. Starts iam-local, creates a role and an
# instance profile with the CLI itself, launches a simulated instance (IMDSv2 required), then runs
# `aws sts get-caller-identity` with no credentials at all — only AWS_EC2_METADATA_SERVICE_ENDPOINT —
# and checks that the CLI acted as the instance's role session.
# Needs: node (with the repo's node_modules), curl, aws (Debian's awscli or AWS CLI v2).
# Env: AWS_CLI (default: aws), IAM_LOCAL_E2E_PORT (default: a free port).
set -euo pipefail
cd "$(dirname "$0")/../.."

AWS_CLI="${AWS_CLI:-aws}"
command -v "$AWS_CLI" >/dev/null || { echo "SKIP: $AWS_CLI not found (apt-get install awscli)"; exit 0; }
PORT="${IAM_LOCAL_E2E_PORT:-$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')}"
BASE="http://127.0.0.1:${PORT}"
WORK="$(mktemp -d)"
LOG="$WORK/server.log"

PORT="$PORT" HOST=127.0.0.1 IAM_LOCAL_DB=':memory:' IAM_LOCAL_LOG_LEVEL=warn \
  node --import tsx src/cli.ts start >"$LOG" 2>&1 &
SERVER=$!
cleanup() { kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

for _ in $(seq 1 100); do
  curl -fsS "$BASE/_iam/health" >/dev/null 2>&1 && break
  kill -0 "$SERVER" 2>/dev/null || { echo "iam-local did not start:"; cat "$LOG"; exit 1; }
  sleep 0.2
done

# Administration as the bootstrap root (test/test), through the CLI.
admin() {
  env -i PATH="$PATH" HOME="$WORK" AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 \
    AWS_CONFIG_FILE="$WORK/none" AWS_SHARED_CREDENTIALS_FILE="$WORK/none" \
    "$AWS_CLI" --endpoint-url "$BASE" "$@"
}
TRUST='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}'
admin iam create-role --role-name e2e-role --assume-role-policy-document "$TRUST" >/dev/null
admin iam create-instance-profile --instance-profile-name e2e-profile >/dev/null
admin iam add-role-to-instance-profile --instance-profile-name e2e-profile --role-name e2e-role

LAUNCH="$(curl -fsS -X POST -H 'content-type: application/json' \
  -d '{"instanceProfileName":"e2e-profile","httpTokens":"required"}' "$BASE/_iam/instances")"
INSTANCE_ID="$(node -e 'console.log(JSON.parse(process.argv[1]).instanceId)' "$LAUNCH")"
ENDPOINT="$(node -e 'console.log(JSON.parse(process.argv[1]).endpoint)' "$LAUNCH")"

# On the "instance": no keys, no profile, nothing but the metadata endpoint. (botocore appends
# "latest/api/token" to the endpoint as given, so it needs the trailing slash; the JS SDK takes either.)
IDENTITY="$(env -i PATH="$PATH" HOME="$WORK" AWS_DEFAULT_REGION=us-east-1 \
  AWS_CONFIG_FILE="$WORK/none" AWS_SHARED_CREDENTIALS_FILE="$WORK/none" \
  AWS_EC2_METADATA_SERVICE_ENDPOINT="$ENDPOINT/" \
  "$AWS_CLI" --endpoint-url "$BASE" sts get-caller-identity --output json)"
ARN="$(node -e 'console.log(JSON.parse(process.argv[1]).Arn)' "$IDENTITY")"

EXPECTED="arn:aws:sts::000000000000:assumed-role/e2e-role/${INSTANCE_ID}"
if [ "$ARN" != "$EXPECTED" ]; then
  echo "FAIL: expected $EXPECTED, got $ARN"
  echo "$IDENTITY"
  exit 1
fi
echo "OK: aws sts get-caller-identity → $ARN"
