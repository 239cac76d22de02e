import { spawn } from 'node:child_process';

/** What an OpenSSH tool said: its exit code (null when it was stopped), and its output, capped. */
export interface ToolRun {
  code: number | null;
  stdout: Buffer;
  stderr: string;
  /** True when it ran past its time and was stopped with its whole process group. */
  timedOut: boolean;
  /** Set when the program could not be started at all (ENOENT: not installed). */
  spawnError?: NodeJS.ErrnoException;
}

export interface ToolOptions {
  input?: Buffer;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** Output beyond this is dropped: ssh-keygen's answers are a few hundred bytes. */
  maxOutputBytes?: number;
}

const DEFAULT_MAX_OUTPUT = 64 * 1024;

/**
 * Runs ssh-keygen or ssh-add bounded in time and output. It starts in a process group of its
 * own, detached from any terminal, with SSH_ASKPASS off: a tool that would ask for a passphrase
 * fails instead of waiting for one nobody can type. On timeout the whole group is killed.
 */
export function runTool(command: string, args: string[], options: ToolOptions): Promise<ToolRun> {
  const cap = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT;
  return new Promise((resolve) => {
    const env: NodeJS.ProcessEnv = { ...options.env, SSH_ASKPASS_REQUIRE: 'never' };
    delete env.SSH_ASKPASS;
    delete env.DISPLAY;
    const child = spawn(command, args, {
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
      windowsHide: true,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    let errBytes = 0;
    let timedOut = false;
    let spawnError: NodeJS.ErrnoException | undefined;
    const killGroup = () => {
      try {
        if (child.pid !== undefined && process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, options.timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      if (outBytes < cap) out.push(chunk.subarray(0, cap - outBytes));
      outBytes += chunk.length;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (errBytes < cap) err.push(chunk.subarray(0, cap - errBytes));
      errBytes += chunk.length;
    });
    child.stdin.on('error', () => {
      // The tool may exit before reading all of its input (a refused key): its exit code says why.
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      spawnError = error;
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({
        code,
        stdout: Buffer.concat(out),
        stderr: Buffer.concat(err).toString('utf8').trim(),
        timedOut,
        ...(spawnError ? { spawnError } : {}),
      });
    });
    child.stdin.end(options.input ?? Buffer.alloc(0));
  });
}
