-- The users and roles whose permissions boundary is a given policy, found by index instead of by
-- reading every user and role of the account: ListPolicies' PermissionsBoundaryUsageCount of the
-- policies on its page, its PolicyUsageFilter=PermissionsBoundary, ListEntitiesForPolicy and
-- DeletePolicy's conflict check. Partial: most users and roles have no boundary.
CREATE INDEX users_boundary ON users(account_id, boundary_arn) WHERE boundary_arn IS NOT NULL;
CREATE INDEX roles_boundary ON roles(account_id, boundary_arn) WHERE boundary_arn IS NOT NULL;

-- ListVirtualMFADevices pages an account's devices by serial: from an index, not by sorting them all.
CREATE INDEX mfa_devices_account ON mfa_devices(account_id, serial);
