import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it, vi } from 'vitest';
import { useLocalEndpoint } from '../helpers/local-endpoint';
import { LOCK_FILE } from '../../../main/services/workspace/lock';
import type { CheckRun } from '../../../shared/domain/findings';
import { DANA, tempDir } from '../helpers/services';
import { checksHarness, iamScenario, IAM_CHECK_IDS } from './iam-harness';

const endpoint = useLocalEndpoint(() => ({ scenario: iamScenario(new Date()) }));

const check = (run: CheckRun, id: string) => run.checks.find((c) => c.checkId === id)!;

/** Every file under a folder with its size and modification time. */
function fileStates(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const s = statSync(p);
      if (s.isDirectory()) walk(p);
      else out[p] = `${s.size}@${s.mtimeMs}`;
    }
  };
  walk(dir);
  return out;
}

describe('IAM checks against a misbehaving endpoint', () => {
  it('a stalled IAM call is retried once, then fails its check with TIMEOUT, and the run finishes', async () => {
    // The production retry budget (10 attempts): a stall must not spend it all on timeouts.
    const h = await checksHarness(endpoint.url, { requestTimeoutMs: 300 });
    endpoint.setFaults({ actionLatencyMs: { 'iam:GetAccountPasswordPolicy': 10_000 } });
    const started = Date.now();
    const run = await h.checks.run({ profile: 'audit', checkIds: IAM_CHECK_IDS });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(run.status).toBe('completed');
    expect(check(run, 'iam.password-policy')).toMatchObject({
      result: 'error',
      error: { code: 'TIMEOUT', message: 'AWS did not answer in time.' },
    });
    expect(endpoint.calls.get('iam:GetAccountPasswordPolicy')).toBe(2);
    expect(run.checks.filter((c) => c.result === 'error').map((c) => c.checkId)).toEqual(['iam.password-policy']);
    expect(h.checks.isRunning()).toBe(false);
  });

  it('a call throttled more often than a timeout may be retried is still retried until it succeeds', async () => {
    const h = await checksHarness(endpoint.url, { requestTimeoutMs: 300 });
    endpoint.setFaults({ throttleNext: { 'iam:GetAccountPasswordPolicy': 2 } });
    const run = await h.checks.run({ profile: 'audit', checkIds: ['iam.password-policy'] });
    expect(check(run, 'iam.password-policy').result).not.toBe('error');
    expect(endpoint.calls.get('iam:GetAccountPasswordPolicy')).toBe(3);
  });

  it('a page marker the endpoint repeats ends the checks that need the list with a clear error instead of looping', async () => {
    const h = await checksHarness(endpoint.url);
    endpoint.setFaults({ repeatMarker: ['iam:GetAccountAuthorizationDetails'] });
    const run = await h.checks.run({ profile: 'audit', checkIds: ['iam.admin-access', 'iam.root-access-keys'] });
    expect(run.status).toBe('completed');
    expect(check(run, 'iam.admin-access')).toMatchObject({
      result: 'error',
      error: {
        code: 'AWS_ERROR',
        message: expect.stringMatching(
          /^IAM GetAccountAuthorizationDetails answered with a page marker it had already given, so its list cannot be completed/,
        ),
      },
    });
    expect(check(run, 'iam.root-access-keys').result).toBe('fail');
    // Each of the four filters: the first page and the one that repeated its marker.
    expect(endpoint.calls.get('iam:GetAccountAuthorizationDetails')).toBe(8);
  });

  it('a repeated marker on the MFA device list leaves root MFA without that corroboration, not hanging', async () => {
    const h = await checksHarness(endpoint.url);
    endpoint.setFaults({ repeatMarker: ['iam:ListVirtualMFADevices'] });
    const run = await h.checks.run({ profile: 'audit', checkIds: ['iam.root-mfa'] });
    expect(run.status).toBe('completed');
    expect(endpoint.calls.get('iam:ListVirtualMFADevices')).toBe(2);
    expect(check(run, 'iam.root-mfa').notes.join('\n')).toMatch(
      /ListVirtualMFADevices answered with a page marker it had already given/,
    );
  });
});

describe('closing or switching the workspace while checks run', () => {
  for (const how of ['switch', 'close'] as const) {
    it(`${how}: cancels the run and waits for it; nothing is written into the first workspace once it is closed`, async () => {
      const h = await checksHarness(endpoint.url);
      endpoint.setFaults({ latencyMs: 150 });
      const first = h.folder;
      let settled = false;
      const running = h.checks.run({ profile: 'audit', checkIds: IAM_CHECK_IDS }).finally(() => (settled = true));
      // Under way: calls to IAM have started.
      await vi.waitFor(() => expect(endpoint.calls.get('iam:GetAccountSummary') ?? 0).toBeGreaterThan(0), {
        timeout: 5_000,
        interval: 20,
      });

      if (how === 'switch') {
        const second = join(tempDir('aw-ws2-'), 'workspace');
        await h.services.workspaces.create({
          folder: second,
          companyName: 'Other Co',
          systemName: 'Other',
          asOfDate: '2026-12-31',
          categories: ['security'],
          me: DANA,
        });
        expect(h.services.workspaces.require().root).toBe(second);
      } else {
        await h.services.workspaces.close();
      }
      // The run ended before the first workspace's lock was released.
      expect(settled).toBe(true);
      const closed = fileStates(first);
      expect(Object.keys(closed).some((p) => p.endsWith(LOCK_FILE))).toBe(false);

      const run = await running;
      expect(run.status).toBe('cancelled');
      // Well past the endpoint's latency: a run still going would have written by now.
      await sleep(600);
      expect(fileStates(first)).toEqual(closed);
      expect(h.checks.isRunning()).toBe(false);
    });
  }
});
