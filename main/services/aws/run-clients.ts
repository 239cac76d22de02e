import { IAMClient } from '@aws-sdk/client-iam';
import type { AwsCredentialIdentityProvider, RetryStrategyV2 } from '@smithy/types';

/** The app-wide handler settings every client shares (see AwsClientFactory.base). */
export interface ClientBase {
  maxAttempts: number;
  requestHandler: { connectionTimeout: number; requestTimeout: number; throwOnRequestTimeout: boolean };
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
    private readonly base: ClientBase,
    private readonly options: RunClientOptions,
  ) {}

  private config(region: string) {
    return {
      region,
      credentials: this.options.credentials,
      requestHandler: { ...this.base.requestHandler, requestTimeout: this.options.requestTimeoutMs },
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
    return this.once(`iam/${region}`, () => new IAMClient(this.config(region)));
  }

  /** Without SDK retries: the credential report loop backs off itself, within its time limit. */
  iamPoll(region: string): IAMClient {
    return this.once(`iam-poll/${region}`, () => {
      const { retryStrategy: _own, ...config } = this.config(region);
      return new IAMClient({ ...config, maxAttempts: 1 });
    });
  }

  destroy(): void {
    for (const client of this.made.values()) client.destroy();
    this.made.clear();
  }
}
