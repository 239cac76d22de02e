import { AppError } from '../../../shared/ipc/result';
import type { PartitionEndpoints } from './partitions';

/** Temporary credentials from the profile, held in main memory for the duration of one call. */
export interface SessionCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Where AWS sends people whose console session ended; a desktop app has no page of its own for it. */
export const ISSUER = 'audit-workbench';

/**
 * `Action=getSigninToken`: the session credentials as the JSON document the federation
 * endpoint expects. The URL carries secrets: it is sent once over TLS and never logged.
 */
export function signinTokenUrl(
  endpoints: PartitionEndpoints,
  credentials: SessionCredentials & { sessionToken: string },
): string {
  const session = JSON.stringify({
    sessionId: credentials.accessKeyId,
    sessionKey: credentials.secretAccessKey,
    sessionToken: credentials.sessionToken,
  });
  return `${endpoints.signin}/federation?Action=getSigninToken&Session=${encodeURIComponent(session)}`;
}

/** `Action=login`: exchanges the sign-in token for a console session and lands on `destination`. */
export function loginUrl(endpoints: PartitionEndpoints, signinToken: string, destination: string): string {
  const q = new URLSearchParams({
    Action: 'login',
    Issuer: ISSUER,
    Destination: destination,
    SigninToken: signinToken,
  });
  return `${endpoints.signin}/federation?${q.toString()}`;
}

/** Drops query parameters that could carry a sign-in token or session before a URL is recorded. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    for (const key of [...u.searchParams.keys()]) {
      if (/signintoken|session|token|credential/i.test(key)) u.searchParams.set(key, 'REDACTED');
    }
    return u.toString();
  } catch {
    return url;
  }
}

const refused = (profile: string, why: string) =>
  new AppError('SIGNIN_REFUSED', `AWS refused the console sign-in for profile "${profile}": ${why}`, {
    hint: 'Sign in again on the AWS screen. If it keeps happening, the role may not allow console access: ask your AWS administrator to check the permission set.',
    details: { profile },
  });

/**
 * Calls GetSigninToken and returns the login URL for `destination`. The sign-in token only
 * exists in this function's return value: the capture window loads it and nothing keeps it.
 */
export async function federatedLoginUrl(options: {
  profile: string;
  endpoints: PartitionEndpoints;
  credentials: SessionCredentials;
  destination: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}): Promise<string> {
  const { profile, endpoints, credentials } = options;
  if (!credentials.sessionToken) {
    throw new AppError(
      'SIGNIN_REFUSED',
      `Profile "${profile}" uses long-term access keys, which cannot open a console session.`,
      {
        hint: 'Use an IAM Identity Center (SSO) or assume-role profile for the workspace: the console sign-in needs temporary credentials.',
        details: { profile },
      },
    );
  }
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(
      signinTokenUrl(endpoints, { ...credentials, sessionToken: credentials.sessionToken }),
      {
        signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
        redirect: 'error',
      },
    );
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError';
    throw new AppError(
      timedOut ? 'TIMEOUT' : 'NETWORK',
      `The AWS sign-in service (${new URL(endpoints.signin).host}) did not answer${timedOut ? ' in time' : ''}.`,
      {
        hint: 'Check your internet connection and try again.',
      },
    );
  }
  if (!response.ok)
    throw refused(
      profile,
      `the sign-in service answered ${response.status}; the session may have expired or the role may not allow console access.`,
    );
  const body = (await response.json().catch(() => null)) as { SigninToken?: unknown } | null;
  if (!body || typeof body.SigninToken !== 'string' || !body.SigninToken)
    throw refused(profile, 'the sign-in service gave no sign-in token.');
  return loginUrl(endpoints, body.SigninToken, options.destination);
}
