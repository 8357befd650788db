#!/usr/bin/env python3
"""boto3 as an application uses it: an STS client with only endpoint_url and region_name given in
code, credentials from botocore's default chain (environment, config files, ECS container
endpoint, EC2 IMDS). Used by test/compose-netns.test.ts inside a network namespace with no AWS
variables.

  /usr/bin/python3 test/e2e/chain_boto3.py ENDPOINT REGION           one call, JSON on stdout
  /usr/bin/python3 test/e2e/chain_boto3.py ENDPOINT REGION --serve   each stdin line "call" makes
      one call with the chain, "first" one with the first credentials it used; a JSON line each.
"""
import json
import os
import sys

_here = os.path.dirname(os.path.abspath(__file__))
sys.path = [p for p in sys.path if os.path.abspath(p or os.curdir) != _here]

import boto3  # noqa: E402
from botocore.config import Config  # noqa: E402
from botocore.exceptions import BotoCoreError, ClientError  # noqa: E402

endpoint, region = sys.argv[1], sys.argv[2]
serve = len(sys.argv) > 3 and sys.argv[3] == "--serve"
CFG = Config(retries={"max_attempts": 1})
session = boto3.session.Session()
sts = session.client("sts", endpoint_url=endpoint, region_name=region, config=CFG)
first = None


def call(client, creds):
    global first
    try:
        out = client.get_caller_identity()
        frozen = creds.get_frozen_credentials()
        if first is None:
            first = frozen
        expiry = getattr(creds, "_expiry_time", None)
        return {"arn": out["Arn"], "accessKeyId": frozen.access_key, "expiration": expiry.isoformat() if expiry else None}
    except ClientError as e:
        return {"error": e.response["Error"]["Code"], "message": e.response["Error"].get("Message", "")}
    except BotoCoreError as e:
        return {"error": type(e).__name__, "message": str(e)}


def first_client():
    s = boto3.session.Session(aws_access_key_id=first.access_key, aws_secret_access_key=first.secret_key, aws_session_token=first.token)
    return s.client("sts", endpoint_url=endpoint, region_name=region, config=CFG), s.get_credentials()


if serve:
    for line in sys.stdin:
        if line.strip() == "first":
            out = call(*first_client())
        else:
            out = call(sts, session.get_credentials())
        print(json.dumps(out), flush=True)
else:
    out = call(sts, session.get_credentials())
    print(json.dumps(out))
    sys.exit(1 if "error" in out else 0)
