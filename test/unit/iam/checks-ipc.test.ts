import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { useLocalEndpoint } from '../helpers/local-endpoint';
import { createHandlers } from '../../../main/ipc/handlers';
import { createRouter } from '../../../main/ipc/router';
import { createLogger } from '../../../main/services/logger';
import { controlsForCheck } from '../../../shared/catalog';
import { writeSignedInAwsHome } from '../../fixtures/signed-in-aws-home';
import { awsHome } from '../aws/aws-home';
import { JsonFilePreferences } from '../../../main/services/preferences/json-file-preferences';
import { createTestWorkspace, tempDir } from '../helpers/services';
import { iamScenario, IAM_CHECK_IDS } from './iam-harness';

const APP = { url: 'file:///app/out/renderer/index.html', isMainFrame: true };

const endpoint = useLocalEndpoint(() => ({ scenario: iamScenario(new Date()) }));

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? filesUnder(join(dir, n)) : [join(dir, n)]));

it('runs checks through the IPC router: validated input, progress events, findings per control, and no secret anywhere', async () => {
  writeSignedInAwsHome(awsHome({ endpointUrl: endpoint.url }).home);
  const logLines: string[] = [];
  const events: { event: string; payload: unknown }[] = [];
  const userDataDir = tempDir('aw-userdata-');
  const { services, folder } = await createTestWorkspace({
    userDataDir,
    logger: createLogger('test', (line) => logLines.push(line)),
    checks: { poll: { delaysMs: [5], maxWaitMs: 2_000 } },
    adapters: {
      preferences: new JsonFilePreferences(join(userDataDir, 'preferences.json')),
      pickFolder: async () => null,
      openExternal: async () => {},
      emit: (event, payload) => events.push({ event, payload }),
    },
  });
  const router = createRouter({
    handlers: createHandlers(services),
    isTrustedSender: () => true,
    logger: services.logger,
  });
  const outputs: unknown[] = [];
  const call = async (channel: string, input?: unknown) => {
    const r = await router.invoke(channel, input, APP);
    outputs.push(r);
    return r;
  };

  // No profile chosen yet: a message that says where to choose one.
  expect(await call('checks.run', {})).toMatchObject({
    ok: false,
    error: { code: 'PROFILE_NOT_FOUND', hint: expect.stringMatching(/AWS screen/) },
  });
  expect(await call('checks.run', { checkIds: ['not a check'] })).toMatchObject({
    ok: false,
    error: { code: 'INVALID_INPUT' },
  });
  expect(await call('aws.setWorkspaceProfile', { profile: 'audit' })).toMatchObject({ ok: true });
  expect(await call('checks.run', { checkIds: ['iam.nope'] })).toMatchObject({
    ok: false,
    error: { code: 'INVALID_INPUT', message: 'Unknown check id: iam.nope.' },
  });

  const run = await call('checks.run', { checkIds: IAM_CHECK_IDS });
  expect(run).toMatchObject({ ok: true, value: { status: 'completed', account: { id: '111122223333' } } });
  expect(await call('checks.running')).toEqual({ ok: true, value: false });
  expect(await call('checks.cancel')).toEqual({ ok: true, value: false });
  const progress = events.filter((e) => e.event === 'checks.progress' && 'checkId' in (e.payload as object));
  expect(progress.length).toBeGreaterThan(18);
  expect(new Set(progress.map((e) => (e.payload as { checkId: string }).checkId)).size).toBe(9);
  expect(events).toContainEqual({ event: 'workspace.changed', payload: { reason: 'checks.run' } });

  const controlId = controlsForCheck('iam.root-mfa')[0]!.id;
  const view = await call('checks.forControl', { controlId });
  expect(view).toMatchObject({
    ok: true,
    value: {
      controlId,
      checks: expect.arrayContaining([
        expect.objectContaining({
          checkId: 'iam.root-mfa',
          latest: [expect.objectContaining({ integrity: 'ok', finding: expect.objectContaining({ result: 'fail' }) })],
        }),
      ]),
    },
  });
  expect(await call('checks.latest')).toMatchObject({
    ok: true,
    value: expect.arrayContaining([expect.objectContaining({ checkId: 'iam.admin-access' })]),
  });
  expect(await call('checks.forControl', { controlId: 'no-such-control' })).toMatchObject({
    ok: false,
    error: { code: 'NOT_FOUND' },
  });

  // A failing run travels just as cleanly.
  endpoint.setFaults({ sessionCredentials: 'expired' });
  services.aws.clients.forget();
  const failed = await call('checks.run', { controlId });
  expect(failed.ok).toBe(false);

  const secrets = [...endpoint.secrets(), 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'];
  const haystacks: [string, string][] = [
    ['IPC outputs', JSON.stringify(outputs)],
    ['events', JSON.stringify(events)],
    ['logs', logLines.join('\n')],
    ...filesUnder(folder).map((f): [string, string] => [f, readFileSync(f, 'latin1')]),
  ];
  for (const [where, text] of haystacks)
    for (const s of secrets) expect(text.includes(s), `${where} contains a secret (${s.slice(0, 6)}…)`).toBe(false);
});
