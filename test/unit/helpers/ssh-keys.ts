import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Real OpenSSH keys and a real ssh-agent for signing tests: keys made by ssh-keygen in a temp
 * folder, an agent started on a socket there (foreground, so it dies with its process), killed
 * by `stop()`.
 */
export interface TestKey {
  /** The private key file. */
  path: string;
  /** `type base64 comment`, as in the .pub file. */
  publicKey: string;
}

export function makeKey(dir: string, name: string, options: { comment?: string; passphrase?: string } = {}): TestKey {
  const path = join(dir, name);
  execFileSync(
    'ssh-keygen',
    ['-q', '-t', 'ed25519', '-N', options.passphrase ?? '', '-C', options.comment ?? name, '-f', path],
    {
      stdio: 'pipe',
      timeout: 10_000,
    },
  );
  return { path, publicKey: readFileSync(`${path}.pub`, 'utf8').trim() };
}

export interface TestAgent {
  socket: string;
  env: NodeJS.ProcessEnv;
  add(key: TestKey): void;
  stop(): Promise<void>;
}

export async function startAgent(dir: string): Promise<TestAgent> {
  const socket = join(dir, 'agent.sock');
  const child: ChildProcess = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
  for (let i = 0; i < 100 && !existsSync(socket); i++) await new Promise((r) => setTimeout(r, 50));
  if (!existsSync(socket)) {
    child.kill('SIGKILL');
    throw new Error('ssh-agent did not create its socket within 5 s');
  }
  const env = { ...process.env, SSH_AUTH_SOCK: socket };
  return {
    socket,
    env,
    add: (key) => execFileSync('ssh-add', ['-q', key.path], { env, stdio: 'pipe', timeout: 10_000 }),
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}

export function tempKeyDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'aw-keys-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
