// Authorization of each API call before its handler runs. The policy-engine issue fills this in
// for IAM_LOCAL_ENFORCE=audit|on; with enforcement off every authenticated call proceeds.
import type { RequestContext } from '../context.js';

export function authorize(_ctx: RequestContext, _input: Record<string, unknown>): void {}
