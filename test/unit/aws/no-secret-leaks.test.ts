import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createHandlers } from '../../../main/ipc/handlers';
import { createRouter } from '../../../main/ipc/router';
import { createLogger } from '../../../main/services/logger';
import { JsonFilePreferences } from '../../../main/services/preferences/json-file-preferences';
import { createTestWorkspace, tempDir } from '../helpers/services';
import { ALL_KINDS_CONFIG, ALL_KINDS_CREDENTIALS, awsHome, useBasicEndpoint } from './aws-home';

const APP = { url: 'file:///app/out/renderer/index.html', isMainFrame: true };

const endpoint = useBasicEndpoint();

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

it('a full sign-in, test connection and account selection leaks no key, secret or token to IPC, events, logs or the workspace', async () => {
  const { cacheDir } = awsHome({
    config: ALL_KINDS_CONFIG,
    credentials: ALL_KINDS_CREDENTIALS,
    endpointUrl: endpoint.url,
  });
  const logLines: string[] = [];
  const userDataDir = tempDir('aw-userdata-');
  const events: Array<{ event: string; payload: unknown }> = [];
  const { services, folder } = await createTestWorkspace({
    userDataDir,
    logger: createLogger('test', (line) => logLines.push(line)),
    aws: { pollScale: 0.01, clientSettings: { maxAttempts: 1 } },
    adapters: {
      preferences: new JsonFilePreferences(join(userDataDir, 'preferences.json')),
      pickFolder: async () => null,
      emit: (event, payload) => events.push({ event, payload }),
      // The person approves the code on the verification page.
      openExternal: async (url) => endpoint.approveDevice(new URL(url).searchParams.get('user_code')!),
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

  expect(await call('aws.profiles')).toMatchObject({ ok: true });
  expect(await call('aws.signIn', { profile: 'audit' })).toMatchObject({ ok: true, value: { profile: 'audit' } });
  expect(await call('aws.testConnection', { profile: 'audit' })).toMatchObject({
    ok: true,
    value: { accountId: '111122223333' },
  });
  expect(await call('aws.testConnection', { profile: 'keys' })).toMatchObject({
    ok: true,
    value: { accountId: '123456789012' },
  });
  expect(await call('aws.testConnection', { profile: 'role' })).toMatchObject({ ok: true });
  expect(await call('aws.listAccounts', { profile: 'audit' })).toMatchObject({ ok: true });
  expect(await call('aws.listRoles', { profile: 'audit', accountId: '444455556666' })).toMatchObject({ ok: true });
  expect(await call('aws.setWorkspaceProfile', { profile: 'audit', region: 'eu-west-1' })).toMatchObject({
    ok: true,
    value: { profile: 'audit', region: 'eu-west-1' },
  });
  expect(
    await call('aws.selectAccounts', { profile: 'audit', accountIds: ['444455556666', '111122223333'] }),
  ).toMatchObject({ ok: true, value: { accountIds: ['111122223333', '444455556666'] } });
  expect(await call('aws.profile', { profile: 'audit' })).toMatchObject({
    ok: true,
    value: { session: { status: 'valid' } },
  });
  // Failures travel too: they must be just as clean.
  endpoint.setFaults({ ssoTokens: 'revoked', sessionCredentials: 'expired' });
  services.aws.clients.forget();
  expect(await call('aws.testConnection', { profile: 'audit' })).toMatchObject({
    ok: false,
    error: { code: 'SSO_TOKEN_EXPIRED' },
  });
  endpoint.setFaults({});

  // What the endpoint issued, what the scenario holds, and what the CLI cache file holds.
  const cacheFile = filesUnder(cacheDir)[0]!;
  const cache = JSON.parse(readFileSync(cacheFile, 'utf8'));
  const secrets = [
    ...endpoint.secrets(),
    cache.accessToken,
    cache.refreshToken,
    cache.clientSecret,
    'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  ];
  expect(secrets.length).toBeGreaterThan(10);
  expect(endpoint.secrets()).toContain(cache.accessToken);

  const haystacks: Array<[string, string]> = [
    ['IPC outputs', JSON.stringify(outputs)],
    ['events', JSON.stringify(events)],
    ['logs', logLines.join('\n')],
    ...filesUnder(folder).map((f): [string, string] => [f, readFileSync(f, 'latin1')]),
    ...filesUnder(userDataDir).map((f): [string, string] => [f, readFileSync(f, 'latin1')]),
  ];
  expect(haystacks.length).toBeGreaterThan(4);
  expect(logLines.join('\n')).toContain('aws: signed in');
  for (const [where, text] of haystacks) {
    for (const secret of secrets)
      expect(text.includes(secret), `${where} contains a secret (${secret.slice(0, 6)}…)`).toBe(false);
  }
  // The workspace remembers the profile and accounts, which is the point.
  expect(
    readFileSync(
      filesUnder(folder).find((f) => f.endsWith('activity.jsonl'))!,
      'utf8',
    ),
  ).toContain('aws.accounts-selected');
  expect(events.some((e) => e.event === 'aws.login')).toBe(true);
});
