import { describe, expect, it } from 'vitest';
import { SERVICE_CHECKS } from '../../../shared/checks/services';
import type { AccountRunProgress } from '../../../shared/domain/findings';
import { events as eventSchemas } from '../../../shared/ipc/events';
import { sandboxLookup } from '../../../main/sandbox/aws-endpoint/sandbox-http';
import {
  PRODUCTION,
  SANDBOX,
  STAGING,
  multiAccountScenario,
} from '../../../main/sandbox/aws-endpoint/scenarios/multi-account';
import { useLocalEndpoint } from '../helpers/local-endpoint';
import { signedInSsoHome } from '../helpers/sso-home';
import { createTestWorkspace } from '../helpers/services';

const endpoint = useLocalEndpoint(() => ({ scenario: multiAccountScenario() }));

describe('a run over several accounts says where it is in each', () => {
  it('reports per account its regions read and checks done, monotonic, up to the totals, valid for the contract', async () => {
    signedInSsoHome(endpoint.url);
    const seen: AccountRunProgress[] = [];
    const ws = await createTestWorkspace({
      aws: { clientSettings: { maxAttempts: 3, lookup: sandboxLookup } },
      adapters: {
        emit: (event, payload) => {
          if (event !== 'checks.progress' || !('account' in payload)) return;
          // What main sends is parsed by the contract first (main/index.ts).
          seen.push(eventSchemas['checks.progress'].parse(payload) as AccountRunProgress);
        },
      },
    });
    const { awsWorkspace, checks } = ws.services;
    await awsWorkspace.setProfile('audit');
    await awsWorkspace.selectAccounts([PRODUCTION, STAGING, SANDBOX], 'audit');
    const checkIds = SERVICE_CHECKS.map((c) => c.id);
    const run = await checks.run({ checkIds });
    expect(run.status).toBe('completed');

    // The reached accounts each report; the one whose role is missing is in the run's result only.
    const reached = run.accounts.filter((a) => !a.error);
    expect(reached.map((a) => a.id).sort()).toEqual([PRODUCTION, STAGING].sort());
    expect([...new Set(seen.map((p) => p.account.id))].sort()).toEqual([PRODUCTION, STAGING].sort());
    for (const account of reached) {
      const mine = seen.filter((p) => p.account.id === account.id);
      expect(mine.every((p) => p.runId === run.runId)).toBe(true);
      const regionsTotal =
        account.regions.length - account.notEnabled.filter((r) => account.regions.some((x) => x.region === r)).length;
      expect(regionsTotal).toBeGreaterThan(1);
      expect(mine[0]).toMatchObject({ regionsRead: 0, checksDone: 0 });
      for (const p of mine) {
        expect(p.regionsTotal).toBe(regionsTotal);
        expect(p.checksTotal).toBe(checkIds.length);
      }
      for (let i = 1; i < mine.length; i++) {
        expect(mine[i]!.regionsRead!).toBeGreaterThanOrEqual(mine[i - 1]!.regionsRead!);
        expect(mine[i]!.checksDone).toBeGreaterThanOrEqual(mine[i - 1]!.checksDone);
      }
      const last = mine.at(-1)!;
      expect(last).toMatchObject({ regionsRead: regionsTotal, checksDone: checkIds.length });
      // Every region's completion and every check's is an event of its own.
      expect(mine.length).toBe(1 + regionsTotal + checkIds.length);
    }
    expect(seen.find((p) => p.account.id === PRODUCTION)?.account.alias).toBe(
      run.accounts.find((a) => a.id === PRODUCTION)?.alias,
    );
  }, 120_000);
});
