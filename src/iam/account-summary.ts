// GetAccountSummary: the account's entity counts and IAM's quotas, with AWS's SummaryMap keys.
import type { IamHandlers } from '../protocol/handlers.js';
import { globalEndpointTokenVersion } from './sts-preferences.js';

/** IAM's default quotas, as GetAccountSummary reports them. */
export const QUOTAS = {
  UsersQuota: 5000,
  GroupsQuota: 300,
  RolesQuota: 1000,
  PoliciesQuota: 1500,
  InstanceProfilesQuota: 1000,
  ServerCertificatesQuota: 20,
  UserPolicySizeQuota: 2048,
  GroupPolicySizeQuota: 5120,
  RolePolicySizeQuota: 10240,
  PolicySizeQuota: 6144,
  AssumeRolePolicySizeQuota: 2048,
  GroupsPerUserQuota: 10,
  SigningCertificatesPerUserQuota: 2,
  AccessKeysPerUserQuota: 2,
  AttachedPoliciesPerGroupQuota: 10,
  AttachedPoliciesPerRoleQuota: 10,
  AttachedPoliciesPerUserQuota: 10,
  PolicyVersionsInUseQuota: 10000,
  VersionsPerPolicyQuota: 5,
} as const;

export const accountSummaryHandlers: IamHandlers = {
  GetAccountSummary(ctx) {
    const { store, accountId } = ctx;
    const r = store.reports;
    const mfa = store.mfa.count(accountId);
    return {
      SummaryMap: {
        Users: r.count('users', accountId),
        Groups: r.count('groups', accountId),
        Roles: r.count('roles', accountId),
        Policies: r.count('policies', accountId),
        PolicyVersionsInUse: r.policyVersionCount(accountId),
        InstanceProfiles: r.count('instance_profiles', accountId),
        ServerCertificates: r.count('server_certificates', accountId),
        Providers: r.count('oidc_providers', accountId) + r.count('saml_providers', accountId),
        MFADevices: mfa.total,
        MFADevicesInUse: mfa.assigned,
        // The root user's own credentials: root MFA, access keys, password, signing certificates.
        AccountMFAEnabled: 0,
        AccountAccessKeysPresent: r.rootHasAccessKey(accountId) ? 1 : 0,
        AccountPasswordPresent: 0,
        AccountSigningCertificatesPresent: r.rootHasSigningCertificate(accountId) ? 1 : 0,
        GlobalEndpointTokenVersion: globalEndpointTokenVersion(store, accountId),
        ...QUOTAS,
      },
    };
  },
};
