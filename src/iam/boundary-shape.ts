// The PermissionsBoundary element of users and roles. AWS reports the type as `Policy`, not the
// model's enum value `PermissionsBoundaryPolicy` (localstack tests/aws/services/iam/
// test_iam_roles.snapshot.json, TestRolePermissionsBoundary::test_role_permissions_boundary_lifecycle,
// recorded 11-02-2026: CreateRole and GetRole both answer `"PermissionsBoundaryType": "Policy"`).
import type { AttachedPermissionsBoundary } from '../protocol/generated/iam-types.js';

export const PERMISSIONS_BOUNDARY_TYPE = 'Policy';

export function boundaryShape(arn: string | null | undefined): AttachedPermissionsBoundary | undefined {
  if (!arn) return undefined;
  return { PermissionsBoundaryType: PERMISSIONS_BOUNDARY_TYPE as AttachedPermissionsBoundary['PermissionsBoundaryType'], PermissionsBoundaryArn: arn };
}
