#!/usr/bin/env bash
# End-to-end check of iam-local with the AWS CLI (Debian's awscli).
#
#   IAM_LOCAL_URL=http://127.0.0.1:4577 bash test/e2e/awscli.sh
#
# Creates a user, group, role and policy, attaches and joins them, signs as the new user and as
# an assumed role, checks an error code, and cleans up. The endpoint is given with --endpoint-url,
# which every CLI version understands; AWS CLI >= 2.13 also reads AWS_ENDPOINT_URL(_IAM/_STS).
set -euo pipefail

URL="${IAM_LOCAL_URL:-http://127.0.0.1:4577}"
if [[ -n "${AWS_CLI:-}" ]]; then AWS_BIN="$AWS_CLI"
elif [[ -x /usr/bin/aws ]]; then AWS_BIN=/usr/bin/aws
else AWS_BIN=aws; fi

# A clean, reproducible CLI environment: no profile or config of the machine leaks in.
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 AWS_REGION=us-east-1
export AWS_PAGER="" AWS_CONFIG_FILE=/nonexistent AWS_SHARED_CREDENTIALS_FILE=/nonexistent AWS_MAX_ATTEMPTS=1
unset AWS_SESSION_TOKEN AWS_PROFILE

aws_() { "$AWS_BIN" --endpoint-url "$URL" --output text "$@"; }
fail() { echo "awscli e2e FAILED: $*" >&2; exit 1; }
expect_eq() { [[ "$1" == "$2" ]] || fail "$3: expected '$2', got '$1'"; }

RUN="$(date +%s)$RANDOM"
USER_NAME="e2e-user-$RUN" GROUP_NAME="e2e-group-$RUN" ROLE_NAME="e2e-role-$RUN" POLICY_NAME="e2e-policy-$RUN"

ACCOUNT=$(aws_ sts get-caller-identity --query Account)
expect_eq "$ACCOUNT" "000000000000" "root account"

# Create
USER_ARN=$(aws_ iam create-user --user-name "$USER_NAME" --query User.Arn)
expect_eq "$USER_ARN" "arn:aws:iam::$ACCOUNT:user/$USER_NAME" "user ARN"
aws_ iam create-group --group-name "$GROUP_NAME" >/dev/null
aws_ iam add-user-to-group --group-name "$GROUP_NAME" --user-name "$USER_NAME"
POLICY_ARN=$(aws_ iam create-policy --policy-name "$POLICY_NAME" --query Policy.Arn \
  --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::e2e"}]}')
aws_ iam attach-group-policy --group-name "$GROUP_NAME" --policy-arn "$POLICY_ARN"
ROLE_ARN=$(aws_ iam create-role --role-name "$ROLE_NAME" --query Role.Arn \
  --assume-role-policy-document "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::$ACCOUNT:root\"},\"Action\":\"sts:AssumeRole\"}]}")
aws_ iam attach-role-policy --role-name "$ROLE_NAME" --policy-arn "$POLICY_ARN"

# Read back
expect_eq "$(aws_ iam list-attached-group-policies --group-name "$GROUP_NAME" --query 'AttachedPolicies[].PolicyArn')" "$POLICY_ARN" "attached policy"
expect_eq "$(aws_ iam list-groups-for-user --user-name "$USER_NAME" --query 'Groups[].GroupName')" "$GROUP_NAME" "membership"

# Sign as the new user
read -r KEY_ID KEY_SECRET < <(aws_ iam create-access-key --user-name "$USER_NAME" --query 'AccessKey.[AccessKeyId,SecretAccessKey]')
ME=$(AWS_ACCESS_KEY_ID="$KEY_ID" AWS_SECRET_ACCESS_KEY="$KEY_SECRET" aws_ sts get-caller-identity --query Arn)
expect_eq "$ME" "$USER_ARN" "caller identity of the new user"

# Assume the role
read -r R_ID R_SECRET R_TOKEN < <(aws_ sts assume-role --role-arn "$ROLE_ARN" --role-session-name cli-e2e \
  --query 'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]')
AS_ROLE=$(AWS_ACCESS_KEY_ID="$R_ID" AWS_SECRET_ACCESS_KEY="$R_SECRET" AWS_SESSION_TOKEN="$R_TOKEN" aws_ sts get-caller-identity --query Arn)
expect_eq "$AS_ROLE" "arn:aws:sts::$ACCOUNT:assumed-role/$ROLE_NAME/cli-e2e" "assumed role"

# An error: the CLI exits 254 and prints AWS's code and message
set +e
ERR=$(aws_ iam get-user --user-name "missing-$RUN" 2>&1 >/dev/null)
STATUS=$?
set -e
expect_eq "$STATUS" "254" "exit status of a failed call"
[[ "$ERR" == *"(NoSuchEntity)"*"The user with name missing-$RUN cannot be found."* ]] || fail "error output: $ERR"

# Cleanup
aws_ iam delete-access-key --user-name "$USER_NAME" --access-key-id "$KEY_ID"
aws_ iam detach-role-policy --role-name "$ROLE_NAME" --policy-arn "$POLICY_ARN"
aws_ iam delete-role --role-name "$ROLE_NAME"
aws_ iam detach-group-policy --group-name "$GROUP_NAME" --policy-arn "$POLICY_ARN"
aws_ iam remove-user-from-group --group-name "$GROUP_NAME" --user-name "$USER_NAME"
aws_ iam delete-group --group-name "$GROUP_NAME"
aws_ iam delete-policy --policy-arn "$POLICY_ARN"
aws_ iam delete-user --user-name "$USER_NAME"
expect_eq "$(aws_ iam list-users --query "length(Users[?UserName=='$USER_NAME'])")" "0" "user deleted"

echo "$("$AWS_BIN" --version 2>&1 | cut -d' ' -f1) e2e against $URL: OK"
