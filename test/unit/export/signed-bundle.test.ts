import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyBundle } from '../../../main/services/export/verify';
import { parsePublicKey } from '../../../main/services/signing/public-key';
import { refusal } from '../helpers/services';
import { makeKey, startAgent, tempKeyDir, type TestAgent, type TestKey } from '../../fixtures/ssh-keys';
import { scenarioWorkspace, type Scenario } from './scenario';

const root = resolve(__dirname, '../../..');
const cli = (args: string[], env: NodeJS.ProcessEnv = process.env) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'main/cli.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    env,
    timeout: 120_000,
  });

/** The command README.txt gives the auditor, run as they would run it, in the extracted folder. */
function readmeCommand(folder: string): string {
  const readme = readFileSync(join(folder, 'README.txt'), 'utf8');
  const command = /^\s+(ssh-keygen -Y verify .*< SHA256SUMS)\r?$/m.exec(readme)?.[1];
  if (!command) throw new Error('README.txt gives no ssh-keygen command');
  return command;
}
const runInFolder = (folder: string, command: string) =>
  spawnSync('sh', ['-c', command], { cwd: folder, encoding: 'utf8', timeout: 20_000 });

describe('a bundle signed with the preparer’s SSH key', () => {
  const keys = tempKeyDir();
  let agent: TestAgent;
  let dana: TestKey;
  let other: TestKey;
  let locked: TestKey;
  let s: Scenario;
  let work: string;
  let signedZip: string;

  const extract = (zip: string) => {
    const folder = mkdtempSync(join(work, 'x-'));
    execFileSync('unzip', ['-q', zip, '-d', folder]);
    return folder;
  };
  const rezip = (folder: string, name: string) => {
    const out = join(work, name);
    execFileSync('zip', ['-q', '-r', '-X', out, '.'], { cwd: folder });
    return out;
  };

  beforeAll(async () => {
    dana = makeKey(keys.dir, 'dana', { comment: 'dana@acme.example' });
    other = makeKey(keys.dir, 'other');
    locked = makeKey(keys.dir, 'locked', { passphrase: 'not typed by the app' });
    agent = await startAgent(keys.dir);
    agent.add(dana);
    s = await scenarioWorkspace({ signing: { env: () => agent.env } });
    work = mkdtempSync(join(tmpdir(), 'aw-signed-'));
    signedZip = join(dirname(s.folder), 'signed.zip');
    await s.services.exports.run({ outPath: signedZip }, { source: 'agent', publicKey: dana.publicKey });
  }, 120_000);
  afterAll(async () => {
    await s?.services.workspaces.close();
    await agent?.stop();
    keys.remove();
    rmSync(work, { recursive: true, force: true });
  });

  it('the system ssh-keygen verifies it with README’s one command, and not after a one-byte change', () => {
    const folder = extract(signedZip);
    const command = readmeCommand(folder);
    expect(command).toBe(
      'ssh-keygen -Y verify -f allowed_signers -I dana@acme.example -n audit-bundle -s SHA256SUMS.sig < SHA256SUMS',
    );
    const good = runInFolder(folder, command);
    expect(good.status).toBe(0);
    const fingerprint = parsePublicKey(dana.publicKey)!.fingerprint;
    expect(good.stdout).toContain(
      `Good "audit-bundle" signature for dana@acme.example with ED25519 key ${fingerprint}`,
    );
    expect(readFileSync(join(folder, 'README.txt'), 'utf8')).toContain(
      `confirm the key\r\n   fingerprint ${fingerprint}`,
    );
    // sha256sum -c still passes: allowed_signers is listed, the signature is the one file it cannot list.
    expect(spawnSync('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], { cwd: folder }).status).toBe(0);
    const sums = readFileSync(join(folder, 'SHA256SUMS'));
    sums[0] = sums[0] === 0x30 ? 0x31 : 0x30;
    writeFileSync(join(folder, 'SHA256SUMS'), sums);
    const bad = runInFolder(folder, command);
    expect(bad.status).not.toBe(0);
    expect(bad.stdout).not.toContain('Good');
  });

  it('the app’s verify checks the signature and reports the key fingerprint', async () => {
    const report = await s.services.exports.verify(signedZip);
    expect(report.problems).toEqual([]);
    expect(report.signature).toEqual({
      principal: 'dana@acme.example',
      keyType: 'ED25519',
      fingerprint: parsePublicKey(dana.publicKey)!.fingerprint,
      verified: true,
    });
  });

  it('a signature made with another key is refused, naming the key the bundle expects', async () => {
    const folder = extract(signedZip);
    const forged = execFileSync('ssh-keygen', ['-Y', 'sign', '-f', other.path, '-n', 'audit-bundle'], {
      input: readFileSync(join(folder, 'SHA256SUMS')),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    writeFileSync(join(folder, 'SHA256SUMS.sig'), forged);
    expect(runInFolder(folder, readmeCommand(folder)).status).not.toBe(0);
    const report = await verifyBundle(rezip(folder, 'other-key.zip'));
    expect(report.ok).toBe(false);
    expect(report.signature?.verified).toBe(false);
    expect(report.problems).toContain(
      `SHA256SUMS.sig was not made with dana@acme.example's ED25519 key ${parsePublicKey(dana.publicKey)!.fingerprint} in allowed_signers: it was signed with another key.`,
    );
  });

  it('a signature over another bundle is refused as such', async () => {
    const otherZip = join(dirname(s.folder), 'signed-other.zip');
    await s.services.exports.run({ outPath: otherZip, includeNotes: false }, { source: 'file', path: dana.path });
    const folder = extract(signedZip);
    copyFileSync(join(extract(otherZip), 'SHA256SUMS.sig'), join(folder, 'SHA256SUMS.sig'));
    const report = await verifyBundle(rezip(folder, 'transplanted.zip'));
    expect(report.ok).toBe(false);
    expect(report.problems.join(' ')).toContain(
      "but over other content than this bundle's SHA256SUMS: it is the signature of another bundle",
    );
  }, 120_000);

  it('the two signature files travel only together, and only in a bundle that says it is signed', async () => {
    const folder = extract(signedZip);
    unlinkSync(join(folder, 'SHA256SUMS.sig'));
    const withoutSig = await verifyBundle(rezip(folder, 'no-sig.zip'));
    expect(withoutSig.problems.join(' ')).toContain('SHA256SUMS.sig is missing: the signature cannot be checked');

    const unsignedZip = join(dirname(s.folder), 'unsigned.zip');
    const unsigned = await s.services.exports.run({ outPath: unsignedZip });
    expect(unsigned.signature).toBeNull();
    const plain = extract(unsignedZip);
    expect(readFileSync(join(plain, 'README.txt'), 'utf8')).toContain('Signed:         no');
    copyFileSync(join(extract(signedZip), 'SHA256SUMS.sig'), join(plain, 'SHA256SUMS.sig'));
    const added = await verifyBundle(rezip(plain, 'sig-added.zip'));
    expect(added.ok).toBe(false);
    expect(added.problems).toContain(
      'SHA256SUMS.sig is not part of the bundle: the export never writes it and manifest.json does not list it. It was added after export.',
    );
  }, 120_000);

  it('an allowed_signers swapped for another key is refused even when SHA256SUMS is rebuilt and re-signed', async () => {
    const folder = extract(signedZip);
    writeFileSync(join(folder, 'allowed_signers'), `dana@acme.example namespaces="audit-bundle" ${other.publicKey}\n`);
    const sums = readFileSync(join(folder, 'SHA256SUMS'), 'utf8').replace(
      /^[0-9a-f]{64}( {2}allowed_signers)$/m,
      `${execFileSync('sha256sum', ['allowed_signers'], { cwd: folder, encoding: 'utf8' }).slice(0, 64)}$1`,
    );
    writeFileSync(join(folder, 'SHA256SUMS'), sums);
    writeFileSync(
      join(folder, 'SHA256SUMS.sig'),
      execFileSync('ssh-keygen', ['-Y', 'sign', '-f', other.path, '-n', 'audit-bundle'], {
        input: sums,
        stdio: ['pipe', 'pipe', 'pipe'],
      }),
    );
    // ssh-keygen alone accepts it (the key is whatever allowed_signers says): the fingerprint is what the auditor confirms.
    expect(runInFolder(folder, readmeCommand(folder)).status).toBe(0);
    const report = await verifyBundle(rezip(folder, 'swapped-key.zip'));
    expect(report.ok).toBe(false);
    expect(report.problems.join(' ')).toContain('allowed_signers does not hold exactly the key manifest.json names');
  });

  it('an agent without keys or an encrypted key file stops the export before anything is written', async () => {
    const emptyKeys = tempKeyDir();
    const empty = await startAgent(emptyKeys.dir);
    const outPath = join(dirname(s.folder), 'never.zip');
    try {
      const saved = agent.env.SSH_AUTH_SOCK;
      agent.env.SSH_AUTH_SOCK = empty.socket;
      const noKeys = await refusal(
        s.services.exports.run({ outPath }, { source: 'agent', publicKey: dana.publicKey }),
      ).finally(() => (agent.env.SSH_AUTH_SOCK = saved));
      expect(noKeys.code).toBe('SIGNING_KEY_REJECTED');
      expect(noKeys.message).toContain('ssh-agent holds no keys');
    } finally {
      await empty.stop();
      emptyKeys.remove();
    }
    const encrypted = await refusal(s.services.exports.run({ outPath }, { source: 'file', path: locked.path }));
    expect(encrypted.code).toBe('SIGNING_KEY_REJECTED');
    expect(encrypted.message).toBe('locked is protected by a passphrase, which the app never asks for or stores.');
    expect(encrypted.hint).toContain(`ssh-add ${locked.path}`);
    expect(existsSync(outPath)).toBe(false);
    expect(existsSync(`${outPath}.partial`)).toBe(false);
  });

  it('the CLI signs with the agent’s key and verify prints its fingerprint; an encrypted key file is refused', () => {
    const out = join(work, 'cli-signed.zip');
    const fingerprint = parsePublicKey(dana.publicKey)!.fingerprint;
    const exported = cli(
      ['export', '--workspace', s.folder, '--out', out, '--as', 'Dana Founder <dana@acme.example>', '--sign-agent'],
      agent.env,
    );
    expect(exported.stderr + exported.stdout).toContain(`Signed as dana@acme.example with ED25519 key ${fingerprint}`);
    expect(exported.status).toBe(0);
    const verified = cli(['verify', out]);
    expect(verified.status).toBe(0);
    expect(verified.stdout).toContain(`signed by dana@acme.example with ED25519 key ${fingerprint}`);
    expect(verified.stdout).toContain('OK: the signature is good.');
    const refused = cli(['export', '--workspace', s.folder, '--out', join(work, 'enc.zip'), '--sign-key', locked.path]);
    expect(refused.status).toBe(1);
    expect(refused.stderr + refused.stdout).toContain('protected by a passphrase');
  }, 240_000);
});
