// Service-linked roles: CreateServiceLinkedRole (AWS's role name AWSServiceRoleFor…, path
// /aws-service-role/SERVICE/, a trust policy for the service, and its AWS managed policy),
// DeleteServiceLinkedRole and GetServiceLinkedRoleDeletionStatus. Edits AWS forbids on these roles
// answer UnmodifiableEntity (roles.ts requireModifiableRole; assertModifiableRole here for others).
import { randomUUID } from 'node:crypto';
import type { IamHandlers } from '../protocol/handlers.js';
import { invalidInput, limitExceeded, noSuchEntity, unmodifiableEntity } from '../protocol/errors.js';
import type { RoleRow } from '../store/roles.js';
import { iso } from '../store/rows.js';
import { newUniqueId } from './ids.js';
import { AWS_POLICY_ARN_PREFIX, awsPolicyByArn } from '../aws-managed/catalog.js';
import { DEFAULT_MAX_SESSION_DURATION, ROLES_PER_ACCOUNT, isServiceLinkedRole, requireRole, roleShape } from './roles.js';
import { own } from '../own.js';

interface LinkedService {
  /** The role name after AWSServiceRoleFor. */
  role: string;
  /** The AWS managed policy (under /aws-service-role/) the role gets. */
  policy?: string;
  /** Whether the service lets callers add a CustomSuffix (several roles for one service). */
  suffix?: boolean;
}

/**
 * What AWS names the service-linked role of each service, and the policy it carries. Only autoscaling,
 * connect and lexv2 accept a CustomSuffix (the rest refuse it: localstack/localstack test_iam.py
 * TestIAMServiceRoles SERVICES_CUSTOM_SUFFIX / test_service_role_lifecycle_custom_suffix_not_allowed, aws.validated).
 */
export const LINKED_SERVICES: Record<string, LinkedService> = {
  'autoscaling.amazonaws.com': { role: 'AutoScaling', policy: 'AutoScalingServiceRolePolicy', suffix: true },
  'connect.amazonaws.com': { role: 'AmazonConnect', policy: 'AmazonConnectServiceLinkedRolePolicy', suffix: true },
  'lexv2.amazonaws.com': { role: 'LexV2Bots', policy: 'AmazonLexV2BotPolicy', suffix: true },
  'elasticbeanstalk.amazonaws.com': { role: 'ElasticBeanstalk', policy: 'AWSElasticBeanstalkServiceRolePolicy' },
  'ecs.amazonaws.com': { role: 'ECS', policy: 'AmazonECSServiceRolePolicy' },
  'elasticloadbalancing.amazonaws.com': { role: 'ElasticLoadBalancing', policy: 'AWSElasticLoadBalancingServiceRolePolicy' },
  'es.amazonaws.com': { role: 'AmazonElasticsearchService', policy: 'AmazonElasticsearchServiceRolePolicy' },
  'opensearchservice.amazonaws.com': { role: 'AmazonOpenSearchService', policy: 'AmazonOpenSearchServiceRolePolicy' },
  'rds.amazonaws.com': { role: 'RDS', policy: 'AmazonRDSServiceRolePolicy' },
  'spot.amazonaws.com': { role: 'EC2Spot', policy: 'AWSEC2SpotServiceRolePolicy' },
  'spotfleet.amazonaws.com': { role: 'EC2SpotFleet', policy: 'AWSEC2SpotFleetServiceRolePolicy' },
  'elasticache.amazonaws.com': { role: 'ElastiCache', policy: 'ElastiCacheServiceRolePolicy' },
  'eks.amazonaws.com': { role: 'AmazonEKS', policy: 'AmazonEKSServiceRolePolicy' },
  'eks-nodegroup.amazonaws.com': { role: 'AmazonEKSNodegroup', policy: 'AWSServiceRoleForAmazonEKSNodegroup' },
  'eks-fargate.amazonaws.com': { role: 'AmazonEKSForFargate', policy: 'AmazonEKSForFargateServiceRolePolicy' },
  'organizations.amazonaws.com': { role: 'Organizations', policy: 'AWSOrganizationsServiceTrustPolicy' },
  'config.amazonaws.com': { role: 'Config', policy: 'AWSConfigServiceRolePolicy' },
  'cloudtrail.amazonaws.com': { role: 'CloudTrail', policy: 'CloudTrailServiceRolePolicy' },
  'guardduty.amazonaws.com': { role: 'AmazonGuardDuty', policy: 'AmazonGuardDutyServiceRolePolicy' },
  'securityhub.amazonaws.com': { role: 'SecurityHub', policy: 'AWSSecurityHubServiceRolePolicy' },
  'access-analyzer.amazonaws.com': { role: 'AccessAnalyzer', policy: 'AccessAnalyzerServiceRolePolicy' },
  'ssm.amazonaws.com': { role: 'AmazonSSM', policy: 'AmazonSSMServiceRolePolicy' },
  'support.amazonaws.com': { role: 'Support', policy: 'AWSSupportServiceRolePolicy' },
  'trustedadvisor.amazonaws.com': { role: 'TrustedAdvisor', policy: 'AWSTrustedAdvisorServiceRolePolicy' },
  'dynamodb.application-autoscaling.amazonaws.com': { role: 'ApplicationAutoScaling_DynamoDBTable', policy: 'AWSApplicationAutoscalingDynamoDBTablePolicy' },
  'ecs.application-autoscaling.amazonaws.com': { role: 'ApplicationAutoScaling_ECSService', policy: 'AWSApplicationAutoscalingECSServicePolicy' },
  'ec2.application-autoscaling.amazonaws.com': { role: 'ApplicationAutoScaling_EC2SpotFleetRequest', policy: 'AWSApplicationAutoscalingEC2SpotFleetRequestPolicy' },
  'lambda.application-autoscaling.amazonaws.com': { role: 'ApplicationAutoScaling_LambdaConcurrency', policy: 'AWSApplicationAutoscalingLambdaConcurrencyPolicy' },
  'rds.application-autoscaling.amazonaws.com': { role: 'ApplicationAutoScaling_RDSCluster', policy: 'AWSApplicationAutoscalingRDSClusterPolicy' },
  'replication.dynamodb.amazonaws.com': { role: 'DynamoDBReplication', policy: 'DynamoDBReplicationServiceRolePolicy' },
  'replicator.lambda.amazonaws.com': { role: 'LambdaReplicator', policy: 'AWSLambdaReplicator' },
  'redshift.amazonaws.com': { role: 'Redshift', policy: 'AmazonRedshiftServiceLinkedRolePolicy' },
  'kafka.amazonaws.com': { role: 'Kafka', policy: 'KafkaServiceRolePolicy' },
  'transitgateway.amazonaws.com': { role: 'VPCTransitGateway', policy: 'AWSVPCTransitGatewayServiceRolePolicy' },
  'ops.apigateway.amazonaws.com': { role: 'APIGateway', policy: 'APIGatewayServiceRolePolicy' },
  'globalaccelerator.amazonaws.com': { role: 'GlobalAccelerator', policy: 'AWSGlobalAcceleratorSLRPolicy' },
  'sso.amazonaws.com': { role: 'SSO', policy: 'AWSSSOServiceRolePolicy' },
  'backup.amazonaws.com': { role: 'Backup', policy: 'AWSBackupServiceLinkedRolePolicyForBackup' },
  'emr-containers.amazonaws.com': { role: 'AmazonEMRContainers', policy: 'AmazonEMRContainersServiceRolePolicy' },
  'elasticmapreduce.amazonaws.com': { role: 'EMRCleanup', policy: 'AmazonEMRCleanupPolicy' },
  'events.amazonaws.com': { role: 'CloudWatchEvents', policy: 'CloudWatchEventsServiceRolePolicy' },
  'inspector2.amazonaws.com': { role: 'AmazonInspector2', policy: 'AmazonInspector2ServiceRolePolicy' },
  'macie.amazonaws.com': { role: 'AmazonMacie', policy: 'AmazonMacieServiceRolePolicy' },
  'mq.amazonaws.com': { role: 'AmazonMQ', policy: 'AmazonMQServiceRolePolicy' },
  'fsx.amazonaws.com': { role: 'AmazonFSx', policy: 'AmazonFSxServiceRolePolicy' },
  'storagegateway.amazonaws.com': { role: 'StorageGateway', policy: 'AWSStorageGatewayServiceRolePolicy' },
  'datasync.amazonaws.com': { role: 'AWSDataSync', policy: 'AWSDataSyncServiceRolePolicy' },
  'compute-optimizer.amazonaws.com': { role: 'ComputeOptimizer', policy: 'ComputeOptimizerServiceRolePolicy' },
  'grafana.amazonaws.com': { role: 'AmazonGrafana', policy: 'AmazonGrafanaServiceLinkedRolePolicy' },
  // The services localstack/localstack's AWS-validated TestIAMServiceRoles creates roles for (tests/aws/services/iam/
  // test_iam.py SERVICES); each policy name is checked against the installed AWS managed policy catalog.
  'accountdiscovery.ssm.amazonaws.com': { role: 'AmazonSSM_AccountDiscovery', policy: 'AWSSystemsManagerAccountDiscoveryServicePolicy' },
  'acm.amazonaws.com': { role: 'CertificateManager', policy: 'CertificateManagerServiceRolePolicy' },
  'appmesh.amazonaws.com': { role: 'AppMesh', policy: 'AWSAppMeshServiceRolePolicy' },
  'autoscaling-plans.amazonaws.com': { role: 'AutoScalingPlans_EC2AutoScaling', policy: 'AWSAutoScalingPlansEC2AutoScalingPolicy' },
  'batch.amazonaws.com': { role: 'Batch', policy: 'BatchServiceRolePolicy' },
  'cassandra.application-autoscaling.amazonaws.com': { role: 'ApplicationAutoScaling_CassandraTable', policy: 'AWSApplicationAutoscalingCassandraTablePolicy' },
  'cks.kms.amazonaws.com': { role: 'KeyManagementServiceCustomKeyStores', policy: 'AWSKeyManagementServiceCustomKeyStoresServiceRolePolicy' },
  'codestar-notifications.amazonaws.com': { role: 'CodeStarNotifications', policy: 'AWSCodeStarNotificationsServiceRolePolicy' },
  'dms-fleet-advisor.amazonaws.com': { role: 'DMSFleetAdvisor', policy: 'AWSDMSFleetAdvisorServiceRolePolicy' },
  'dms.amazonaws.com': { role: 'DMSServerless', policy: 'AWSDMSServerlessServiceRolePolicy' },
  'docdb-elastic.amazonaws.com': { role: 'DocDB-Elastic', policy: 'AmazonDocDB-ElasticServiceRolePolicy' },
  'ec2-instance-connect.amazonaws.com': { role: 'Ec2InstanceConnect', policy: 'Ec2InstanceConnectEndpoint' },
  'ecr.amazonaws.com': { role: 'ECRTemplate', policy: 'ECRTemplateServiceRolePolicy' },
  'eks-connector.amazonaws.com': { role: 'AmazonEKSConnector', policy: 'AmazonEKSConnectorServiceRolePolicy' },
  'elasticfilesystem.amazonaws.com': { role: 'AmazonElasticFileSystem', policy: 'AmazonElasticFileSystemServiceRolePolicy' },
  'email.cognito-idp.amazonaws.com': { role: 'AmazonCognitoIdpEmailService', policy: 'AmazonCognitoIdpEmailServiceRolePolicy' },
  'emrwal.amazonaws.com': { role: 'EMRWAL', policy: 'EMRDescribeClusterPolicyForEMRWAL' },
  'fis.amazonaws.com': { role: 'FIS', policy: 'AmazonFISServiceRolePolicy' },
  'imagebuilder.amazonaws.com': { role: 'ImageBuilder', policy: 'AWSServiceRoleForImageBuilder' },
  'iotmanagedintegrations.amazonaws.com': { role: 'IoTManagedIntegrations', policy: 'AWSIoTManagedIntegrationsRolePolicy' },
  'kafkaconnect.amazonaws.com': { role: 'KafkaConnect', policy: 'KafkaConnectServiceRolePolicy' },
  'lakeformation.amazonaws.com': { role: 'LakeFormationDataAccess', policy: 'LakeFormationDataAccessServiceRolePolicy' },
  'lex.amazonaws.com': { role: 'LexBots', policy: 'LexBotPolicy' },
  'lightsail.amazonaws.com': { role: 'Lightsail', policy: 'LightsailExportAccess' },
  'm2.amazonaws.com': { role: 'AWSM2', policy: 'AWSM2ServicePolicy' },
  'memorydb.amazonaws.com': { role: 'MemoryDB', policy: 'MemoryDBServiceRolePolicy' },
  'mrk.kms.amazonaws.com': { role: 'KeyManagementServiceMultiRegionKeys', policy: 'AWSKeyManagementServiceMultiRegionKeysServiceRolePolicy' },
  'notifications.amazonaws.com': { role: 'AwsUserNotifications', policy: 'AWSUserNotificationsServiceLinkedRolePolicy' },
  'observability.aoss.amazonaws.com': { role: 'AmazonOpenSearchServerless', policy: 'AmazonOpenSearchServerlessServiceRolePolicy' },
  'ops.emr-serverless.amazonaws.com': { role: 'AmazonEMRServerless', policy: 'AmazonEMRServerlessServiceRolePolicy' },
  'opsdatasync.ssm.amazonaws.com': { role: 'SystemsManagerOpsDataSync', policy: 'AWSSystemsManagerOpsDataSyncServiceRolePolicy' },
  'opsinsights.ssm.amazonaws.com': { role: 'AmazonSSM_OpsInsights', policy: 'AWSSSMOpsInsightsServiceRolePolicy' },
  'pullthroughcache.ecr.amazonaws.com': { role: 'ECRPullThroughCache', policy: 'AWSECRPullThroughCache_ServiceRolePolicy' },
  'ram.amazonaws.com': { role: 'ResourceAccessManager', policy: 'AWSResourceAccessManagerServiceRolePolicy' },
  'replication.cassandra.amazonaws.com': { role: 'KeyspacesReplication', policy: 'KeyspacesReplicationServiceRolePolicy' },
  'replication.ecr.amazonaws.com': { role: 'ECRReplication', policy: 'ECRReplicationServiceRolePolicy' },
  'repository.sync.codeconnections.amazonaws.com': { role: 'GitSyncConnections', policy: 'AWSGitSyncServiceRolePolicy' },
  'resource-explorer-2.amazonaws.com': { role: 'ResourceExplorer', policy: 'AWSResourceExplorerServiceRolePolicy' },
  'rolesanywhere.amazonaws.com': { role: 'RolesAnywhere', policy: 'AWSRolesAnywhereServicePolicy' },
  's3-outposts.amazonaws.com': { role: 'S3OnOutposts', policy: 'AWSS3OnOutpostsServiceRolePolicy' },
  'ses.amazonaws.com': { role: 'AmazonSES', policy: 'AmazonSESServiceRolePolicy' },
  'shield.amazonaws.com': { role: 'AWSShield', policy: 'AWSShieldServiceRolePolicy' },
  'ssm-incidents.amazonaws.com': { role: 'IncidentManager', policy: 'AWSIncidentManagerServiceRolePolicy' },
  'ssm-quicksetup.amazonaws.com': { role: 'SSMQuickSetup', policy: 'SSMQuickSetupRolePolicy' },
  'vpcorigin.cloudfront.amazonaws.com': { role: 'CloudFrontVPCOrigin', policy: 'AWSCloudFrontVPCOriginServiceRolePolicy' },
  'waf.amazonaws.com': { role: 'WAFLogging', policy: 'WAFLoggingServiceRolePolicy' },
  'wafv2.amazonaws.com': { role: 'WAFV2Logging', policy: 'WAFV2LoggingServiceRolePolicy' },
};

const SERVICE_PRINCIPAL = /^[a-z0-9][a-z0-9.-]*\.amazonaws\.com(\.cn)?$/;

/** A service not in the table: AWS's usual name, AWSServiceRoleFor + the service's first label. */
function linkedService(name: string): LinkedService {
  const known = own(LINKED_SERVICES, name);
  if (known) return known;
  const label = name.split('.')[0]!;
  return { role: label.split('-').map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('') };
}

export const protectedRoleError = (name: string) =>
  unmodifiableEntity(`Cannot perform the operation on the protected role '${name}' - this role is only modifiable by AWS`);

/** For edit operations elsewhere: service-linked roles may be changed only by their service. */
export function assertModifiableRole(row: Pick<RoleRow, 'name' | 'path'>) {
  if (isServiceLinkedRole(row)) throw protectedRoleError(row.name);
}

const TASK_PREFIX = 'task/aws-service-role/';
/** A deletion is done after this long by the clock, whether or not anyone looked. */
const DELETION_MS = 5_000;

export const serviceLinkedRoleHandlers: IamHandlers = {
  CreateServiceLinkedRole(ctx, input) {
    const service = input.AWSServiceName;
    if (!SERVICE_PRINCIPAL.test(service)) throw invalidInput(`Unknown service principal: ${service}`);
    const linked = linkedService(service);
    if (input.CustomSuffix !== undefined && !linked.suffix) throw invalidInput(`Custom suffix is not allowed for ${service}`);
    const name = `AWSServiceRoleFor${linked.role}${input.CustomSuffix !== undefined ? `_${input.CustomSuffix}` : ''}`;
    if (name.length > 64) throw invalidInput(`Role name ${name} is longer than 64 characters.`);
    if (ctx.store.roles.get(ctx.accountId, name))
      throw invalidInput(`Service role name ${name} has been taken in this account, please try a different suffix.`);
    if (ctx.store.roles.count(ctx.accountId) >= ROLES_PER_ACCOUNT)
      throw limitExceeded(`Cannot exceed quota for RolesPerAccount: ${ROLES_PER_ACCOUNT}`);
    const trust = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }],
    });
    const row = {
      id: newUniqueId('AROA'),
      account_id: ctx.accountId,
      name,
      path: `/aws-service-role/${service}/`,
      created_at: iso(ctx.now()),
      trust_policy: trust,
      description: input.Description ?? null,
      max_session_duration: DEFAULT_MAX_SESSION_DURATION,
    };
    ctx.store.roles.insert(row);
    const policyArn = linked.policy && `${AWS_POLICY_ARN_PREFIX}aws-service-role/${linked.policy}`;
    if (policyArn && awsPolicyByArn(policyArn)) ctx.store.reports.attachToRole(ctx.accountId, row.id, policyArn, row.created_at);
    // With its Description, as before: no recording shows whether CreateServiceLinkedRole echoes it
    // (CreateRole does not).
    return { Role: roleShape(ctx, ctx.store.roles.getById(row.id)!, 'description') };
  },

  DeleteServiceLinkedRole(ctx, input) {
    const role = requireRole(ctx, input.RoleName);
    const service = role.path.slice('/aws-service-role/'.length, -1);
    const taskId = `${TASK_PREFIX}${service || 'none'}/${role.name}/${randomUUID()}`;
    if (!isServiceLinkedRole(role)) {
      ctx.store.reports.insertDeletionTask({ task_id: taskId, account_id: ctx.accountId, role_name: role.name, status: 'FAILED', created_at: iso(ctx.now()) });
      return { DeletionTaskId: taskId };
    }
    ctx.store.reports.insertDeletionTask({ task_id: taskId, account_id: ctx.accountId, role_name: role.name, status: 'NOT_STARTED', created_at: iso(ctx.now()) });
    ctx.store.reports.detachAllFromRole(role.id);
    ctx.store.tags.removeAll('role', role.id);
    ctx.store.roles.delete(role.id);
    return { DeletionTaskId: taskId };
  },

  GetServiceLinkedRoleDeletionStatus(ctx, input) {
    const id = input.DeletionTaskId;
    if (!id.startsWith(TASK_PREFIX) || id.split('/').length < 5) throw invalidInput(`Invalid deletion task id: ${id}`);
    const task = ctx.store.reports.deletionTask(ctx.accountId, id);
    if (!task) throw noSuchEntity(`Deletion task ${id} not found.`);
    if (task.status === 'FAILED')
      return { Status: 'FAILED', Reason: { Reason: `Role ${task.role_name} is not a service-linked role.` } };
    // Each look moves the task one step on (NOT_STARTED, IN_PROGRESS, SUCCEEDED); the clock finishes it too.
    const status = ctx.now().getTime() - Date.parse(task.created_at) >= DELETION_MS ? 'SUCCEEDED' : task.status;
    const next = status === 'NOT_STARTED' ? 'IN_PROGRESS' : 'SUCCEEDED';
    if (next !== task.status) ctx.store.reports.setDeletionStatus(task.task_id, next);
    return { Status: status };
  },
};
