// Centralized root access for AWS Organizations. iam-local accounts are standalone (no
// organization), and AWS answers these operations for a standalone account with
// OrganizationNotFoundException.
import type { IamHandlers } from '../protocol/handlers.js';
import { AwsError } from '../protocol/errors.js';

const noOrganization = () =>
  new AwsError(
    'OrganizationNotFoundException',
    'The request was rejected because no organization is associated with your account.',
    400,
  );

export const organizationHandlers: IamHandlers = {
  ListOrganizationsFeatures() {
    throw noOrganization();
  },
  EnableOrganizationsRootCredentialsManagement() {
    throw noOrganization();
  },
  DisableOrganizationsRootCredentialsManagement() {
    throw noOrganization();
  },
  EnableOrganizationsRootSessions() {
    throw noOrganization();
  },
  DisableOrganizationsRootSessions() {
    throw noOrganization();
  },
};
