import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHandlers } from '../../../main/ipc/handlers';
import { createRouter } from '../../../main/ipc/router';
import { createTestWorkspace } from '../helpers/services';
import { ALL_KINDS_CONFIG, ALL_KINDS_CREDENTIALS, awsHome } from './aws-home';

const APP = { url: 'file:///app/out/renderer/index.html', isMainFrame: true };
const PROD = '111122223333';

afterEach(() => vi.unstubAllEnvs());

async function setup() {
  awsHome({ config: ALL_KINDS_CONFIG, credentials: ALL_KINDS_CREDENTIALS });
  const ctx = await createTestWorkspace();
  const savedAccounts = () =>
    JSON.parse(readFileSync(join(ctx.folder, 'workspace.json'), 'utf8')).aws.accountIds as string[];
  const selections = async () =>
    (await ctx.services.workspaces.require().activity.read()).entries.filter(
      (e) => e.action === 'aws.accounts-selected',
    );
  return { ...ctx, savedAccounts, selections };
}

describe("saving the workspace's accounts", () => {
  it('refuses a selection listed through another profile than the workspace’s, and saves nothing', async () => {
    const { services, savedAccounts, selections } = await setup();
    await services.awsWorkspace.setProfile('audit', 'eu-west-1');
    await expect(services.awsWorkspace.selectAccounts([PROD], 'legacy')).rejects.toMatchObject({
      code: 'CONFLICT',
      message:
        'These accounts were listed through the profile "legacy", but this workspace uses "audit", so they were not saved.',
      hint: expect.stringContaining('profile "audit"'),
    });
    expect(savedAccounts()).toEqual([]);
    expect(await selections()).toEqual([]);

    expect((await services.awsWorkspace.selectAccounts([PROD], 'audit')).accountIds).toEqual([PROD]);
    expect(savedAccounts()).toEqual([PROD]);
    expect((await selections())[0]).toMatchObject({ details: { accountIds: [PROD], profile: 'audit' } });
  });

  it("refuses any selection while the workspace has no profile: choose the workspace's profile first", async () => {
    const { services, savedAccounts } = await setup();
    await expect(services.awsWorkspace.selectAccounts([PROD], 'audit')).rejects.toMatchObject({
      code: 'PROFILE_NOT_FOUND',
      message: expect.stringContaining("Choose the workspace's profile first"),
    });
    expect(savedAccounts()).toEqual([]);
  });

  it('over IPC, the profile the accounts were listed through is required and checked', async () => {
    const { services, savedAccounts } = await setup();
    const router = createRouter({
      handlers: createHandlers(services),
      isTrustedSender: () => true,
      logger: services.logger,
    });
    await services.awsWorkspace.setProfile('audit');
    expect(await router.invoke('aws.selectAccounts', { accountIds: [PROD] }, APP)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await router.invoke('aws.selectAccounts', { profile: 'keys', accountIds: [PROD] }, APP)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(savedAccounts()).toEqual([]);
    expect(await router.invoke('aws.selectAccounts', { profile: 'audit', accountIds: [PROD] }, APP)).toMatchObject({
      ok: true,
      value: { accountIds: [PROD] },
    });
  });
});
