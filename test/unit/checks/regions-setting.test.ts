import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../../main/ipc/handlers';
import { createRouter } from '../../../main/ipc/router';
import { silentLogger } from '../../../main/services/logger';
import { sandboxLookup } from '../../../main/sandbox/aws-endpoint/sandbox-http';
import { PRODUCTION, multiAccountScenario } from '../../../main/sandbox/aws-endpoint/scenarios/multi-account';
import { useLocalEndpoint } from '../helpers/local-endpoint';
import { signedInSsoHome } from '../helpers/sso-home';
import { activityOnDisk, createTestWorkspace } from '../helpers/services';

const endpoint = useLocalEndpoint(() => ({ scenario: multiAccountScenario() }));
const APP = { url: 'file:///app/out/renderer/index.html', isMainFrame: true };

/** A workspace on the multi-account scenario, signed in through SSO, over the real IPC router. */
async function regionsWorkspace() {
  signedInSsoHome(endpoint.url);
  const ws = await createTestWorkspace({ aws: { clientSettings: { maxAttempts: 3, lookup: sandboxLookup } } });
  await ws.services.awsWorkspace.setProfile('audit');
  await ws.services.awsWorkspace.selectAccounts([PRODUCTION], 'audit');
  const router = createRouter({
    handlers: createHandlers(ws.services),
    isTrustedSender: () => true,
    logger: silentLogger,
  });
  return { ...ws, router };
}

describe('the regions the checks read, in the workspace’s Settings', () => {
  it('lists the account’s regions with why each is in use; a chosen region not enabled is recorded, never read', async () => {
    const { services, router, folder } = await regionsWorkspace();
    const first = await router.invoke('regions.view', undefined, APP);
    if (!first.ok) throw new Error(first.error.message);
    const view = first.value as Awaited<ReturnType<typeof services.regions.view>>;
    expect(view.problem).toBeNull();
    expect(view.accountId).toBe(PRODUCTION);
    expect(view.chosen).toBeNull();
    const why = Object.fromEntries(view.inUse.map((r) => [r.region, r.why]));
    const counted = Object.fromEntries(view.inUse.map((r) => [r.region, r.counted]));
    // Where the account has resources, found from the account itself, with the engine's words.
    expect(why['eu-south-1']).toBe('1 VPC besides the default one; 1 security group besides the default ones');
    expect(why['eu-west-1']).toMatch(/^the home region; 2 buckets live here; /);
    expect(counted['eu-west-1']).toBe(true);
    expect(why['ap-northeast-1']).toBe('enabled, nothing found');
    expect(counted['ap-northeast-1']).toBe(false);
    expect(why['ap-east-1']).toBeUndefined();
    expect(view.listed.find((r) => r.region === 'ap-east-1')?.status).toBe('not_enabled');

    const saved = await router.invoke('regions.choose', { regions: ['eu-west-1', 'ap-east-1', 'eu-west-1'] }, APP);
    expect(saved).toMatchObject({ ok: true, value: { regions: ['ap-east-1', 'eu-west-1'] } });
    const chosen = await services.regions.view();
    expect(chosen.inUse).toEqual([
      {
        region: 'eu-west-1',
        why: expect.stringMatching(/^chosen in Settings; the home region; 2 buckets live here/),
        counted: true,
      },
    ]);
    expect(chosen.notEnabled).toEqual(['ap-east-1']);
    expect(activityOnDisk(folder).at(-1)).toMatchObject({
      action: 'aws.regions-chosen',
      summary: 'Regions the checks read: ap-east-1, eu-west-1',
    });

    // The engine honours the choice: a run reads eu-west-1 only, and records ap-east-1 as not enabled.
    const run = await services.checks.run({ checkIds: ['monitoring.guardduty'] });
    const account = run.accounts.find((a) => a.id === PRODUCTION)!;
    expect(account.regions.map((r) => r.region)).toEqual(['eu-west-1']);
    expect(account.notEnabled).toEqual(['ap-east-1']);
    const entities = run.checks.find((c) => c.accountId === PRODUCTION)!.entities;
    expect(new Set(entities.map((e) => e.region))).toEqual(new Set(['eu-west-1', 'ap-east-1']));
    expect(entities.find((e) => e.region === 'ap-east-1')?.result).not.toBe('fail');

    // Back to every enabled region.
    await router.invoke('regions.choose', { regions: null }, APP);
    expect(JSON.parse(readFileSync(join(folder, 'workspace.json'), 'utf8')).aws.regions).toBeUndefined();
    expect((await services.regions.view()).inUse.map((r) => r.region)).toContain('eu-south-1');
  }, 120_000);

  it('refuses a region that is not a region code, naming it, and changes nothing', async () => {
    const { router, folder } = await regionsWorkspace();
    const before = readFileSync(join(folder, 'workspace.json'), 'utf8');
    const refused = await router.invoke('regions.choose', { regions: ['us-east-1', 'Frankfurt'] }, APP);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('INVALID_INPUT');
    expect(refused.error.message).toMatch(/region code like us-east-1/);
    expect(readFileSync(join(folder, 'workspace.json'), 'utf8')).toBe(before);
  });

  it('says why the regions cannot be listed when the account is not reachable, and still shows the choice', async () => {
    const { services, router } = await regionsWorkspace();
    await services.regions.choose(['eu-west-1']);
    endpoint.setFaults({ denyActions: ['account:ListRegions'] });
    const view = await router.invoke('regions.view', undefined, APP);
    if (!view.ok) throw new Error(view.error.message);
    const value = view.value as Awaited<ReturnType<typeof services.regions.view>>;
    expect(value.problem?.code).toBe('ACCESS_DENIED');
    expect(value.chosen).toEqual(['eu-west-1']);
    expect(value.inUse).toEqual([{ region: 'eu-west-1', why: 'chosen in Settings', counted: true }]);
  });
});
