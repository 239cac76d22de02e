import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCredentialProcess } from '../../../main/services/aws/credential-process';
import { isProcessAlive } from '../../../main/services/workspace/lock';
import { tempDir } from '../helpers/services';

/** The runaway-process family of the hostile corpus: credential_process commands that misbehave. */
const pidsIn = (file: string) => readFileSync(file, 'utf8').split(/\s+/).filter(Boolean).map(Number);

/** A command whose shell starts a child that would outlive it, both writing their pids. */
const runaway = (pidFile: string, tail = 'wait') => `echo $$ > ${pidFile}; sleep 300 & echo $! >> ${pidFile}; ${tail}`;

/** Gone, or a zombie waiting for its parent (or, for an orphan, this container's init) to reap it: it runs no more. */
const running = (pid: number) => {
  if (!isProcessAlive(pid)) return false;
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};
const allGone = (pids: number[]) => pids.every((pid) => !running(pid));

describe('credential_process runs bounded, in its own process group', () => {
  it('a command that never ends gets TIMEOUT, and its shell and its child are stopped with it', async () => {
    const pidFile = join(tempDir(), 'pids');
    const error = await runCredentialProcess(runaway(pidFile), { profile: 'stuck', timeoutMs: 800 }).catch((e) => e);
    expect(error).toMatchObject({
      code: 'TIMEOUT',
      message:
        'The credential_process command of profile "stuck" did not finish within 800 ms; it was stopped, with everything it started.',
    });
    const pids = pidsIn(pidFile);
    expect(pids).toHaveLength(2);
    await expect.poll(() => allGone(pids)).toBe(true);
  });

  it('cancel stops the command and everything it started', async () => {
    const pidFile = join(tempDir(), 'pids');
    const controller = new AbortController();
    const running = runCredentialProcess(runaway(pidFile), { profile: 'slow', signal: controller.signal }).catch(
      (e) => e,
    );
    await expect
      .poll(() =>
        (() => {
          try {
            return pidsIn(pidFile).length;
          } catch {
            return 0;
          }
        })(),
      )
      .toBe(2);
    controller.abort();
    expect(await running).toMatchObject({ code: 'CANCELLED' });
    const pids = pidsIn(pidFile);
    await expect.poll(() => allGone(pids)).toBe(true);
  });

  it('100 MB of output is stopped at the cap and said to be too large, not "no credentials"', async () => {
    const error = await runCredentialProcess("head -c 104857600 /dev/zero | tr '\\0' a", { profile: 'chatty' }).catch(
      (e) => e,
    );
    expect(error).toMatchObject({
      code: 'CREDENTIALS_MISSING',
      message:
        'The credential_process command of profile "chatty" printed more than 1048576 bytes, so it was stopped: a credential_process prints one small JSON object (a few hundred bytes).',
    });
  });

  it('truncated JSON is reported as cut short', async () => {
    const error = await runCredentialProcess(`printf '{"Version": 1, "AccessKeyId": "AKIAIOSFODNN7EXAMPLE", "Secr'`, {
      profile: 'cut',
    }).catch((e) => e);
    expect(error.code).toBe('CREDENTIALS_MISSING');
    expect(error.message).toBe(
      'The credential_process command of profile "cut" printed JSON that is cut short (it ends after 59 bytes, before the object closes).',
    );
    expect(error.message).not.toContain('AKIAIOSFODNN7EXAMPLE');
  });

  it.each([
    ['nothing', 'true', 'printed nothing on its standard output'],
    ['not JSON', 'echo hello', 'printed 6 bytes that are not JSON'],
    ['an array', "echo '[1]'", 'printed JSON that is not an object'],
    ['version 2', `echo '{"Version":2,"AccessKeyId":"a","SecretAccessKey":"b"}'`, 'printed Version 2; only Version 1'],
    ['no secret', `echo '{"Version":1,"AccessKeyId":"a"}'`, 'printed JSON without SecretAccessKey'],
    [
      'bad expiry',
      `echo '{"Version":1,"AccessKeyId":"a","SecretAccessKey":"b","Expiration":"soon"}'`,
      'Expiration that is not a date',
    ],
  ])('output with %s is refused with what is wrong', async (_what, command, message) => {
    const error = await runCredentialProcess(command, { profile: 'p' }).catch((e) => e);
    expect(error.code).toBe('CREDENTIALS_MISSING');
    expect(error.message).toContain(message);
  });

  it('a failing command shows its last stderr line with secret-shaped values redacted, digits or not', async () => {
    const error = await runCredentialProcess(
      "echo 'assume failed for wJalrXUtnFEMI/KxMDENG/bPxRfiCYEXAMPLEKEY (session FwoGZXIvYXdzEXAMPLESSOSESSIONTOKEN/production)' >&2; exit 3",
      { profile: 'leaky' },
    ).catch((e) => e);
    expect(error.message).toBe(
      'The credential_process command of profile "leaky" failed: assume failed for [redacted] (session [redacted])',
    );
  });

  it('good output becomes credentials', async () => {
    const creds = await runCredentialProcess(
      `echo '{"Version":1,"AccessKeyId":"AKIAIOSFODNN7EXAMPLE","SecretAccessKey":"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY","SessionToken":"t","Expiration":"2030-01-01T00:00:00Z"}'`,
      { profile: 'good' },
    );
    expect(creds).toEqual({
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      sessionToken: 't',
      expiration: new Date('2030-01-01T00:00:00Z'),
    });
  });
});
