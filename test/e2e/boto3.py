#!/usr/bin/env python3
"""End-to-end check of iam-local with boto3 (Debian's python3-boto3).

Usage: IAM_LOCAL_URL=http://127.0.0.1:4577 /usr/bin/python3 test/e2e/boto3.py

Creates a user, group, role and policy, attaches and joins them, signs requests with the new
user's key and with an assumed role, checks AWS's error codes, and cleans everything up.
The endpoint is passed as endpoint_url, which every boto3 version understands; boto3 >= 1.28.57
also reads AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_IAM / AWS_ENDPOINT_URL_STS by itself.
"""
import json
import os
import sys
import uuid

# This file is itself named boto3.py: keep its directory off the import path so that
# `import boto3` finds the library, not this script.
_here = os.path.dirname(os.path.abspath(__file__))
sys.path = [p for p in sys.path if os.path.abspath(p or os.curdir) != _here]

import boto3  # noqa: E402
from botocore.config import Config  # noqa: E402
from botocore.exceptions import ClientError  # noqa: E402

URL = os.environ.get("IAM_LOCAL_URL", "http://127.0.0.1:4577")
REGION = "us-east-1"
ROOT = dict(aws_access_key_id="test", aws_secret_access_key="test")
CFG = Config(retries={"max_attempts": 1})
RUN = uuid.uuid4().hex[:8]


def client(service, **creds):
    return boto3.client(service, endpoint_url=URL, region_name=REGION, config=CFG, **(creds or ROOT))


def expect_error(fn, code, status):
    try:
        fn()
    except ClientError as e:
        got = (e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"])
        if got != (code, status):
            raise AssertionError(f"expected {code}/{status}, got {got}: {e}")
        return e
    raise AssertionError(f"expected {code}, but the call succeeded")


def check(cond, what):
    if not cond:
        raise AssertionError(what)


def main():
    iam = client("iam")
    sts = client("sts")
    user, group, role, policy = f"e2e-user-{RUN}", f"e2e-group-{RUN}", f"e2e-role-{RUN}", f"e2e-policy-{RUN}"
    account = sts.get_caller_identity()["Account"]

    # Create
    u = iam.create_user(UserName=user, Path="/e2e/", Tags=[{"Key": "suite", "Value": "boto3"}])["User"]
    check(u["Arn"] == f"arn:aws:iam::{account}:user/e2e/{user}", f"user ARN {u['Arn']}")
    iam.create_group(GroupName=group)
    iam.add_user_to_group(GroupName=group, UserName=user)
    doc = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::e2e/*"}]}
    p = iam.create_policy(PolicyName=policy, PolicyDocument=json.dumps(doc))["Policy"]
    iam.attach_group_policy(GroupName=group, PolicyArn=p["Arn"])
    trust = {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{account}:root"}, "Action": "sts:AssumeRole"}],
    }
    r = iam.create_role(RoleName=role, AssumeRolePolicyDocument=json.dumps(trust))["Role"]
    iam.attach_role_policy(RoleName=role, PolicyArn=p["Arn"])

    # Read back
    attached = iam.list_attached_group_policies(GroupName=group)["AttachedPolicies"]
    check([a["PolicyArn"] for a in attached] == [p["Arn"]], f"attached {attached}")
    check([g["GroupName"] for g in iam.list_groups_for_user(UserName=user)["Groups"]] == [group], "group membership")
    check(iam.get_role(RoleName=role)["Role"]["AssumeRolePolicyDocument"] == trust, "trust policy round trip")

    # Sign as the new user
    key = iam.create_access_key(UserName=user)["AccessKey"]
    me = client("sts", aws_access_key_id=key["AccessKeyId"], aws_secret_access_key=key["SecretAccessKey"]).get_caller_identity()
    check(me["Arn"] == u["Arn"] and me["UserId"] == u["UserId"], f"caller identity {me}")

    # Assume the role
    creds = sts.assume_role(RoleArn=r["Arn"], RoleSessionName="boto3-e2e")["Credentials"]
    as_role = client(
        "sts",
        aws_access_key_id=creds["AccessKeyId"],
        aws_secret_access_key=creds["SecretAccessKey"],
        aws_session_token=creds["SessionToken"],
    ).get_caller_identity()
    check(as_role["Arn"] == f"arn:aws:sts::{account}:assumed-role/{role}/boto3-e2e", f"assumed role {as_role}")

    # AWS's error codes and statuses
    expect_error(lambda: iam.create_user(UserName=user), "EntityAlreadyExists", 409)
    e = expect_error(lambda: iam.get_user(UserName=f"missing-{RUN}"), "NoSuchEntity", 404)
    check(e.response["Error"]["Message"] == f"The user with name missing-{RUN} cannot be found.", "NoSuchEntity message")
    expect_error(lambda: iam.delete_group(GroupName=group), "DeleteConflict", 409)
    bad = client("sts", aws_access_key_id=key["AccessKeyId"], aws_secret_access_key="wrong" * 8)
    expect_error(lambda: bad.get_caller_identity(), "SignatureDoesNotMatch", 403)

    # Cleanup
    iam.delete_access_key(UserName=user, AccessKeyId=key["AccessKeyId"])
    iam.detach_role_policy(RoleName=role, PolicyArn=p["Arn"])
    iam.delete_role(RoleName=role)
    iam.detach_group_policy(GroupName=group, PolicyArn=p["Arn"])
    iam.remove_user_from_group(GroupName=group, UserName=user)
    iam.delete_group(GroupName=group)
    iam.delete_policy(PolicyArn=p["Arn"])
    iam.delete_user(UserName=user)
    expect_error(lambda: iam.get_user(UserName=user), "NoSuchEntity", 404)
    print(f"boto3 {boto3.__version__} e2e against {URL}: OK")


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # noqa: BLE001 - any failure is reported and fails the run
        print(f"boto3 e2e FAILED: {type(e).__name__}: {e}", file=sys.stderr)
        sys.exit(1)
