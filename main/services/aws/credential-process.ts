import { spawn, type ChildProcess } from 'node:child_process';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import { AppError } from '../../../shared/ipc/result';
import { redactSecrets } from '../security/redact';

/**
 * Runs a profile's `credential_process` the way the AWS CLI documents it (one JSON object on
 * stdout, Version 1), but bounded: the command runs in its own process group so that stopping
 * it stops the shell and everything it started; it is stopped at its deadline, on cancel, and
 * when this process exits; its output is capped, and output that is too large or cut short is
 * reported as exactly that.
 */
export const MAX_CREDENTIAL_OUTPUT_BYTES = 1024 * 1024;
const MAX_STDERR_BYTES = 64 * 1024;
export const DEFAULT_CREDENTIAL_PROCESS_TIMEOUT_MS = 60_000;

const running = new Set<ChildProcess>();

/** Stops a command and everything it started (its process group), at once. */
function stopGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    if (process.platform === 'win32') child.kill('SIGKILL');
    else process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** Stops every credential_process still running (a deadline passed, or the app is quitting). */
export function stopCredentialProcesses(): void {
  for (const child of running) stopGroup(child);
}

process.once('exit', stopCredentialProcesses);

export interface CredentialProcessOptions {
  profile: string;
  timeoutMs?: number;
  maxOutputBytes?: number;
  signal?: AbortSignal;
}

const who = (profile: string) => `The credential_process command of profile "${profile}"`;
const RUN_IT = 'Run that command in a terminal to see what it prints, then try again.';

function lastLine(stderr: string, command: string): string | undefined {
  let line = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .at(-1);
  if (!line) return undefined;
  line = redactSecrets(line.split(command).join('[redacted]'));
  return line.length > 160 ? `${line.slice(0, 159)}…` : line;
}

export function runCredentialProcess(
  command: string,
  options: CredentialProcessOptions,
): Promise<AwsCredentialIdentity> {
  const { profile } = options;
  const maxOutput = options.maxOutputBytes ?? MAX_CREDENTIAL_OUTPUT_BYTES;
  const timeoutMs = options.timeoutMs ?? DEFAULT_CREDENTIAL_PROCESS_TIMEOUT_MS;
  options.signal?.throwIfAborted();
  const child = spawn(command, {
    shell: true,
    detached: process.platform !== 'win32',
    stdio: ['ignore', 'pipe', 'pipe'],
    windowsHide: true,
  });
  running.add(child);
  return new Promise<AwsCredentialIdentity>((resolve, reject) => {
    const out: Buffer[] = [];
    let outBytes = 0;
    let stderr = '';
    let settled = false;
    const finish = (error: AppError | null, value?: AwsCredentialIdentity) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      stopGroup(child);
      running.delete(child);
      if (error) reject(error);
      else resolve(value!);
    };
    const onAbort = () =>
      finish(new AppError('CANCELLED', `${who(profile)} was stopped (with everything it started): cancelled.`));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(
      () =>
        finish(
          new AppError(
            'TIMEOUT',
            `${who(profile)} did not finish within ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} seconds` : `${timeoutMs} ms`}; it was stopped, with everything it started.`,
            { hint: `${RUN_IT} It may be waiting for input or a sign-in of its own.`, details: { profile } },
          ),
        ),
      timeoutMs,
    );
    child.stdout!.on('data', (chunk: Buffer) => {
      outBytes += chunk.length;
      if (outBytes > maxOutput) {
        finish(
          new AppError(
            'CREDENTIALS_MISSING',
            `${who(profile)} printed more than ${maxOutput} bytes, so it was stopped: a credential_process prints one small JSON object (a few hundred bytes).`,
            { hint: RUN_IT, details: { profile } },
          ),
        );
        return;
      }
      out.push(chunk);
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      if (stderr.length < MAX_STDERR_BYTES) stderr += chunk.toString('utf8').slice(0, MAX_STDERR_BYTES - stderr.length);
    });
    child.once('error', (error) =>
      finish(
        new AppError('CREDENTIALS_MISSING', `${who(profile)} could not be started (${redactSecrets(error.message)}).`, {
          hint: RUN_IT,
          details: { profile },
        }),
      ),
    );
    child.once('close', (code, signal) => {
      if (settled) return;
      if (code !== 0) {
        const said = lastLine(stderr, command);
        finish(
          new AppError(
            'CREDENTIALS_MISSING',
            `${who(profile)} failed${said ? `: ${said}` : signal ? ` (stopped by ${signal}).` : ` (exit code ${code}).`}`,
            {
              hint: 'Run that command in a terminal to see what it needs (often a sign-in of its own), then try again.',
              details: { profile },
            },
          ),
        );
        return;
      }
      try {
        finish(null, parseOutput(Buffer.concat(out), profile));
      } catch (error) {
        finish(error as AppError);
      }
    });
  });
}

function parseOutput(bytes: Buffer, profile: string): AwsCredentialIdentity {
  const text = bytes.toString('utf8').trim();
  const bad = (why: string) =>
    new AppError('CREDENTIALS_MISSING', `${who(profile)} ${why}`, { hint: RUN_IT, details: { profile } });
  if (!text) throw bad('printed nothing on its standard output; it must print its credentials as JSON.');
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    const cut = /^[[{]/.test(text) && !/[\]}]$/.test(text);
    throw bad(
      cut
        ? `printed JSON that is cut short (it ends after ${bytes.length} bytes, before the object closes).`
        : `printed ${bytes.length} bytes that are not JSON; it must print its credentials as one JSON object.`,
    );
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json))
    throw bad('printed JSON that is not an object with AccessKeyId and SecretAccessKey.');
  if (json.Version !== 1)
    throw bad(`printed Version ${JSON.stringify(json.Version) ?? 'nothing'}; only Version 1 is defined.`);
  const missing = ['AccessKeyId', 'SecretAccessKey'].filter((k) => typeof json[k] !== 'string' || !json[k]);
  if (missing.length) throw bad(`printed JSON without ${missing.join(' and ')}.`);
  let expiration: Date | undefined;
  if (json.Expiration !== undefined) {
    expiration = new Date(String(json.Expiration));
    if (Number.isNaN(expiration.getTime())) throw bad('printed an Expiration that is not a date.');
  }
  return {
    accessKeyId: json.AccessKeyId as string,
    secretAccessKey: json.SecretAccessKey as string,
    ...(typeof json.SessionToken === 'string' ? { sessionToken: json.SessionToken } : {}),
    ...(expiration ? { expiration } : {}),
    ...(typeof json.AccountId === 'string' ? { accountId: json.AccountId } : {}),
  };
}
