// The IAM and STS services as dispatch sees them: each one's model and the handler of each action.
// Only what a test suite's first call needs is loaded with the server: STS's model and
// sts:GetCallerIdentity. The other STS handlers (with the trust and federation code behind them)
// load on the first other STS call; IAM's model and handlers (a 114 KB model and some forty
// modules) on IAM's first call. A process serving only GetCallerIdentity compiles neither.
import type { ServiceModel } from '../protocol/model-types.js';
import type { Handler } from '../protocol/handlers.js';
import { stsModel } from '../protocol/generated/sts-model.js';
import { callerIdentityHandlers } from '../sts/caller-identity.js';
import { own } from '../own.js';

export type ServiceName = 'iam' | 'sts';
export type AnyHandler = Handler<any, any>;
type Handlers = Record<string, AnyHandler>;

export interface Service {
  model: ServiceModel;
  /** The action's handler (undefined: none), or its promise while the module holding it loads. */
  handler(action: string): AnyHandler | undefined | Promise<AnyHandler | undefined>;
}

/** A handler table loaded on first use; `first` answers its actions before (and without) it. */
function handlersOf(first: Handlers, load: () => Promise<Handlers>): Service['handler'] {
  let all: Handlers | undefined;
  let loading: Promise<Handlers> | undefined;
  return (action) => {
    if (all) return own(all, action);
    const early = own(first, action);
    if (early) return early;
    loading ??= load().then((h) => (all = h));
    return loading.then((h) => own(h, action));
  };
}

const sts: Service = {
  model: stsModel,
  handler: handlersOf(callerIdentityHandlers as Handlers, async () => (await import('./sts-handlers.js')).stsHandlers as Handlers),
};

let iam: Service | undefined;
let loadingIam: Promise<Service> | undefined;

/** The service, once loaded (STS always is); undefined while IAM has not been asked for yet. */
export function loadedService(name: ServiceName): Service | undefined {
  return name === 'sts' ? sts : iam;
}

/** The service, loading it on its first use. */
export function loadService(name: ServiceName): Service | Promise<Service> {
  if (name === 'sts') return sts;
  if (iam) return iam;
  loadingIam ??= import('./iam-service.js').then(({ iamService }) => {
    const handlers = iamService.handlers as Handlers;
    return (iam = { model: iamService.model, handler: (action) => own(handlers, action) });
  });
  return loadingIam;
}

/** Whether an action is STS's alone. STS and IAM name no operation alike (test/dispatch-services
 *  checks it), so STS's model answers without loading IAM's. */
export function isStsOnlyAction(action: string): boolean {
  return own(stsModel.operations, action) !== undefined;
}

/** IAM's XML namespace without loading its model (the answer to a body that could not be read is
 *  in IAM's namespace); test/dispatch-services checks it is the model's. */
export const IAM_XML_NAMESPACE = 'https://iam.amazonaws.com/doc/2010-05-08/';
