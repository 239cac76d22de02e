import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../../main/ipc/handlers';
import { createRouter } from '../../../main/ipc/router';
import { silentLogger } from '../../../main/services/logger';
import { allChannels, createApi } from '../../../shared/ipc/create-api';
import { createTestWorkspace, testServices } from '../helpers/services';

const APP = { url: 'file:///app/out/renderer/index.html', isMainFrame: true };

function routerFor(services: ReturnType<typeof testServices>['services']) {
  return createRouter({
    handlers: createHandlers(services),
    isTrustedSender: (s) => s.isMainFrame && s.url.startsWith('file:///app/'),
    logger: silentLogger,
  });
}

describe('the IPC router', () => {
  it('answers a valid call with ok and the value', async () => {
    const { services, folder } = await createTestWorkspace();
    const result = await routerFor(services).invoke('workspace.current', undefined, APP);
    expect(result).toMatchObject({ ok: true, value: { path: folder } });
  });

  it('refuses calls from frames that are not the app main frame', async () => {
    const { services } = testServices();
    const router = routerFor(services);
    expect(
      await router.invoke('workspace.recent', undefined, { url: 'https://evil.example/', isMainFrame: true }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    expect(await router.invoke('workspace.recent', undefined, { ...APP, isMainFrame: false })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN_SENDER' },
    });
  });

  it('names unknown channels instead of throwing', async () => {
    const router = routerFor(testServices().services);
    for (const channel of ['nope', 'workspace.delete', '__proto__', 'constructor.name', '']) {
      expect(await router.invoke(channel, undefined, APP)).toMatchObject({
        ok: false,
        error: { code: 'UNKNOWN_CHANNEL' },
      });
    }
  });

  it('validates input and says which field is wrong', async () => {
    const { services } = await createTestWorkspace();
    const router = routerFor(services);
    const result = await router.invoke('controls.setStatus', { controlId: 'iam-root-account', status: 'done' }, APP);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INVALID_INPUT');
    expect(result.error.message).toContain('status');
  });

  it('turns service errors into stable codes with a message and hint for people', async () => {
    const router = routerFor(testServices().services);
    const result = await router.invoke('controls.states', undefined, APP);
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'NO_WORKSPACE', hint: expect.stringContaining('Create a workspace') },
    });
  });

  it('survives malformed input on every channel: every answer is a Result, nothing throws, nothing is written wrongly', async () => {
    const { services, folder } = await createTestWorkspace();
    const router = routerFor(services);
    const junk: unknown[] = [
      null,
      42,
      'x',
      [],
      { controlId: 7 },
      { folder: { $gt: '' } },
      { __proto__: { polluted: true } },
      { id: '../../etc' },
      Symbol.for('x').toString(),
    ];
    const mutating =
      /\.(create|open|close|restoreBackup|set|setOwner|setStatus|setNotes|add|update|remove|addExclusion|removeExclusion|updateSettings)$/;
    for (const channel of allChannels()) {
      for (const input of junk) {
        const result = await router.invoke(channel, input, APP);
        expect(typeof result.ok).toBe('boolean');
        if (mutating.test(channel) && channel !== 'workspace.close')
          expect(result.ok, `${channel} accepted ${JSON.stringify(input)}`).toBe(false);
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(services.workspaces.current()?.root ?? folder).toBe(folder);
  });

  it('createApi exposes exactly the contract, typed, over any transport', async () => {
    const { services } = await createTestWorkspace();
    const router = routerFor(services);
    const api = createApi({ invoke: (c, i) => router.invoke(c, i, APP), subscribe: () => () => {} });
    const members = await api.team.list();
    expect(members.ok && members.value.map((m) => m.email)).toEqual(['dana@acme.example']);
    expect(Object.isFrozen(api)).toBe(true);
  });
});

describe('workspace settings over IPC', () => {
  it('changes one check limit and keeps the others', async () => {
    const { services } = await createTestWorkspace();
    const router = routerFor(services);
    await router.invoke('workspace.updateSettings', { checkSettings: { passwordMinLength: 16 } }, APP);
    const second = await router.invoke('workspace.updateSettings', { checkSettings: { accessKeyMaxAgeDays: 30 } }, APP);
    expect(second).toMatchObject({
      ok: true,
      value: { meta: { checkSettings: { passwordMinLength: 16, accessKeyMaxAgeDays: 30, unusedCredentialDays: 90 } } },
    });
  });
});
