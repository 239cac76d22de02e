import { describe, expect, it } from 'vitest';
import { evaluateCheck } from '../../../shared/checks/evaluate';
import { checkById } from '../../../shared/checks/registry';
import type { Snapshot } from '../../../shared/checks/types';
import { CheckSettings } from '../../../shared/domain/workspace';
import type { TrailReading } from '../../../shared/rules/cloudtrail';
import { regionsInUse } from '../../../shared/rules/account';

const ACCT = '111122223333';
const NOW = new Date('2026-11-30T12:00:00Z');
const settings = CheckSettings.parse({});
const run = (id: string, over: Partial<Snapshot>, regions = ['eu-west-1', 'us-east-1']) =>
  evaluateCheck(checkById(id)!, {
    snapshot: { accountId: ACCT, partition: 'aws', ...over },
    regions,
    settings,
    now: NOW,
  });
const denied = { code: 'ACCESS_DENIED', message: 'Not allowed', missingAction: 'guardduty:ListDetectors' };
const optIn = { code: 'REGION_NOT_ENABLED', message: 'ap-east-1 is not enabled' };

const trail = (over: Partial<TrailReading['trail']> = {}, rest: Partial<TrailReading> = {}): TrailReading => ({
  trail: {
    Name: 'org-trail',
    TrailARN: `arn:aws:cloudtrail:us-east-1:${ACCT}:trail/org-trail`,
    HomeRegion: 'us-east-1',
    IsMultiRegionTrail: true,
    LogFileValidationEnabled: true,
    KmsKeyId: `arn:aws:kms:us-east-1:${ACCT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
    CloudWatchLogsLogGroupArn: `arn:aws:logs:us-east-1:${ACCT}:log-group:trail-logs:*`,
    ...over,
  },
  status: { IsLogging: true },
  selectors: { EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }] },
  ...rest,
});

describe('CloudTrail checks', () => {
  it('multi-region: passes with a validated multi-region trail; fails single-region, write-only or stopped ones', () => {
    expect(run('logging.cloudtrail-multi-region', { trails: [trail()] }).result).toBe('pass');
    const single = run('logging.cloudtrail-multi-region', { trails: [trail({ IsMultiRegionTrail: false })] });
    expect(single.result).toBe('fail');
    expect(single.entities[0]!.detail).toContain('covers only us-east-1');
    const writeOnly = run('logging.cloudtrail-multi-region', {
      trails: [trail({}, { selectors: { EventSelectors: [{ ReadWriteType: 'WriteOnly' }] } })],
    });
    expect(writeOnly.entities[0]!.detail).toContain('read and write management events');
    const stopped = run('logging.cloudtrail-multi-region', {
      trails: [trail({}, { status: { IsLogging: false, LatestDeliveryError: 'AccessDenied' } })],
    });
    expect(stopped.entities[0]!.detail).toMatch(/not logging.*last delivery failed: AccessDenied/);
    expect(run('logging.cloudtrail-multi-region', { trails: [] })).toMatchObject({
      result: 'fail',
      summary: 'The account has no CloudTrail trail.',
    });
    const advanced = run('logging.cloudtrail-multi-region', {
      trails: [
        trail(
          {},
          {
            selectors: {
              AdvancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] }],
            },
          },
        ),
      ],
    });
    expect(advanced.result).toBe('pass');
  });

  it('encrypted: passes with a KMS key, fails without, not applicable without trails', () => {
    expect(run('logging.cloudtrail-encrypted', { trails: [trail()] }).result).toBe('pass');
    expect(run('logging.cloudtrail-encrypted', { trails: [trail({ KmsKeyId: undefined })] }).result).toBe('fail');
    expect(run('logging.cloudtrail-encrypted', { trails: [] }).result).toBe('not_applicable');
  });

  it('root login alarm: passes with the CIS filter and an alarm with an action; fails without an action', () => {
    const group = (actions: string[]) => [
      {
        logGroupArn: trail().trail.CloudWatchLogsLogGroupArn!,
        logGroupName: 'trail-logs',
        region: 'us-east-1',
        filters: [
          {
            filterName: 'root-usage',
            filterPattern:
              '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
            metrics: [
              {
                metricName: 'RootUsage',
                metricNamespace: 'CIS',
                alarms: [{ AlarmName: 'root-usage', ActionsEnabled: true, AlarmActions: actions }],
              },
            ],
          },
        ],
      },
    ];
    const topic = `arn:aws:sns:us-east-1:${ACCT}:security`;
    expect(run('logging.root-login-alarm', { trails: [trail()], rootLoginMonitoring: group([topic]) }).result).toBe(
      'pass',
    );
    const silent = run('logging.root-login-alarm', { trails: [trail()], rootLoginMonitoring: group([]) });
    expect(silent.result).toBe('fail');
    expect(silent.entities[0]!.detail).toContain('no alarm with an action');
    expect(run('logging.root-login-alarm', { trails: [], rootLoginMonitoring: [] }).result).toBe('fail');
  });
});

describe('regional checks say per region', () => {
  it('GuardDuty: passes when every region has an enabled detector; names the region that has none', () => {
    const on = {
      detectors: [
        {
          detectorId: '12abc34d567e8fa901bc2d34e56789f0',
          Status: 'ENABLED',
          Features: [{ Name: 'S3_DATA_EVENTS', Status: 'ENABLED' }],
        },
      ],
    };
    expect(
      run('monitoring.guardduty', {
        guardDutyDetectors: [
          { region: 'eu-west-1', value: on },
          { region: 'us-east-1', value: on },
        ],
      }),
    ).toMatchObject({ result: 'pass', regions: ['eu-west-1', 'us-east-1'], accountId: ACCT });
    const f = run('monitoring.guardduty', {
      guardDutyDetectors: [
        { region: 'eu-west-1', value: on },
        { region: 'us-east-1', value: { detectors: [] } },
      ],
    });
    expect(f.result).toBe('fail');
    expect(f.summary).toBe('GuardDuty is not enabled in us-east-1.');
    expect(f.entities.find((e) => e.region === 'us-east-1')!.detail).toContain('never been enabled');
    expect(f.entities.find((e) => e.region === 'eu-west-1')!.detail).toContain('S3_DATA_EVENTS: ENABLED');
  });

  it('a region not opted in is not applicable, a denied one is an error with the missing action, never a pass', () => {
    const on = { detectors: [{ detectorId: 'd1', Status: 'ENABLED' }] };
    const f = run('monitoring.guardduty', {
      guardDutyDetectors: [
        { region: 'ap-east-1', error: optIn },
        { region: 'eu-west-1', value: on },
      ],
    });
    expect(f.result).toBe('pass');
    expect(f.entities.find((e) => e.region === 'ap-east-1')!.result).toBe('not_applicable');
    const d = run('monitoring.guardduty', {
      guardDutyDetectors: [
        { region: 'eu-west-1', value: on },
        { region: 'us-east-1', error: denied },
      ],
    });
    expect(d.result).toBe('error');
    expect(d.error).toMatchObject({ code: 'ACCESS_DENIED', missingAction: 'guardduty:ListDetectors' });
    expect(d.entities.find((e) => e.region === 'us-east-1')!.detail).toContain('missing guardduty:ListDetectors');
  });

  it('Config: passes recording all resources, fails without a recorder or when stopped, not applicable with nothing read', () => {
    const rec = (recording: boolean) => ({
      recorders: [{ name: 'default', allSupported: true, includeGlobalResourceTypes: true }],
      statuses: [{ name: 'default', recording, lastStatus: 'Success' }],
    });
    expect(
      run('monitoring.config-recorder', { configRecorders: [{ region: 'eu-west-1', value: rec(true) }] }).result,
    ).toBe('pass');
    expect(
      run('monitoring.config-recorder', { configRecorders: [{ region: 'eu-west-1', value: rec(false) }] }).result,
    ).toBe('fail');
    expect(
      run('monitoring.config-recorder', {
        configRecorders: [{ region: 'eu-west-1', value: { recorders: [], statuses: [] } }],
      }).entities[0]!.detail,
    ).toContain('never been set up');
    expect(run('monitoring.config-recorder', { configRecorders: [{ region: 'ap-east-1', error: optIn }] }).result).toBe(
      'not_applicable',
    );
  });

  const instance = [{ InstanceId: 'i-0123456789abcdef0', State: 'running' }];
  const repository = [{ repositoryName: 'web/app', repositoryArn: `arn:aws:ecr:eu-west-1:${ACCT}:repository/web/app` }];
  const fn = [{ FunctionName: 'thumbnailer', FunctionArn: `arn:aws:lambda:eu-west-1:${ACCT}:function:thumbnailer` }];
  /** One region's listings: what runs there, or an error for a listing that could not be read. */
  const workloads = (
    region: string,
    w: { ec2?: typeof instance; ecr?: typeof repository; lambda?: typeof fn; unread?: 'ec2' | 'ecr' | 'lambda' },
  ) => {
    const one = <T>(key: 'ec2' | 'ecr' | 'lambda', value: T[]) =>
      w.unread === key ? [{ region, error: { ...denied, missingAction: key } }] : [{ region, value }];
    return {
      ec2Instances: one('ec2', w.ec2 ?? []),
      ecrRepositories: one('ecr', w.ecr ?? []),
      lambdaFunctions: one('lambda', w.lambda ?? []),
    };
  };
  const everything = { ec2: instance, ecr: repository, lambda: fn };

  it('Inspector: passes scanning EC2, ECR and Lambda where all three run; fails when Lambda is off', () => {
    const all = { status: 'ENABLED', resources: { ec2: 'ENABLED', ecr: 'ENABLED', lambda: 'ENABLED' } };
    const pass = run('vuln.inspector', {
      inspectorStatus: [{ region: 'eu-west-1', value: all }],
      ...workloads('eu-west-1', everything),
    });
    expect(pass.result).toBe('pass');
    expect(pass.entities[0]!.detail).toMatch(/^Scanning EC2, ECR and Lambda\. In use: /);
    expect(pass.entities[0]!.facts).toMatchObject({ ec2Instances: 1, ecrRepositories: 1, lambdaFunctions: 1 });
    const partial = run('vuln.inspector', {
      inspectorStatus: [
        { region: 'eu-west-1', value: { ...all, resources: { ...all.resources, lambda: 'DISABLED' } } },
      ],
      ...workloads('eu-west-1', everything),
    });
    expect(partial.result).toBe('fail');
    expect(partial.entities[0]!.detail).toMatch(/^Not scanning lambda. In use: /);
    expect(
      run('vuln.inspector', { inspectorStatus: [], ec2Instances: [], ecrRepositories: [], lambdaFunctions: [] }).result,
    ).toBe('not_applicable');
  });

  it('Inspector asks for EC2 scanning only where instances run (or could not be listed)', () => {
    const noEc2 = { status: 'ENABLED', resources: { ec2: 'DISABLED', ecr: 'ENABLED', lambda: 'ENABLED' } };
    const without = run('vuln.inspector', {
      inspectorStatus: [{ region: 'eu-west-1', value: noEc2 }],
      ...workloads('eu-west-1', { ecr: repository, lambda: fn }),
    });
    expect(without.result).toBe('pass');
    expect(without.entities[0]!.detail).toMatch(/^Scanning ECR and Lambda \(EC2 not needed: no instances here\)\./);
    const running = run('vuln.inspector', {
      inspectorStatus: [{ region: 'eu-west-1', value: noEc2 }],
      ...workloads('eu-west-1', everything),
    });
    expect(running.result).toBe('fail');
    expect(running.entities[0]!.detail).toMatch(/^Not scanning ec2\./);
    const unread = run('vuln.inspector', {
      inspectorStatus: [{ region: 'eu-west-1', value: noEc2 }],
      ...workloads('eu-west-1', { ecr: repository, lambda: fn, unread: 'ec2' }),
    });
    expect(unread.result).toBe('fail');
    expect(unread.entities[0]!.detail).toContain(
      'EC2 counts as used: the EC2 instances could not be read (Not allowed',
    );
  });

  it('Inspector asks for ECR scanning only where repositories exist and Lambda only where functions run, each with the reason when its listing could not be read', () => {
    const ec2Only = { status: 'ENABLED', resources: { ec2: 'ENABLED', ecr: 'DISABLED', lambda: 'DISABLED' } };
    const regions = ['eu-west-1', 'us-east-1'];
    const both = (east: Parameters<typeof workloads>[1], west: Parameters<typeof workloads>[1]) => {
      const e = workloads('us-east-1', east);
      const w = workloads('eu-west-1', west);
      return {
        inspectorStatus: regions.map((region) => ({ region, value: ec2Only })),
        ec2Instances: [...w.ec2Instances, ...e.ec2Instances],
        ecrRepositories: [...w.ecrRepositories, ...e.ecrRepositories],
        lambdaFunctions: [...w.lambdaFunctions, ...e.lambdaFunctions],
      };
    };
    // Instances only in eu-west-1; in us-east-1 nothing runs: both pass without ECR or Lambda scanning.
    const idle = run('vuln.inspector', both({}, { ec2: instance }));
    expect(idle.result).toBe('pass');
    const at = (f: typeof idle, region: string) => f.entities.find((e) => e.region === region)!;
    expect(at(idle, 'eu-west-1').detail).toMatch(
      /^Scanning EC2 \(ECR not needed: no repositories here; Lambda not needed: no functions here\)\./,
    );
    expect(at(idle, 'us-east-1').detail).toMatch(/^Nothing here for Amazon Inspector to scan \(EC2 not needed/);
    // A repository in us-east-1 asks for ECR scanning there, and only there.
    const repo = run('vuln.inspector', both({ ecr: repository }, { ec2: instance }));
    expect(repo.result).toBe('fail');
    expect(at(repo, 'us-east-1')).toMatchObject({ result: 'fail' });
    expect(at(repo, 'us-east-1').detail).toMatch(
      /^Not scanning ecr \(EC2 not needed: no instances here; Lambda not needed/,
    );
    expect(at(repo, 'eu-west-1').result).toBe('pass');
    // A function likewise asks for Lambda scanning.
    const lambda = run('vuln.inspector', both({ lambda: fn }, { ec2: instance }));
    expect(at(lambda, 'us-east-1').detail).toMatch(/^Not scanning lambda /);
    // Listings that could not be read count as used, and say why.
    const unreadEcr = run('vuln.inspector', both({ unread: 'ecr' }, { ec2: instance }));
    expect(at(unreadEcr, 'us-east-1').result).toBe('fail');
    expect(at(unreadEcr, 'us-east-1').detail).toContain(
      'ECR counts as used: the ECR repositories could not be read (Not allowed, missing ecr).',
    );
    const unreadLambda = run('vuln.inspector', both({ unread: 'lambda' }, { ec2: instance }));
    expect(at(unreadLambda, 'us-east-1').detail).toMatch(
      /^Not scanning lambda .*Lambda counts as used: the Lambda functions could not be read/,
    );
    // A region missing from a listing is not taken as empty either.
    const missing = run('vuln.inspector', { ...both({}, { ec2: instance }), lambdaFunctions: [] });
    expect(at(missing, 'us-east-1').detail).toContain('the Lambda functions were not read in us-east-1');
    expect(at(missing, 'us-east-1').result).toBe('fail');
  });

  it('EBS default: per region on or off', () => {
    const f = run('encryption.ebs-default', {
      ebsEncryptionByDefault: [
        { region: 'eu-west-1', value: { enabled: true } },
        { region: 'us-east-1', value: { enabled: false } },
      ],
    });
    expect(f.result).toBe('fail');
    expect(f.summary).toBe('EBS encryption by default is off in us-east-1.');
    expect(
      run('encryption.ebs-default', { ebsEncryptionByDefault: [{ region: 'eu-west-1', value: { enabled: true } }] })
        .result,
    ).toBe('pass');
    expect(run('encryption.ebs-default', { ebsEncryptionByDefault: [] }).result).toBe('not_applicable');
  });
});

describe('resource checks', () => {
  const sg = (IpPermissions: object[]) => [
    { region: 'eu-west-1', value: [{ GroupId: 'sg-0123456789abcdef0', GroupName: 'web', IpPermissions }] },
  ];
  it('open admin ports: SSH or all traffic from anywhere fails; HTTPS from anywhere and SSH from a range pass, listing the groups; no groups is not applicable', () => {
    const ssh = run('network.open-admin-ports', {
      securityGroups: sg([{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }]),
    });
    expect(ssh.result).toBe('fail');
    expect(ssh.entities[0]).toMatchObject({ region: 'eu-west-1', detail: 'Allows SSH (22) from 0.0.0.0/0.' });
    expect(
      run('network.open-admin-ports', {
        securityGroups: sg([{ IpProtocol: '-1', Ipv6Ranges: [{ CidrIpv6: '::/0' }] }]),
      }).entities[0]!.detail,
    ).toBe('Allows all traffic from ::/0.');
    const clean = run('network.open-admin-ports', {
      securityGroups: [
        ...sg([
          { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
          { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '10.0.0.0/8' }] },
        ]),
        { region: 'us-east-1', value: [{ GroupId: 'sg-0fedcba9876543210', GroupName: 'default', IpPermissions: [] }] },
      ],
    });
    expect(clean.result).toBe('pass');
    expect(clean.summary).toBe('2 security groups checked: none allows SSH, RDP or all ports from the internet.');
    expect(clean.entities).toEqual([
      expect.objectContaining({
        arn: `arn:aws:ec2:eu-west-1:${ACCT}:security-group/sg-0123456789abcdef0`,
        name: 'sg-0123456789abcdef0 (web)',
        region: 'eu-west-1',
        result: 'pass',
        detail: 'No inbound rule opens SSH, RDP or all ports to 0.0.0.0/0 or ::/0.',
      }),
      expect.objectContaining({ name: 'sg-0fedcba9876543210 (default)', region: 'us-east-1', result: 'pass' }),
    ]);
    const empty = run('network.open-admin-ports', {
      securityGroups: [
        { region: 'eu-west-1', value: [] },
        { region: 'us-east-1', value: [] },
      ],
    });
    expect(empty).toMatchObject({
      result: 'not_applicable',
      summary: 'There are no security groups in the regions read.',
    });
  });

  it('VPC flow logs: active passes, none fails, no VPCs is not applicable', () => {
    const vpcs = [{ region: 'eu-west-1', value: [{ VpcId: 'vpc-1a2b3c4d' }] }];
    expect(
      run('network.vpc-flow-logs', {
        vpcs,
        flowLogs: [
          { region: 'eu-west-1', value: [{ FlowLogId: 'fl-1', ResourceId: 'vpc-1a2b3c4d', FlowLogStatus: 'ACTIVE' }] },
        ],
      }).result,
    ).toBe('pass');
    expect(run('network.vpc-flow-logs', { vpcs, flowLogs: [{ region: 'eu-west-1', value: [] }] }).result).toBe('fail');
    expect(run('network.vpc-flow-logs', { vpcs: [{ region: 'eu-west-1', value: [] }], flowLogs: [] }).result).toBe(
      'not_applicable',
    );
  });

  const db = (StorageEncrypted: boolean, BackupRetentionPeriod = 7) => ({
    kind: 'instance' as const,
    id: 'prod-db',
    arn: `arn:aws:rds:eu-west-1:${ACCT}:db:prod-db`,
    StorageEncrypted,
    BackupRetentionPeriod,
  });
  it('RDS encryption: encrypted passes, plain fails, none is not applicable', () => {
    expect(run('encryption.rds', { rdsDatabases: [{ region: 'eu-west-1', value: [db(true)] }] }).result).toBe('pass');
    expect(run('encryption.rds', { rdsDatabases: [{ region: 'eu-west-1', value: [db(false)] }] }).result).toBe('fail');
    expect(run('encryption.rds', { rdsDatabases: [{ region: 'eu-west-1', value: [] }] }).result).toBe('not_applicable');
  });

  it('KMS rotation: rotating passes, not rotating fails, a key whose status is denied is an error', () => {
    const key = (rotation: object) => [
      {
        region: 'eu-west-1',
        value: [{ KeyId: '1234abcd', Arn: `arn:aws:kms:eu-west-1:${ACCT}:key/1234abcd`, rotation }],
      },
    ];
    expect(
      run('encryption.kms-rotation', { kmsKeys: key({ KeyRotationEnabled: true, RotationPeriodInDays: 365 }) }).result,
    ).toBe('pass');
    expect(run('encryption.kms-rotation', { kmsKeys: key({ KeyRotationEnabled: false }) }).result).toBe('fail');
    expect(
      run('encryption.kms-rotation', { kmsKeys: key({ error: { code: 'ACCESS_DENIED', message: 'denied' } }) }).result,
    ).toBe('error');
    expect(run('encryption.kms-rotation', { kmsKeys: [{ region: 'eu-west-1', value: [] }] }).result).toBe(
      'not_applicable',
    );
  });

  it('backups: a plan with resources and RDS backups on passes; no plan, or RDS retention 0, fails', () => {
    const plan = {
      BackupPlanId: 'plan-1',
      BackupPlanArn: `arn:aws:backup:eu-west-1:${ACCT}:backup-plan:plan-1`,
      BackupPlanName: 'daily',
      rules: [{ RuleName: 'daily', ScheduleExpression: 'cron(0 5 ? * * *)', DeleteAfterDays: 35 }],
      selections: [{ SelectionName: 'all-rds', Resources: [`arn:aws:rds:eu-west-1:${ACCT}:db:prod-db`] }],
    };
    const ok = run('backup.plans', {
      backupPlans: [{ region: 'eu-west-1', value: [plan] }],
      protectedResources: [{ region: 'eu-west-1', value: [] }],
      rdsDatabases: [{ region: 'eu-west-1', value: [db(true)] }],
    });
    expect(ok.result).toBe('pass');
    expect(ok.entities[0]!.detail).toContain('retention 35 days');
    const none = run('backup.plans', {
      backupPlans: [{ region: 'eu-west-1', value: [] }],
      protectedResources: [{ region: 'eu-west-1', value: [] }],
      rdsDatabases: [{ region: 'eu-west-1', value: [db(true, 0)] }],
    });
    expect(none.result).toBe('fail');
    expect(none.summary).toMatch(
      /No AWS Backup plan exists.*prod-db \(instance\) \(eu-west-1\) without automated backups/,
    );
    const rdsDenied = run('backup.plans', {
      backupPlans: [{ region: 'eu-west-1', value: [plan] }],
      protectedResources: [{ region: 'eu-west-1', value: [] }],
      rdsDatabases: [
        { region: 'eu-west-1', value: [db(true)] },
        {
          region: 'us-east-1',
          error: { code: 'ACCESS_DENIED', message: 'denied', missingAction: 'rds:DescribeDBInstances' },
        },
      ],
    });
    expect(rdsDenied.result).toBe('error');
    expect(rdsDenied.summary).toBe('Backups could not be read everywhere in use: RDS (us-east-1).');
    expect(rdsDenied.entities).toContainEqual(
      expect.objectContaining({
        name: 'RDS',
        region: 'us-east-1',
        result: 'error',
        detail: 'RDS automated backups unknown here. Could not be read: denied (missing rds:DescribeDBInstances)',
      }),
    );
  });
});

describe('S3 checks, per bucket in its region', () => {
  const b = (name: string, region = 'eu-west-1') => ({ name, arn: `arn:aws:s3:::${name}`, region });
  it('default encryption names the kind; a bucket without any fails; a denied one is an error; no buckets is not applicable', () => {
    const f = run('encryption.s3-default', {
      bucketEncryption: [
        { ...b('app-data'), value: [{ SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'alias/app' }] },
        { ...b('legacy', 'us-east-1'), value: null },
      ],
    });
    expect(f.result).toBe('fail');
    expect(f.entities[0]!.detail).toBe('Default encryption SSE-KMS with alias/app.');
    expect(f.entities[1]).toMatchObject({ region: 'us-east-1', result: 'fail' });
    expect(
      run('encryption.s3-default', { bucketEncryption: [{ ...b('x'), value: [{ SSEAlgorithm: 'AES256' }] }] })
        .entities[0]!.facts,
    ).toMatchObject({ kind: 'SSE-S3' });
    const d = run('encryption.s3-default', {
      bucketEncryption: [
        {
          ...b('restricted'),
          error: {
            code: 'ACCESS_DENIED',
            message: 'The bucket policy denies the reader',
            missingAction: 's3:GetEncryptionConfiguration',
          },
        },
      ],
    });
    expect(d.result).toBe('error');
    expect(d.entities[0]!.detail).toContain('The bucket policy denies the reader');
    expect(run('encryption.s3-default', { bucketEncryption: [] }).result).toBe('not_applicable');
  });

  it('TLS only: a Deny on aws:SecureTransport false passes; no policy, or an Allow-only policy, fails', () => {
    const tls = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: ['arn:aws:s3:::x', 'arn:aws:s3:::x/*'],
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ],
    });
    expect(run('encryption.s3-tls-only', { bucketPolicies: [{ ...b('x'), value: tls }] }).result).toBe('pass');
    expect(run('encryption.s3-tls-only', { bucketPolicies: [{ ...b('x'), value: null }] }).result).toBe('fail');
    const allow = JSON.stringify({
      Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }],
    });
    expect(run('encryption.s3-tls-only', { bucketPolicies: [{ ...b('x'), value: allow }] }).result).toBe('fail');
    expect(run('encryption.s3-tls-only', { bucketPolicies: [] }).result).toBe('not_applicable');
  });

  it('public access: account block on and policies private passes; a public policy fails even under the block', () => {
    const all = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };
    const ok = run('network.s3-public-access', {
      accountPublicAccessBlock: all,
      bucketPublicAccessBlocks: [{ ...b('x'), value: null }],
      bucketPolicyStatus: [{ ...b('x'), value: { IsPublic: false } }],
    });
    expect(ok.result).toBe('pass');
    const pub = run('network.s3-public-access', {
      accountPublicAccessBlock: all,
      bucketPublicAccessBlocks: [{ ...b('x'), value: all }],
      bucketPolicyStatus: [{ ...b('x'), value: { IsPublic: true } }],
    });
    expect(pub.result).toBe('fail');
    const noAccount = run('network.s3-public-access', {
      accountPublicAccessBlock: null,
      bucketPublicAccessBlocks: [],
      bucketPolicyStatus: [],
    });
    expect(noAccount).toMatchObject({ result: 'fail', summary: 'The account has no public access block.' });
  });

  it('public access: a bucket whose policy status could not be read is an error with the reason, never a pass', () => {
    const all = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };
    const denied = {
      code: 'ACCESS_DENIED',
      message: 'User is not authorized to perform: s3:GetBucketPolicyStatus',
      missingAction: 's3:GetBucketPolicyStatus',
    };
    const f = run('network.s3-public-access', {
      accountPublicAccessBlock: all,
      bucketPublicAccessBlocks: [
        { ...b('x'), value: all },
        { ...b('y'), value: all },
      ],
      bucketPolicyStatus: [
        { ...b('x'), error: denied },
        { ...b('y'), value: { IsPublic: false } },
      ],
    });
    expect(f.result).toBe('error');
    expect(f.error).toEqual(denied);
    expect(f.entities.find((e) => e.name === 'x')).toMatchObject({
      result: 'error',
      region: 'eu-west-1',
      detail:
        'Whether its policy is public is unknown. Could not be read: User is not authorized to perform: s3:GetBucketPolicyStatus (missing s3:GetBucketPolicyStatus)',
    });
    expect(f.entities.find((e) => e.name === 'y')?.result).toBe('pass');
  });
});

describe('regions in use', () => {
  const listed = [
    { RegionName: 'us-east-1', RegionOptStatus: 'ENABLED_BY_DEFAULT' as const },
    { RegionName: 'eu-west-1', RegionOptStatus: 'ENABLED_BY_DEFAULT' as const },
    { RegionName: 'ap-east-1', RegionOptStatus: 'DISABLED' as const },
    { RegionName: 'me-central-1', RegionOptStatus: 'ENABLED' as const },
  ];
  it('are the enabled regions, each with why; a chosen region the account has not enabled is set apart', () => {
    expect(regionsInUse(listed, undefined, 'eu-west-1')).toEqual({
      regions: [
        { region: 'eu-west-1', why: 'enabled by default for the account' },
        { region: 'me-central-1', why: 'opted in for the account' },
        { region: 'us-east-1', why: 'enabled by default for the account' },
      ],
      notEnabled: ['ap-east-1'],
    });
    expect(regionsInUse(listed, ['eu-west-1', 'ap-east-1'], 'eu-west-1')).toEqual({
      regions: [{ region: 'eu-west-1', why: 'chosen in Settings' }],
      notEnabled: ['ap-east-1'],
    });
    expect(regionsInUse(null, undefined, 'eu-west-1').regions).toEqual([
      { region: 'eu-west-1', why: 'the home region (the enabled regions could not be listed)' },
    ]);
  });
});
