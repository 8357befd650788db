// Every IAM handler, by operation name.
import type { IamHandlers } from '../protocol/handlers.js';
import { userHandlers } from './users.js';
import { oidcProviderHandlers } from './oidc-providers.js';
import { samlProviderHandlers } from './saml-providers.js';
import { outboundFederationHandlers } from './outbound-federation.js';
import { simulatorHandlers } from './simulator.js';
import { contextKeyHandlers } from './context-keys.js';
import { serverCertificateHandlers } from './server-certificates.js';
import { signingCertificateHandlers } from './signing-certificates.js';
import { sshPublicKeyHandlers } from './ssh-public-keys.js';
import { serviceCredentialHandlers } from './service-credentials.js';
import { delegationRequestHandlers } from './delegation-requests.js';
import { organizationHandlers } from './organizations.js';
import { accessKeyHandlers } from './access-keys.js';
import { accountAliasHandlers } from './account-aliases.js';
import { groupHandlers } from './groups.js';
import { roleHandlers } from './roles.js';
import { instanceProfileHandlers } from './instance-profiles.js';
import { inlinePolicyHandlers } from './inline-policies.js';
import { mfaHandlers } from './mfa.js';
import { loginProfileHandlers } from './login-profiles.js';
import { passwordPolicyHandlers } from './password-policy.js';
import { policyHandlers } from './policies.js';
import { attachmentHandlers } from './attachments.js';
import { boundaryHandlers } from './boundaries.js';
import { summaryHandlers } from './summary-extra.js';
import { accountSummaryHandlers } from './account-summary.js';
import { credentialReportHandlers } from './credential-report.js';
import { authorizationDetailsHandlers } from './authorization-details.js';
import { serviceLastAccessedHandlers } from './service-last-accessed.js';
import { stsPreferenceHandlers } from './sts-preferences.js';
import { serviceLinkedRoleHandlers } from './service-linked-roles.js';

export const iamHandlers: IamHandlers = {
  ...oidcProviderHandlers,
  ...samlProviderHandlers,
  ...outboundFederationHandlers,
  ...userHandlers,
  ...simulatorHandlers,
  ...contextKeyHandlers,
  ...serverCertificateHandlers,
  ...signingCertificateHandlers,
  ...sshPublicKeyHandlers,
  ...serviceCredentialHandlers,
  ...delegationRequestHandlers,
  ...organizationHandlers,
  ...accessKeyHandlers,
  ...accountAliasHandlers,
  ...groupHandlers,
  ...roleHandlers,
  ...instanceProfileHandlers,
  ...inlinePolicyHandlers,
  ...mfaHandlers,
  ...loginProfileHandlers,
  ...passwordPolicyHandlers,
  ...policyHandlers,
  ...attachmentHandlers,
  ...boundaryHandlers,
  ...summaryHandlers,
  ...accountSummaryHandlers,
  ...credentialReportHandlers,
  ...authorizationDetailsHandlers,
  ...serviceLastAccessedHandlers,
  ...stsPreferenceHandlers,
  ...serviceLinkedRoleHandlers,
};
