// Recent authorization decisions, kept in memory (a bounded ring) so that each one can be explained
// over /_iam/decisions/ID: which statements decided, which policy layer, which context keys were
// missing, and the request context the engine saw.
import { randomBytes } from 'node:crypto';
import type { EvalResult, MatchedStatement } from '../policy/index.js';

export interface DecisionStatement {
  policyId: string;
  layer: MatchedStatement['layer'];
  sourceType?: MatchedStatement['sourceType'];
  statementIndex: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
  start: { line: number; column: number };
  end: { line: number; column: number };
}

export interface DecisionRecord {
  id: string;
  time: string;
  requestId: string;
  /** IAM_LOCAL_ENFORCE mode when decided: 'on' enforces, 'audit' only records. */
  mode: 'on' | 'audit';
  decision: EvalResult['decision'];
  /** True when the request was refused because of this decision. */
  denied: boolean;
  action: string;
  resource: string;
  principal: string;
  principalType: string;
  /** The policy layer that decided (identity, resource, boundary, session), or root / none. */
  decidedBy: string;
  reason: string;
  /** AWS's AccessDenied message, for denials. */
  message?: string;
  statements: DecisionStatement[];
  /** Every statement that applied, per layer (decisive or not). */
  layers: Record<string, { decision: EvalResult['decision']; statements: DecisionStatement[] }>;
  missingContextKeys: string[];
  context: Record<string, string | string[]>;
  /** For denials: an encoded authorization message that sts:DecodeAuthorizationMessage decodes. */
  encodedMessage?: string;
  /** Set when the decision was about a call decided elsewhere too (AssumeRole: the trust policy). */
  note?: string;
}

export const toStatement = (m: MatchedStatement): DecisionStatement => ({
  policyId: m.policyId,
  layer: m.layer,
  sourceType: m.sourceType,
  statementIndex: m.statementIndex,
  sid: m.sid,
  effect: m.effect,
  start: m.start,
  end: m.end,
});

const ID_PREFIX = randomBytes(4).toString('hex');
let idCounter = 0;

export class DecisionLog {
  private readonly ring: (DecisionRecord | undefined)[];
  private next = 0;
  private readonly byId = new Map<string, DecisionRecord>();

  constructor(readonly capacity = 1000) {
    this.ring = new Array(capacity);
  }

  /** A random per-process prefix and a counter: unique, ordered, and cheap on every request. */
  static newId(): string {
    return `d-${ID_PREFIX}${(++idCounter).toString(36).padStart(6, '0')}`;
  }

  add(record: DecisionRecord) {
    const old = this.ring[this.next];
    if (old) this.byId.delete(old.id);
    this.ring[this.next] = record;
    this.byId.set(record.id, record);
    this.next = (this.next + 1) % this.capacity;
  }

  get(id: string): DecisionRecord | undefined {
    return this.byId.get(id);
  }

  /** Newest first. */
  recent(limit = this.capacity): DecisionRecord[] {
    const out: DecisionRecord[] = [];
    for (let i = 1; i <= this.capacity && out.length < limit; i++) {
      const r = this.ring[(this.next - i + this.capacity) % this.capacity];
      if (r) out.push(r);
    }
    return out;
  }

  clear() {
    this.ring.fill(undefined);
    this.byId.clear();
    this.next = 0;
  }
}

const logs = new WeakMap<object, DecisionLog>();

/** The decision log of one server (keyed by its store, which every request context carries). */
export function decisionLog(owner: object): DecisionLog {
  let l = logs.get(owner);
  if (!l) {
    l = new DecisionLog();
    logs.set(owner, l);
  }
  return l;
}
