// The AWS SDK for JavaScript v3 as an application uses it: an STS client with nothing but its
// endpoint and region given in code, credentials from the SDK's default chain (environment, shared
// config, ECS container endpoint, EC2 IMDS). Used by test/compose-netns.test.ts inside a network
// namespace with no AWS variables.
//
//   node test/e2e/chain-js.mjs ENDPOINT REGION            one GetCallerIdentity, JSON on stdout
//   node test/e2e/chain-js.mjs ENDPOINT REGION --serve    a long-running app: each stdin line
//        "call" makes one call with the chain; "first" one with the first credentials it ever used
//        (static, to show what the server says of them now). One JSON line out per line in.
import { createInterface } from 'node:readline';
import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';

const [endpoint, region, mode] = process.argv.slice(2);
const sts = new STSClient({ endpoint, region, maxAttempts: 1 });
let first;

async function call(client) {
  try {
    const out = await client.send(new GetCallerIdentityCommand({}));
    const c = await client.config.credentials();
    first ??= { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken };
    return { arn: out.Arn, accessKeyId: c.accessKeyId, expiration: c.expiration?.toISOString() };
  } catch (e) {
    return { error: e.name, message: e.message };
  }
}

if (mode === '--serve') {
  for await (const line of createInterface({ input: process.stdin })) {
    const cmd = line.trim();
    const out =
      cmd === 'first'
        ? await call(new STSClient({ endpoint, region, maxAttempts: 1, credentials: first }))
        : await call(sts);
    process.stdout.write(JSON.stringify(out) + '\n');
  }
} else {
  const out = await call(sts);
  process.stdout.write(JSON.stringify(out) + '\n');
  process.exitCode = out.error ? 1 : 0;
}
