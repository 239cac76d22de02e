import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { AgentKeys, SigningKeyChoice, SshPublicKey } from '../../../shared/domain/signing';
import { AppError } from '../../../shared/ipc/result';
import { parsePublicKey } from './public-key';
import { runTool, type ToolRun } from './run-tool';

/**
 * Signing and verifying with OpenSSH's own tools: `ssh-add -L` lists the agent's keys,
 * `ssh-keygen -Y sign` signs (through the agent, or with a key file ssh-keygen reads itself),
 * `ssh-keygen -Y verify` and `-Y find-principals` check. The auditor runs the same ssh-keygen
 * on the bundle, so what the app checks is exactly what they check (see docs/architecture.md).
 *
 * The app never reads a private key and never handles a passphrase: an encrypted key file is
 * refused with the way out (add it to ssh-agent, then choose the agent).
 */
export interface SshSigningOptions {
  /** The environment the tools run in (SSH_AUTH_SOCK names the agent); read at each call. */
  env?: () => NodeJS.ProcessEnv;
  sshKeygen?: string;
  sshAdd?: string;
  /** How long a signature may take: an agent may ask the person to confirm, or a security key to be touched. */
  signTimeoutMs?: number;
  timeoutMs?: number;
}

/** Why a signature does not verify, in one of four ways the messages tell apart. */
export type VerifyOutcome =
  | { ok: true; principal: string; keyType: string; fingerprint: string }
  | { ok: false; reason: 'other-key' | 'other-data' | 'malformed' | 'unavailable'; detail: string };

export interface VerifyInput {
  /** allowed_signers text: `principal namespaces="…" type base64` lines. */
  allowedSigners: string;
  principal: string;
  namespace: string;
  /** The armored signature. */
  signature: string;
  data: Buffer;
}

const MAX_KEY_FILE_BYTES = 64 * 1024;
const GOOD = /^Good "[^"]*" signature for (\S+) with (\S+) key (SHA256:[A-Za-z0-9+/]+)/m;

export class SshSigning {
  private readonly env: () => NodeJS.ProcessEnv;
  private readonly sshKeygen: string;
  private readonly sshAdd: string;
  private readonly signTimeoutMs: number;
  private readonly timeoutMs: number;

  constructor(options: SshSigningOptions = {}) {
    this.env = options.env ?? (() => process.env);
    this.sshKeygen = options.sshKeygen ?? 'ssh-keygen';
    this.sshAdd = options.sshAdd ?? 'ssh-add';
    this.signTimeoutMs = options.signTimeoutMs ?? 60_000;
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  /** The keys ssh-agent holds, ed25519 first; or why there are none. */
  async agentKeys(): Promise<AgentKeys> {
    const env = this.env();
    if (process.platform !== 'win32' && !env.SSH_AUTH_SOCK) {
      return {
        keys: [],
        problem:
          'No ssh-agent is running for the app (SSH_AUTH_SOCK is not set). Start one and add your key with ssh-add, or choose a key file.',
      };
    }
    const run = await runTool(this.sshAdd, ['-L'], { env, timeoutMs: this.timeoutMs });
    if (run.spawnError) return { keys: [], problem: missingTool('ssh-add', run) };
    if (run.timedOut) return { keys: [], problem: 'ssh-agent did not answer within 15 seconds.' };
    const text = run.stdout.toString('utf8');
    if (run.code === 1 && /no identities/i.test(text + run.stderr)) {
      return { keys: [], problem: 'ssh-agent holds no keys. Add yours with ssh-add, then look again.' };
    }
    if (run.code !== 0) {
      return {
        keys: [],
        problem: `ssh-agent could not be reached (${run.stderr || `ssh-add exited with ${run.code}`}). Check that it is running, or choose a key file.`,
      };
    }
    const keys = text
      .split('\n')
      .map((line) => parsePublicKey(line))
      .filter((k): k is SshPublicKey => k !== null);
    keys.sort((a, b) => Number(b.type === 'ED25519') - Number(a.type === 'ED25519'));
    return { keys, problem: keys.length === 0 ? 'ssh-agent holds no key the app can sign with.' : null };
  }

  /**
   * The public key a choice signs with, checked before any work: the agent still holds it, or
   * the key file is a readable, unencrypted OpenSSH private key.
   */
  async resolveKey(choice: SigningKeyChoice): Promise<SshPublicKey> {
    if (choice.source === 'agent') {
      const wanted = parsePublicKey(choice.publicKey);
      if (!wanted) throw new AppError('INVALID_INPUT', 'That is not an OpenSSH public key.');
      const { keys, problem } = await this.agentKeys();
      const held = keys.find((k) => k.line === wanted.line);
      if (held) return held;
      throw new AppError(
        'SIGNING_KEY_REJECTED',
        `ssh-agent no longer holds the key ${wanted.fingerprint}${problem ? `: ${problem}` : '.'}`,
        { hint: 'Add it again with ssh-add, or choose another key.' },
      );
    }
    return this.keyFilePublicKey(choice.path);
  }

  /** Signs `data` in `namespace`; returns the armored signature. Never asks for a passphrase. */
  async sign(choice: SigningKeyChoice, namespace: string, data: Buffer): Promise<string> {
    const key = await this.resolveKey(choice);
    if (choice.source === 'file') return this.signWith(choice.path, key, namespace, data);
    // ssh-keygen signs through the agent when -f names the public key of a key the agent holds.
    return withTempDir(async (dir) => {
      const publicKeyPath = join(dir, 'signing-key.pub');
      await fs.writeFile(publicKeyPath, `${key.line}\n`, { mode: 0o600 });
      return this.signWith(publicKeyPath, key, namespace, data);
    });
  }

  /** Checks a signature against allowed_signers, as the auditor's `ssh-keygen -Y verify` does. */
  async verify(input: VerifyInput): Promise<VerifyOutcome> {
    return withTempDir(async (dir) => {
      const allowed = join(dir, 'allowed_signers');
      const sig = join(dir, 'signature.sig');
      await fs.writeFile(allowed, input.allowedSigners, { mode: 0o600 });
      await fs.writeFile(sig, input.signature, { mode: 0o600 });
      const run = await this.keygen(
        ['-Y', 'verify', '-f', allowed, '-I', input.principal, '-n', input.namespace, '-s', sig],
        input.data,
      );
      if (run.spawnError || run.timedOut)
        return {
          ok: false,
          reason: 'unavailable',
          detail: run.spawnError ? missingTool('ssh-keygen', run) : 'ssh-keygen did not finish within 15 seconds',
        };
      const good = GOOD.exec(run.stdout.toString('utf8'));
      if (run.code === 0 && good && good[1] === input.principal)
        return { ok: true, principal: good[1]!, keyType: good[2]!, fingerprint: good[3]! };
      if (/namespace does not match/i.test(run.stderr))
        return {
          ok: false,
          reason: 'malformed',
          detail: `it was made for another purpose (not the "${input.namespace}" namespace)`,
        };
      if (/invalid format|not a signature|couldn't parse|armor/i.test(run.stderr))
        return { ok: false, reason: 'malformed', detail: 'it is not a readable SSH signature' };
      // Tell "another key" from "other data": whether the signature's key is the one allowed.
      const found = await this.keygen(['-Y', 'find-principals', '-f', allowed, '-s', sig], Buffer.alloc(0));
      const principals = found.stdout
        .toString('utf8')
        .split('\n')
        .map((l) => l.trim());
      if (found.code === 0 && principals.includes(input.principal))
        return { ok: false, reason: 'other-data', detail: 'it was made with the right key, but over other content' };
      return {
        ok: false,
        reason: 'other-key',
        detail: `it was made with a key that is not ${input.principal}'s key in allowed_signers`,
      };
    });
  }

  private async signWith(keyPath: string, key: SshPublicKey, namespace: string, data: Buffer): Promise<string> {
    const run = await runTool(this.sshKeygen, ['-Y', 'sign', '-f', keyPath, '-n', namespace], {
      input: data,
      env: this.env(),
      timeoutMs: this.signTimeoutMs,
    });
    if (run.spawnError) throw new AppError('SIGNING_UNAVAILABLE', missingTool('ssh-keygen', run));
    if (run.timedOut)
      throw new AppError(
        'SIGNING_FAILED',
        `Signing with ${key.fingerprint} did not finish within ${Math.round(this.signTimeoutMs / 1000)} seconds.`,
        {
          hint: 'If your agent asks you to confirm each use of the key, or your security key to be touched, do that and try again.',
        },
      );
    const signature = run.stdout.toString('utf8');
    if (run.code !== 0 || !signature.startsWith('-----BEGIN SSH SIGNATURE-----')) {
      throw new AppError(
        'SIGNING_FAILED',
        `ssh-keygen could not sign with ${key.fingerprint}: ${lastLine(run.stderr) || `exit ${run.code}`}.`,
        {
          hint: 'Check that the key is still available (ssh-add -L for the agent), then try again.',
        },
      );
    }
    return signature;
  }

  private async keyFilePublicKey(path: string): Promise<SshPublicKey> {
    const name = basename(path);
    const stat = await fs.lstat(path).catch((error: NodeJS.ErrnoException) => {
      throw new AppError(
        'SIGNING_KEY_REJECTED',
        `The key file ${path} cannot be read (${error.code ?? error.message}).`,
        {
          hint: 'Choose your private key file, for example ~/.ssh/id_ed25519.',
        },
      );
    });
    if (!stat.isFile() || stat.size > MAX_KEY_FILE_BYTES)
      throw new AppError('SIGNING_KEY_REJECTED', `${path} is not a private key file.`, {
        hint: 'Choose your private key file, for example ~/.ssh/id_ed25519.',
      });
    if (name.endsWith('.pub'))
      throw new AppError(
        'SIGNING_KEY_REJECTED',
        `${name} is a public key; signing needs the private key file beside it (${name.slice(0, -4)}).`,
        {
          hint: 'Choose the file without .pub, or add the key to ssh-agent with ssh-add and choose the agent.',
        },
      );
    // -P '' : the key is read only when it needs no passphrase; ssh-keygen never prompts for one.
    const run = await this.keygen(['-y', '-P', '', '-f', path], Buffer.alloc(0));
    if (run.spawnError) throw new AppError('SIGNING_UNAVAILABLE', missingTool('ssh-keygen', run));
    const key = run.code === 0 ? parsePublicKey(run.stdout.toString('utf8').split('\n')[0] ?? '') : null;
    if (key) return key;
    if (/passphrase/i.test(run.stderr))
      throw new AppError(
        'SIGNING_KEY_REJECTED',
        `${name} is protected by a passphrase, which the app never asks for or stores.`,
        {
          hint: `Add it to ssh-agent with "ssh-add ${path}" (the agent asks for the passphrase once), then choose the agent's key.`,
        },
      );
    if (/bad permissions|too open/i.test(run.stderr))
      throw new AppError(
        'SIGNING_KEY_REJECTED',
        `${name} can be read by other users, so ssh-keygen refuses to use it.`,
        {
          hint: `Restrict it to yourself (chmod 600 ${path}), then choose it again.`,
        },
      );
    throw new AppError(
      'SIGNING_KEY_REJECTED',
      `${name} is not an OpenSSH private key ssh-keygen can sign with (${lastLine(run.stderr) || `exit ${run.code}`}).`,
      {
        hint: 'Choose your private key file, for example ~/.ssh/id_ed25519, or add the key to ssh-agent and choose the agent.',
      },
    );
  }

  private keygen(args: string[], input: Buffer): Promise<ToolRun> {
    return runTool(this.sshKeygen, args, { input, env: this.env(), timeoutMs: this.timeoutMs });
  }
}

const lastLine = (text: string) => text.split('\n').filter(Boolean).pop()?.slice(0, 300) ?? '';

function missingTool(tool: string, run: ToolRun): string {
  return run.spawnError?.code === 'ENOENT'
    ? `${tool} (OpenSSH) was not found. Install OpenSSH (it ships with macOS, Linux and Windows 10 and later) and try again.`
    : `${tool} could not be started (${run.spawnError?.message}).`;
}

/** A private folder for the few files ssh-keygen needs as paths (public keys, signatures); always removed. */
async function withTempDir<T>(use: (dir: string) => Promise<T>): Promise<T> {
  const dir = await fs.mkdtemp(join(tmpdir(), 'aw-ssh-'));
  try {
    return await use(dir);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
