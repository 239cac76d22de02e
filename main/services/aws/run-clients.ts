import { AccountClient } from '@aws-sdk/client-account';
import { BackupClient } from '@aws-sdk/client-backup';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ECRClient } from '@aws-sdk/client-ecr';
import { GuardDutyClient } from '@aws-sdk/client-guardduty';
import { IAMClient } from '@aws-sdk/client-iam';
import { IdentitystoreClient } from '@aws-sdk/client-identitystore';
import { Inspector2Client } from '@aws-sdk/client-inspector2';
import { KMSClient } from '@aws-sdk/client-kms';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { RDSClient } from '@aws-sdk/client-rds';
import { S3Client } from '@aws-sdk/client-s3';
import { S3ControlClient } from '@aws-sdk/client-s3-control';
import { SSOAdminClient } from '@aws-sdk/client-sso-admin';
import { STSClient } from '@aws-sdk/client-sts';
import type { LookupFunction } from 'node:net';
import type { AwsCredentialIdentityProvider, RetryStrategyV2 } from '@smithy/types';

/** The app-wide handler settings every client shares (see AwsClientFactory.base). */
export interface ClientBase {
  maxAttempts: number;
  requestHandler: {
    connectionTimeout: number;
    requestTimeout: number;
    throwOnRequestTimeout: boolean;
    httpAgent?: { lookup: LookupFunction };
  };
}

export interface RunClientOptions {
  credentials: AwsCredentialIdentityProvider;
  /** How long one call may take before it fails with TIMEOUT (large IAM pages take a while). */
  requestTimeoutMs: number;
  retryStrategy: RetryStrategyV2;
}

interface Destroyable {
  destroy(): void;
}

/**
 * The SDK clients one collection run uses for one account, one per service and region, created
 * on first use and destroyed together when the run ends. Every client gets the same handler
 * settings, the run's retry strategy and its per-call timeout, so endpoints, timeouts and
 * retries are the same for every service.
 */
export class RunClients {
  private readonly made = new Map<string, Destroyable>();

  constructor(
    /** The factory's settings for one service and region (handler, and everything from the config files). */
    private readonly sdkSettings: (serviceId: string, region: string) => ClientBase & { region: string },
    private readonly options: RunClientOptions,
  ) {}

  private settings(serviceId: string, region: string) {
    const settings = this.sdkSettings(serviceId, region);
    return {
      ...settings,
      credentials: this.options.credentials,
      requestHandler: { ...settings.requestHandler, requestTimeout: this.options.requestTimeoutMs },
      retryStrategy: this.options.retryStrategy,
    };
  }

  private once<C extends Destroyable>(key: string, make: () => C): C {
    let client = this.made.get(key) as C | undefined;
    if (!client) {
      client = make();
      this.made.set(key, client);
    }
    return client;
  }

  iam(region: string): IAMClient {
    return this.once(`iam/${region}`, () => new IAMClient(this.settings('IAM', region)));
  }

  /** Without SDK retries: the credential report loop backs off itself, within its time limit. */
  iamPoll(region: string): IAMClient {
    return this.once(`iam-poll/${region}`, () => {
      const { retryStrategy: _own, ...config } = this.settings('IAM', region);
      return new IAMClient({ ...config, maxAttempts: 1 });
    });
  }

  sts(region: string) {
    return this.once(`sts/${region}`, () => new STSClient(this.settings('STS', region)));
  }

  account(region: string) {
    return this.once(`account/${region}`, () => new AccountClient(this.settings('Account', region)));
  }

  ec2(region: string) {
    return this.once(`ec2/${region}`, () => new EC2Client(this.settings('EC2', region)));
  }

  /** Buckets are read in their own region; a bucket whose region was unknown is followed through S3's redirect. */
  s3(region: string) {
    return this.once(
      `s3/${region}`,
      () => new S3Client({ ...this.settings('S3', region), followRegionRedirects: true }),
    );
  }

  s3control(region: string) {
    return this.once(`s3control/${region}`, () => new S3ControlClient(this.settings('S3 Control', region)));
  }

  cloudtrail(region: string) {
    return this.once(`cloudtrail/${region}`, () => new CloudTrailClient(this.settings('CloudTrail', region)));
  }

  logs(region: string) {
    return this.once(`logs/${region}`, () => new CloudWatchLogsClient(this.settings('CloudWatch Logs', region)));
  }

  cloudwatch(region: string) {
    return this.once(`cloudwatch/${region}`, () => new CloudWatchClient(this.settings('CloudWatch', region)));
  }

  guardduty(region: string) {
    return this.once(`guardduty/${region}`, () => new GuardDutyClient(this.settings('GuardDuty', region)));
  }

  configService(region: string) {
    return this.once(`config/${region}`, () => new ConfigServiceClient(this.settings('Config Service', region)));
  }

  inspector2(region: string) {
    return this.once(`inspector2/${region}`, () => new Inspector2Client(this.settings('Inspector2', region)));
  }

  ecr(region: string) {
    return this.once(`ecr/${region}`, () => new ECRClient(this.settings('ECR', region)));
  }

  lambda(region: string) {
    return this.once(`lambda/${region}`, () => new LambdaClient(this.settings('Lambda', region)));
  }

  rds(region: string) {
    return this.once(`rds/${region}`, () => new RDSClient(this.settings('RDS', region)));
  }

  kms(region: string) {
    return this.once(`kms/${region}`, () => new KMSClient(this.settings('KMS', region)));
  }

  backup(region: string) {
    return this.once(`backup/${region}`, () => new BackupClient(this.settings('Backup', region)));
  }

  /** IAM Identity Center's administration API (permission sets, assignments), in the instance's region. */
  ssoAdmin(region: string) {
    return this.once(`sso-admin/${region}`, () => new SSOAdminClient(this.settings('SSO Admin', region)));
  }

  identitystore(region: string) {
    return this.once(`identitystore/${region}`, () => new IdentitystoreClient(this.settings('identitystore', region)));
  }

  destroy(): void {
    for (const client of this.made.values()) client.destroy();
    this.made.clear();
  }
}
