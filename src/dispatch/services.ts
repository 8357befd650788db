// The IAM and STS services as dispatch sees them: each one's model and handlers. STS's are loaded
// with the server (a small model, and sts:GetCallerIdentity is a test suite's first call); IAM's
// (a 114 KB model and some forty handler modules, most of what a start would compile) on the
// first call that needs them, so a process serving only STS never compiles them.
import type { ServiceModel } from '../protocol/model-types.js';
import type { Handler } from '../protocol/handlers.js';
import { stsModel } from '../protocol/generated/sts-model.js';
import { stsHandlers } from '../sts/index.js';
import { own } from '../own.js';

export type ServiceName = 'iam' | 'sts';
type AnyHandler = Handler<any, any>;

export interface Service {
  model: ServiceModel;
  handlers: Record<string, AnyHandler>;
}

const loaded: Partial<Record<ServiceName, Service>> = {
  sts: { model: stsModel, handlers: stsHandlers as Record<string, AnyHandler> },
};
let loadingIam: Promise<Service> | undefined;

/** The service, once loaded (STS always is); undefined while IAM has not been asked for yet. */
export function loadedService(name: ServiceName): Service | undefined {
  return loaded[name];
}

/** The service, loading it on its first use. */
export function loadService(name: ServiceName): Service | Promise<Service> {
  const service = loaded[name];
  if (service) return service;
  loadingIam ??= import('./iam-service.js').then(({ iamService }) => (loaded.iam = iamService as Service));
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
