// The data format of the conformance suite: each case is a short sequence of wire calls with the exact
// response real AWS gives, written the way public snapshot recordings store it (boto3's parsed form:
// the <XResult> members with the keys AWS sends and no others; timestamps as '<datetime>').

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export interface Step {
  /** 'iam' (default) or 'sts': the SigV4 signing service, and so the API that answers. */
  service?: 'iam' | 'sts';
  action: string;
  /** Query parameters exactly as an SDK sends them (`Tags.member.1.Key`, …). `{{var}}` is substituted. */
  params?: Record<string, string | number | boolean>;
  /** Region of the signature (partition tests); default us-east-1. */
  region?: string;
  /** Sign with credentials saved by an earlier step (see `saveCredentials`); default: the case account's root. */
  as?: string;
  /**
   * What AWS answers. Omitted: the call must succeed (any result). `result`: the parsed <XResult>
   * (`{}` when AWS returns only ResponseMetadata), compared exactly: no key more, no key fewer.
   * `error`: Code, Message and Type exactly, with `status` the HTTP status. Leave Message out where AWS
   * sends no <Message> element (GetCredentialReport's ReportNotPresent): its absence is then asserted.
   */
  expect?: { result?: Json; error?: { Code: string; Message?: string; Type: 'Sender' | 'Receiver' }; status?: number };
  /** Saves values of the parsed result for later steps: variable name -> dotted path (`User.UserId`, `Roles.0.Arn`). */
  save?: Record<string, string>;
  /** Saves {AccessKeyId, SecretAccessKey, SessionToken} found at this dotted path as named credentials for `as`. */
  saveCredentials?: { name: string; path: string };
}

export interface ConformanceCase {
  /** Unique within the suite. */
  id: string;
  /**
   * Where the expected answer comes from: a public recording of real AWS (repository and file, test id), or
   * a documentation page. A case whose answer nothing confirms starts with "unconfirmed:" and says why it is kept.
   */
  source: string;
  steps: Step[];
}
