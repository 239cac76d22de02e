import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createHandlers } from '../../../main/ipc/handlers';
import { createRouter } from '../../../main/ipc/router';
import { fileLogSink } from '../../../main/services/log-file';
import { createLogger } from '../../../main/services/logger';
import { createTestWorkspace, tempDir } from '../helpers/services';
import { ALL_KINDS_CONFIG, ALL_KINDS_CREDENTIALS, awsHome, useBasicEndpoint } from '../aws/aws-home';

const endpoint = useBasicEndpoint();
const APP = { url: 'app://renderer/index.html', isMainFrame: true };

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

it('Export diagnostics writes versions, logs, schema versions and counts, and no secret a sign-in issued', async () => {
  const { cacheDir } = awsHome({
    config: ALL_KINDS_CONFIG,
    credentials: ALL_KINDS_CREDENTIALS,
    endpointUrl: endpoint.url,
  });
  const logDir = tempDir('aw-logs-');
  const target = join(tempDir('aw-diag-'), 'diagnostics.zip');
  const { services, folder } = await createTestWorkspace({
    logger: createLogger('main', fileLogSink(join(logDir, 'main.log'), { echo: false })),
    logDir,
    aws: { pollScale: 0.01, clientSettings: { maxAttempts: 1 } },
    adapters: {
      pickFile: async (purpose) => (purpose === 'save-diagnostics' ? target : null),
      openExternal: async (url) => endpoint.approveDevice(new URL(url).searchParams.get('user_code')!),
    },
  });
  const router = createRouter({
    handlers: createHandlers(services),
    isTrustedSender: () => true,
    logger: services.logger,
  });
  expect(await router.invoke('aws.signIn', { profile: 'audit' }, APP)).toMatchObject({ ok: true });
  expect(await router.invoke('aws.testConnection', { profile: 'keys' }, APP)).toMatchObject({ ok: true });
  // A failure whose text carried a secret: the log keeps only what the redaction left.
  endpoint.setFaults({ ssoTokens: 'revoked' });
  services.aws.clients.forget();
  expect(await router.invoke('aws.testConnection', { profile: 'audit' }, APP)).toMatchObject({ ok: false });
  endpoint.setFaults({});
  // A rotated log from an older version that wrote a key as it was.
  const cache = JSON.parse(readFileSync(filesUnder(cacheDir)[0]!, 'utf8'));
  writeFileSync(
    join(logDir, 'main.log.1'),
    `old line secretAccessKey=${endpoint.secrets()[0]} token ${cache.accessToken}\n`,
  );
  mkdirSync(join(logDir, 'crashes'));
  writeFileSync(join(logDir, 'crashes', 'dump.dmp'), 'process memory');

  const result = await router.invoke('app.exportDiagnostics', undefined, APP);
  expect(result).toMatchObject({ ok: true, value: { path: target } });
  expect(existsSync(target)).toBe(true);
  expect(readdirSync(join(target, '..'))).toEqual(['diagnostics.zip']);

  const unzipped = tempDir('aw-diag-unzipped-');
  execFileSync('unzip', ['-q', target, '-d', unzipped]);
  const files = filesUnder(unzipped)
    .map((path) => path.slice(unzipped.length + 1))
    .sort();
  expect(files).toEqual([
    'README.txt',
    'about.json',
    'aws-profiles.json',
    'logs/main.log',
    'logs/main.log.1',
    'workspace.json',
  ]);

  const workspace = JSON.parse(readFileSync(join(unzipped, 'workspace.json'), 'utf8'));
  expect(workspace.open).toBe(true);
  expect(workspace.documents).toEqual(expect.arrayContaining([expect.objectContaining({ file: 'workspace.json' })]));
  expect(workspace.documents.find((d: { file: string }) => d.file === 'controls.json').schemaVersion).toEqual(
    expect.any(Number),
  );
  expect(workspace.counts.activityLines).toBeGreaterThan(0);
  const profiles = JSON.parse(readFileSync(join(unzipped, 'aws-profiles.json'), 'utf8'));
  expect(profiles.profiles.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['audit', 'keys']));
  expect(Object.keys(profiles.profiles[0]).sort()).toEqual(['files', 'kind', 'name', 'problems', 'status']);
  expect(readFileSync(join(unzipped, 'logs/main.log'), 'utf8')).toContain('aws: signed in');

  const secrets = [...endpoint.secrets(), cache.accessToken, cache.refreshToken, cache.clientSecret];
  expect(secrets.length).toBeGreaterThan(10);
  const everything = files.map((file) => [file, readFileSync(join(unzipped, file), 'latin1')] as const);
  for (const [file, text] of everything)
    for (const secret of secrets)
      expect(text.includes(secret), `${file} holds a secret (${secret.slice(0, 6)}…)`).toBe(false);
  // Nothing of the audit: not the company, not the workspace path, not an account id.
  for (const [file, text] of everything) {
    expect(text, file).not.toContain('Acme');
    expect(text, file).not.toContain(folder);
    expect(text, file).not.toContain('111122223333');
  }
});

it('a cancelled save writes nothing, and a folder that cannot be written leaves no partial file', async () => {
  const readOnly = tempDir('aw-diag-ro-');
  const { services } = await createTestWorkspace({
    adapters: { pickFile: async () => join(readOnly, 'missing-folder', 'diag.zip') },
  });
  await expect(services.diagnostics.export()).rejects.toMatchObject({ code: 'SAVE_FAILED' });
  expect(readdirSync(readOnly)).toEqual([]);
  const cancelled = await createTestWorkspace({ adapters: { pickFile: async () => null } });
  expect(await cancelled.services.diagnostics.export()).toBeNull();
});
