import type { RetryErrorInfo, RetryStrategyV2, StandardRetryToken } from '@smithy/types';
import { StandardRetryStrategy } from '@smithy/util-retry';

/**
 * The SDK's standard retries, except that a call which timed out or lost its connection is
 * retried only `timeoutRetries` times. Throttling deserves many patient retries (IAM throttles
 * bursts), but the same budget for a stalled endpoint would mean ten full request timeouts
 * before the user hears anything.
 */
export class ThrottlePatientRetryStrategy implements RetryStrategyV2 {
  private readonly inner: StandardRetryStrategy;
  private readonly transientRetries = new WeakMap<StandardRetryToken, number>();

  constructor(
    maxAttempts: number,
    private readonly timeoutRetries: number,
  ) {
    this.inner = new StandardRetryStrategy(maxAttempts);
  }

  acquireInitialRetryToken(scope: string): Promise<StandardRetryToken> {
    return this.inner.acquireInitialRetryToken(scope);
  }

  async refreshRetryTokenForRetry(token: StandardRetryToken, errorInfo: RetryErrorInfo): Promise<StandardRetryToken> {
    const used = (this.transientRetries.get(token) ?? 0) + (errorInfo.errorType === 'TRANSIENT' ? 1 : 0);
    // The SDK's retry middleware answers a refused token by throwing the call's own error.
    if (used > this.timeoutRetries) throw new Error('No more retries for a call that timed out.');
    const next = await this.inner.refreshRetryTokenForRetry(token, errorInfo);
    this.transientRetries.set(next, used);
    return next;
  }

  recordSuccess(token: StandardRetryToken): void {
    this.inner.recordSuccess(token);
  }
}
