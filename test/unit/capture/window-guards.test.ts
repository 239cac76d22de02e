import { afterEach, describe, expect, it, vi } from 'vitest';
import { awsNavigationPolicy, webNavigationPolicy } from '../../../main/services/capture/navigation-policy';
import { DEFAULT_ENDPOINTS } from '../../../main/services/capture/partitions';
import {
  captureTimeoutError,
  openFailure,
  refusesNavigation,
  withTimeout,
} from '../../../main/services/capture/window-guards';
import { AppError } from '../../../shared/ipc/result';

describe('withTimeout', () => {
  afterEach(() => vi.useRealTimers());

  it('passes a result that arrives in time through, and never calls onTimeout', async () => {
    vi.useFakeTimers();
    const onTimeout = vi.fn(() => new Error('late'));
    const work = new Promise<string>((resolve) => setTimeout(() => resolve('shot'), 1_000));
    const result = withTimeout(work, 15_000, onTimeout);
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(result).resolves.toBe('shot');
    await vi.advanceTimersByTimeAsync(20_000);
    expect(onTimeout).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('passes a rejection that arrives in time through', async () => {
    const onTimeout = vi.fn(() => new Error('late'));
    await expect(withTimeout(Promise.reject(new Error('not attached')), 15_000, onTimeout)).rejects.toThrow(
      'not attached',
    );
    expect(onTimeout).not.toHaveBeenCalled();
  });

  it('rejects with the error onTimeout returns when the work never settles, calling it once', async () => {
    vi.useFakeTimers();
    const onTimeout = vi.fn(() => captureTimeoutError());
    const result = withTimeout(new Promise<never>(() => undefined), 15_000, onTimeout);
    const settled = result.then(
      () => 'resolved',
      (error: unknown) => error,
    );
    await vi.advanceTimersByTimeAsync(14_999);
    expect(onTimeout).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    const error = await settled;
    expect(onTimeout).toHaveBeenCalledTimes(1);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('CAPTURE_FAILED');
    expect((error as AppError).message).toContain('15 seconds');
    expect((error as AppError).hint).toMatch(/front/);
  });

  it('ignores work that settles after the deadline (no unhandled rejection)', async () => {
    vi.useFakeTimers();
    let fail!: (e: Error) => void;
    const work = new Promise<never>((_r, reject) => (fail = reject));
    const result = withTimeout(work, 100, () => new Error('timed out')).catch((e: Error) => e.message);
    await vi.advanceTimersByTimeAsync(100);
    fail(new Error('detached'));
    expect(await result).toBe('timed out');
  });

  it('still rejects when the cleanup in onTimeout throws', async () => {
    vi.useFakeTimers();
    const result = withTimeout(new Promise<never>(() => undefined), 10, () => {
      throw new Error('detach failed');
    }).catch((e: Error) => e.message);
    await vi.advanceTimersByTimeAsync(10);
    expect(await result).toBe('detach failed');
  });
});

describe('refusesNavigation: the policy governs the main frame only', () => {
  const aws = awsNavigationPolicy(DEFAULT_ENDPOINTS.aws);
  const web = webNavigationPolicy();

  it('refuses main-frame navigations the policy refuses, allows the ones it allows', () => {
    expect(refusesNavigation({ url: 'https://evil.example/phish', isMainFrame: true }, aws)).toBe(true);
    expect(refusesNavigation({ url: 'https://signin.aws.amazon.com/switchrole', isMainFrame: true }, aws)).toBe(true);
    expect(
      refusesNavigation({ url: 'https://us-east-1.console.aws.amazon.com/iam/home', isMainFrame: true }, aws),
    ).toBe(false);
    expect(refusesNavigation({ url: 'http://tool.example/', isMainFrame: true }, web)).toBe(true);
  });

  it('leaves sub-frame redirects alone (the session filter sees those)', () => {
    expect(refusesNavigation({ url: 'https://a.b.cdn.example/frame', isMainFrame: false }, aws)).toBe(false);
    expect(refusesNavigation({ url: 'https://auth.example/iframe', isMainFrame: false }, web)).toBe(false);
  });
});

describe('openFailure', () => {
  it('hands the window over when it loaded and nothing was refused', () => {
    expect(openFailure('aws', { destroyed: false, refusedDuringLoad: false })).toBeNull();
    expect(openFailure('web', { destroyed: false, refusedDuringLoad: false })).toBeNull();
  });

  it('a refused redirect during an AWS sign-in is SIGNIN_REFUSED and says where it went wrong', () => {
    const error = openFailure('aws', { destroyed: false, refusedDuringLoad: true })!;
    expect(error.code).toBe('SIGNIN_REFUSED');
    expect(error.message).toMatch(/redirected to a page the app does not allow/);
    expect(error.hint).toBeTruthy();
  });

  it('a refused redirect in a web window is CAPTURE_FAILED', () => {
    const error = openFailure('web', { destroyed: false, refusedDuringLoad: true })!;
    expect(error.code).toBe('CAPTURE_FAILED');
    expect(error.message).toMatch(/redirected/);
  });

  it('a window closed while loading is CAPTURE_FAILED, whatever else happened', () => {
    for (const kind of ['aws', 'web'] as const) {
      const error = openFailure(kind, { destroyed: true, refusedDuringLoad: true })!;
      expect(error.code).toBe('CAPTURE_FAILED');
      expect(error.message).toMatch(/closed before/);
    }
  });
});
