import { AppError } from '../../../shared/ipc/result';
import { stopCredentialProcesses } from './credential-process';

/**
 * Bounds a whole AWS operation, including the parts no SDK timeout covers (a
 * credential_process that never exits, a token refresh stuck behind a proxy): the caller
 * gets TIMEOUT instead of waiting forever.
 */
export async function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      // Whatever the operation started must not outlive it: a credential_process and its children stop too.
      stopCredentialProcesses();
      reject(
        new AppError(
          'TIMEOUT',
          `${what} did not finish within ${ms >= 1000 ? `${Math.round(ms / 1000)} seconds` : `${ms} ms`}.`,
          {
            hint: 'Check your network connection (and VPN or proxy); for a credential_process profile, run its command in a terminal to see where it waits.',
          },
        ),
      );
    }, ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
