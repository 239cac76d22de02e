import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SshSigning } from '../../../main/services/signing/ssh-signing';
import { parsePublicKey } from '../../../main/services/signing/public-key';
import { isAppError } from '../../../shared/ipc/result';
import { makeKey, startAgent, tempKeyDir, type TestAgent, type TestKey } from '../../fixtures/ssh-keys';

const NS = 'audit-bundle';
const data = Buffer.from('e3b0c442  README.txt\n');

async function rejection(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isAppError(error)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe('signing with the person’s own SSH key', () => {
  const keys = tempKeyDir();
  let agent: TestAgent;
  let ana: TestKey;
  let other: TestKey;
  let locked: TestKey;
  let signing: SshSigning;

  beforeAll(async () => {
    ana = makeKey(keys.dir, 'ana', { comment: 'ana@example.com' });
    other = makeKey(keys.dir, 'other');
    locked = makeKey(keys.dir, 'locked', { passphrase: 'correct horse battery staple' });
    agent = await startAgent(keys.dir);
    agent.add(ana);
    signing = new SshSigning({ env: () => agent.env });
  });
  afterAll(async () => {
    await agent?.stop();
    keys.remove();
  });

  const allowed = (key: TestKey) => `ana@example.com namespaces="${NS}" ${key.publicKey}\n`;

  it('lists the agent’s ed25519 key with the fingerprint ssh-keygen prints', async () => {
    const { keys: listed, problem } = await signing.agentKeys();
    expect(problem).toBeNull();
    expect(listed).toHaveLength(1);
    const printed = execFileSync('ssh-keygen', ['-lf', `${ana.path}.pub`])
      .toString()
      .split(' ')[1];
    expect(listed[0]).toMatchObject({ type: 'ED25519', fingerprint: printed, comment: 'ana@example.com' });
  });

  it('signs through the agent; the system ssh-keygen verifies it, and not after one byte changes', async () => {
    const signature = await signing.sign({ source: 'agent', publicKey: ana.publicKey }, NS, data);
    const dir = keys.dir;
    writeFileSync(join(dir, 'allowed_signers'), allowed(ana));
    writeFileSync(join(dir, 'SHA256SUMS.sig'), signature);
    const verifyWith = (input: Buffer) =>
      execFileSync(
        'ssh-keygen',
        [
          '-Y',
          'verify',
          '-f',
          join(dir, 'allowed_signers'),
          '-I',
          'ana@example.com',
          '-n',
          NS,
          '-s',
          join(dir, 'SHA256SUMS.sig'),
        ],
        {
          input,
          stdio: 'pipe',
        },
      ).toString();
    expect(verifyWith(data)).toContain('Good "audit-bundle" signature for ana@example.com');
    const changed = Buffer.from(data);
    changed[0] = changed[0]! ^ 1;
    expect(() => verifyWith(changed)).toThrow();
  });

  it('signs with a key file it never reads itself, and verify names the key', async () => {
    const signature = await signing.sign({ source: 'file', path: other.path }, NS, data);
    const outcome = await signing.verify({
      allowedSigners: `ana@example.com ${other.publicKey}\n`,
      principal: 'ana@example.com',
      namespace: NS,
      signature,
      data,
    });
    expect(outcome).toEqual({
      ok: true,
      principal: 'ana@example.com',
      keyType: 'ED25519',
      fingerprint: parsePublicKey(other.publicKey)!.fingerprint,
    });
  });

  it('tells a signature made with another key from one made over other content', async () => {
    const byOther = await signing.sign({ source: 'file', path: other.path }, NS, data);
    expect(
      await signing.verify({
        allowedSigners: allowed(ana),
        principal: 'ana@example.com',
        namespace: NS,
        signature: byOther,
        data,
      }),
    ).toMatchObject({
      ok: false,
      reason: 'other-key',
    });
    const overOther = await signing.sign(
      { source: 'agent', publicKey: ana.publicKey },
      NS,
      Buffer.from('another bundle\n'),
    );
    expect(
      await signing.verify({
        allowedSigners: allowed(ana),
        principal: 'ana@example.com',
        namespace: NS,
        signature: overOther,
        data,
      }),
    ).toMatchObject({
      ok: false,
      reason: 'other-data',
    });
  });

  it('refuses an encrypted key file without asking for its passphrase, and says to use the agent', async () => {
    const error = await rejection(signing.sign({ source: 'file', path: locked.path }, NS, data));
    expect(error.code).toBe('SIGNING_KEY_REJECTED');
    expect(error.message).toContain('protected by a passphrase');
    expect(error.hint).toContain(`ssh-add ${locked.path}`);
  });

  it('refuses a public key file, naming the private one beside it', async () => {
    const error = await rejection(signing.resolveKey({ source: 'file', path: `${ana.path}.pub` }));
    expect(error.message).toContain('is a public key');
  });

  it('says the agent holds no keys, and refuses a key it no longer holds', async () => {
    const emptyDir = tempKeyDir();
    const empty = await startAgent(emptyDir.dir);
    try {
      const bare = new SshSigning({ env: () => empty.env });
      expect(await bare.agentKeys()).toEqual({ keys: [], problem: expect.stringContaining('holds no keys') });
      const error = await rejection(bare.sign({ source: 'agent', publicKey: ana.publicKey }, NS, data));
      expect(error.code).toBe('SIGNING_KEY_REJECTED');
      expect(error.message).toContain(parsePublicKey(ana.publicKey)!.fingerprint);
    } finally {
      await empty.stop();
      emptyDir.remove();
    }
  });

  it('says plainly when no agent is running', async () => {
    const noAgent = new SshSigning({ env: () => ({ ...process.env, SSH_AUTH_SOCK: '' }) });
    expect((await noAgent.agentKeys()).problem).toContain('No ssh-agent');
  });

  it('leaves no temporary files behind', async () => {
    const before = readdirSync(tmpdir()).filter((n) => n.startsWith('aw-ssh-'));
    await signing.sign({ source: 'agent', publicKey: ana.publicKey }, NS, data);
    expect(readdirSync(tmpdir()).filter((n) => n.startsWith('aw-ssh-'))).toEqual(before);
  });
});
