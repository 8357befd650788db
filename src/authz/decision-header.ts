// The response header that names the authorization decision behind an answer (GET
// /_iam/decisions?id=…). Its own module: the fronts set it without loading the policy engine.
export const DECISION_HEADER = 'x-iam-local-decision-id';
