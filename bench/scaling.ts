// Benchmark (not a test): does any list or report cost more than linearly with the store's size?
// In one process, without HTTP (execute(), the pipeline every Query request goes through: parse,
// authorize, handler in a transaction), the cost of one call of each listing operation is measured
// on a store of 1,000 users (+ 200 roles, 300 policies) and again after it grew to 5,000 users
// (+ 1,000 roles, 1,500 policies: AWS's default quotas). A page of a keyset-paged list should cost
// about the same at both sizes (ratio ≈ 1); a whole-account report at most 5× (linear); more than
// that would be superlinear. Each figure is the median of several calls, so the machine's other
// load moves it little; the ratio is the figure to read.
//   node --import tsx bench/scaling.ts [--repeat 15] [--part list-policies]
//
// A second part (alone with `--part list-policies`) compares ListPolicies Scope=Local on a store
// holding 1,500 customer managed policies (AWS's quota) with one holding 15, two servers side by
// side, calls interleaved: a keyset page costs the same whatever the store holds (ratio ≈ 1).
import { loadConfig } from '../src/config.js';
import { buildServer, type BuiltServer } from '../src/server.js';
import { execute, type Call } from '../src/dispatch/execute.js';
import { rootPrincipal } from '../src/principal.js';
import { median, printTable, writeResult, type Row } from './lib.js';
import { encodeMarker } from '../src/store/rows.js';

const args = process.argv.slice(2);
const repeat = Number(args[args.indexOf('--repeat') + 1] || 15) || 15;
const ACCOUNT = '000000000000';

const part = args.includes('--part') ? args[args.indexOf('--part') + 1] : undefined;

let seq = 0;
/** A caller of one server's pipeline, as the account's root. */
const callerOf =
  (services: BuiltServer['services']) =>
  (service: 'iam' | 'sts', action: string, params: Record<string, string> = {}) => {
    const c: Call = {
      requestId: `bench-${seq++}`,
      service,
      action,
      params: new Map(Object.entries({ Action: action, Version: service === 'iam' ? '2010-05-08' : '2011-06-15', ...params })),
      principal: rootPrincipal(ACCOUNT, 'test'),
      region: 'us-east-1',
      sourceIp: '127.0.0.1',
      secureTransport: false,
    };
    return execute(services, c) as Promise<Record<string, any>>;
  };
const newServer = () => buildServer(loadConfig({}, { port: 0, host: '127.0.0.1', dbPath: ':memory:', logLevel: 'silent' }));

const server = await newServer();
const services = server.services;
const call = callerOf(services);

const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
const doc = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });
const SHARED_POLICY = `arn:aws:iam::${ACCOUNT}:policy/policy-0`;

/** Grows the store to `users` users, users/5 roles and users×0.3 policies; every 10th user and
 *  role has policy-0 attached (ListEntitiesForPolicy's answer grows with the store too). */
async function growTo(users: number, from: number) {
  for (let i = from; i < users; i++) {
    await call('iam', 'CreateUser', { UserName: `user-${i}` });
    if (i % 10 === 0) await call('iam', 'AttachUserPolicy', { UserName: `user-${i}`, PolicyArn: SHARED_POLICY });
  }
  for (let i = from / 5; i < users / 5; i++) {
    await call('iam', 'CreateRole', { RoleName: `role-${i}`, AssumeRolePolicyDocument: trust });
    if (i % 10 === 0) await call('iam', 'AttachRolePolicy', { RoleName: `role-${i}`, PolicyArn: SHARED_POLICY });
  }
  for (let i = (from * 3) / 10; i < (users * 3) / 10; i++) {
    if (i === 0) continue;
    await call('iam', 'CreatePolicy', { PolicyName: `policy-${i}`, PolicyDocument: doc });
  }
}

/** A page in the middle of the list: the marker of the page before it. */
async function middleMarker(action: string, params: Record<string, string>) {
  let marker: string | undefined;
  for (let page = 0; page < 5; page++) {
    const out = await call('iam', action, { ...params, ...(marker ? { Marker: marker } : {}) });
    if (!out.IsTruncated) break;
    marker = out.Marker;
  }
  return marker;
}

interface Case {
  name: string;
  run: () => Promise<unknown>;
  /** 'page': one page of a keyset-paged list or one entity (should not grow); 'account': a figure
   *  that reads the whole account (may grow, at most linearly). */
  kind: 'page' | 'account';
}

async function cases(): Promise<Case[]> {
  const usersMarker = await middleMarker('ListUsers', {});
  const rolesMarker = await middleMarker('ListRoles', {});
  const policiesMarker = await middleMarker('ListPolicies', { Scope: 'Local' });
  const gaadMarker = await middleMarker('GetAccountAuthorizationDetails', { 'Filter.member.1': 'User' });
  const entitiesMarker = await middleMarker('ListEntitiesForPolicy', { PolicyArn: SHARED_POLICY, MaxItems: '10' });
  return [
    { name: 'ListUsers, a page of 100 (from the middle)', kind: 'page', run: () => call('iam', 'ListUsers', { Marker: usersMarker! }) },
    { name: 'ListRoles, a page of 100 (from the middle)', kind: 'page', run: () => call('iam', 'ListRoles', { Marker: rolesMarker! }) },
    { name: 'ListPolicies Scope=Local, a page of 100', kind: 'page', run: () => call('iam', 'ListPolicies', { Scope: 'Local', Marker: policiesMarker! }) },
    { name: 'ListPolicies (local + AWS managed), first page', kind: 'page', run: () => call('iam', 'ListPolicies', {}) },
    { name: 'GetAccountAuthorizationDetails Filter=User, a page', kind: 'page', run: () => call('iam', 'GetAccountAuthorizationDetails', { 'Filter.member.1': 'User', Marker: gaadMarker! }) },
    { name: 'GetUser', kind: 'page', run: () => call('iam', 'GetUser', { UserName: 'user-500' }) },
    {
      name: 'ListEntitiesForPolicy, a page of 10 (from the middle)',
      kind: 'page',
      run: () => call('iam', 'ListEntitiesForPolicy', { PolicyArn: SHARED_POLICY, MaxItems: '10', Marker: entitiesMarker! }),
    },
    { name: 'ListEntitiesForPolicy (a tenth of users and roles attached)', kind: 'account', run: () => call('iam', 'ListEntitiesForPolicy', { PolicyArn: SHARED_POLICY, MaxItems: '1000' }) },
    { name: 'GetAccountSummary', kind: 'account', run: () => call('iam', 'GetAccountSummary') },
    {
      name: 'GenerateCredentialReport (the whole report, built)',
      kind: 'account',
      run: async () => {
        services.store.db.prepare('DELETE FROM credential_reports').run();
        await call('iam', 'GenerateCredentialReport');
        // The report is built when generated or on first read; read it so it surely was.
        for (let i = 0; i < 50; i++) {
          try {
            return await call('iam', 'GetCredentialReport');
          } catch {
            services.clock.advance(10);
          }
        }
      },
    },
  ];
}

const kinds = new Map<string, Case['kind']>();
async function measure(cs: Case[]) {
  const out = new Map<string, number>();
  for (const c of cs) kinds.set(c.name, c.kind);
  for (const c of cs) {
    await c.run(); // warm
    const times: number[] = [];
    for (let i = 0; i < repeat; i++) {
      const t0 = performance.now();
      await c.run();
      times.push(performance.now() - t0);
    }
    out.set(c.name, median(times));
  }
  return out;
}

/** ListPolicies Scope=Local with 15 vs 1,500 customer managed policies stored (part 2). */
async function listPoliciesPart() {
  const sizes = [15, 1500] as const;
  const calls: { server: BuiltServer; call: ReturnType<typeof callerOf>; n: number }[] = [];
  for (const n of sizes) {
    const s = await newServer();
    const c = callerOf(s.services);
    for (let i = 0; i < n; i++) await c('iam', 'CreatePolicy', { PolicyName: `policy-${String(i).padStart(4, '0')}`, PolicyDocument: doc });
    calls.push({ server: s, call: c, n });
  }
  // A later page starts at the middle of the list (after policy 5 of 15, after policy 700 of 1,500).
  const markerAfter = async (c: (typeof calls)[number], k: number) =>
    (await c.call('iam', 'ListPolicies', { Scope: 'Local', MaxItems: String(k) })).Marker as string;
  const awsMarker = encodeMarker(JSON.stringify(['ReadOnlyAccess', 'arn:aws:iam::aws:policy/ReadOnlyAccess']));
  const cs = [];
  for (const c of calls) {
    const mid = await markerAfter(c, c.n === 15 ? 5 : 700);
    cs.push({
      'Scope=Local MaxItems=100, first page': () => c.call('iam', 'ListPolicies', { Scope: 'Local', MaxItems: '100' }),
      'Scope=Local MaxItems=100, a later page': () => c.call('iam', 'ListPolicies', { Scope: 'Local', MaxItems: '100', Marker: mid }),
      'Scope=Local MaxItems=10, first page': () => c.call('iam', 'ListPolicies', { Scope: 'Local', MaxItems: '10' }),
      'Scope=Local MaxItems=10, a later page': () => c.call('iam', 'ListPolicies', { Scope: 'Local', MaxItems: '10', Marker: mid }),
      // After AWS's ReadOnlyAccess: 100 AWS managed policies at both sizes (the customer ones,
      // policy-…, sort before it), the customer side asked and found empty.
      'Scope=All MaxItems=100, a later page (AWS managed)': () =>
        c.call('iam', 'ListPolicies', { Scope: 'All', MaxItems: '100', Marker: awsMarker }),
    });
  }
  const reps = Math.max(repeat, 15) * 10;
  const rows: Row[] = [];
  const results = [];
  for (const name of Object.keys(cs[0]!) as (keyof (typeof cs)[0])[]) {
    const times: number[][] = [[], []];
    for (const fns of cs) await fns[name](); // warm
    // Interleaved, so the machine's other load falls on both sizes alike.
    for (let i = 0; i < reps; i++)
      for (const [k, fns] of cs.entries()) {
        const t0 = performance.now();
        await fns[name]();
        times[k]!.push(performance.now() - t0);
      }
    const [a, b] = [median(times[0]!), median(times[1]!)];
    const items = [(await cs[0]![name]()).Policies?.length ?? 0, (await cs[1]![name]()).Policies?.length ?? 0];
    const same = items[0] === items[1];
    rows.push({
      figure: `${name} (${items[0]} vs ${items[1]} items)`,
      value: `${a.toFixed(3)} → ${b.toFixed(3)} ms`,
      reference: `×${(b / a).toFixed(2)} for ×100 policies`,
      // Equal pages should cost the same; a page of 100 against one of 15 costs its items more.
      target: same ? '≈ ×1' : `items ×${(items[1]! / items[0]!).toFixed(1)}`,
      ok: same ? b / a <= 1.5 : undefined,
    });
    results.push({ name, ms15: a, ms1500: b, ratio: b / a, items });
  }
  for (const c of calls) await c.server.close();
  printTable('ListPolicies, 15 → 1,500 customer managed policies stored (median of interleaved calls)', rows);
  return { results, rows };
}

if (part === 'list-policies') {
  await server.close();
  writeResult('scaling-list-policies', { repeat, ...(await listPoliciesPart()) });
} else {
  await call('iam', 'CreatePolicy', { PolicyName: 'policy-0', PolicyDocument: doc });
  await growTo(1000, 0);
  const small = await measure(await cases());
  await growTo(5000, 1000);
  const big = await measure(await cases());
  await server.close();

  const rows: Row[] = [];
  const results = [];
  for (const c of small.keys()) {
    const a = small.get(c)!;
    const b = big.get(c)!;
    const ratio = b / a;
    const kind = kinds.get(c)!;
    // 5× the data: a page should stay flat, anything else at most linear (5×, with some slack).
    const limit = kind === 'page' ? 2 : 6;
    rows.push({ figure: c, value: `${a.toFixed(2)} → ${b.toFixed(2)} ms`, reference: `×${ratio.toFixed(1)} for ×5 data`, target: kind === 'page' ? '≈ ×1' : '≤ ×5', ok: ratio <= limit });
    results.push({ name: c, ms1000: a, ms5000: b, ratio });
  }
  printTable('Cost per call at 1,000 → 5,000 users (roles and policies in proportion)', rows);
  writeResult('scaling', { repeat, results, rows, listPolicies: await listPoliciesPart() });
}
