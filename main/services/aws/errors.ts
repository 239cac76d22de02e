import { AppError, isAppError } from '../../../shared/ipc/result';
import { REDACTED, redactSecrets, redactedExcerpt } from '../security/redact';

/**
 * Turns whatever the AWS SDK throws into an AppError with a stable code and words for
 * people. Messages never carry a stack, a credential or a token; AWS's own message is
 * kept only in `details` for the cases we cannot name, with secret-looking values redacted.
 */
export interface ErrorContext {
  profile?: string;
  /** The `service:Operation` being called, named in AccessDenied messages. */
  action?: string;
  /** SSO profiles get "sign in again"; key-based profiles get "refresh the keys". */
  sso?: boolean;
}

const THROTTLING = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'SlowDown',
  'RequestThrottled',
  'ProvisionedThroughputExceededException',
  'BandwidthLimitExceeded',
  'PriorRequestNotComplete',
  'EC2ThrottledException',
]);
const DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'ForbiddenException',
  'AuthorizationError',
]);
const SKEW = new Set(['RequestTimeTooSkewed', 'RequestExpired', 'RequestInTheFuture']);
const NETWORK = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ECONNABORTED',
]);

interface SdkLikeError {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string };
}

function signInHint(profile?: string): string {
  return profile
    ? `Sign in again: press "Sign in" on the AWS screen, or run "aws sso login --profile ${profile}".`
    : 'Sign in again.';
}

/** "…is not authorized to perform: iam:ListUsers on resource…" → iam:ListUsers */
function deniedAction(message: string): string | undefined {
  return /not authorized to perform:?\s+([\w-]+:[\w*]+)/i.exec(message)?.[1];
}

/**
 * What a failing credential_process printed last on stderr, safe to show: never the command
 * line (it often carries an API key), secret-looking values redacted, at most 160 characters.
 * The SDK's message is `Command failed: <command>\n<stderr>` and drops the exit status.
 */
export function credentialProcessSaid(message: string): string | undefined {
  const [first = '', ...stderr] = message.split('\n');
  const command = first.replace(/^Command failed:\s*/, '').trim();
  let line = stderr
    .map((l) => l.trim())
    .filter(Boolean)
    .at(-1);
  if (!line) return undefined;
  if (command) line = line.split(command).join(REDACTED);
  line = redactSecrets(line);
  return line.length > 160 ? `${line.slice(0, 159)}…` : line;
}

function fromCredentialsProvider(e: SdkLikeError, ctx: ErrorContext): AppError {
  const msg = e.message ?? '';
  const who = ctx.profile ? `profile "${ctx.profile}"` : 'this profile';
  if (/^Command failed:/.test(msg)) {
    const said = credentialProcessSaid(msg);
    return new AppError(
      'CREDENTIALS_MISSING',
      `The credential_process command of ${who} failed${said ? `: ${said}` : '.'}`,
      {
        hint: 'Run that command in a terminal to see what it needs (often a sign-in of its own), then try again.',
        details: { profile: ctx.profile },
      },
    );
  }
  const details = { profile: ctx.profile, reason: redactedExcerpt(msg) };
  if (/was not found\.?$|could not be found/i.test(msg) && /profile/i.test(msg) && !/sso session/i.test(msg)) {
    return new AppError('PROFILE_NOT_FOUND', `The AWS ${who} is not in your config files.`, {
      hint: 'Check the profile name, or add it with "aws configure sso".',
      details,
    });
  }
  if (/UnauthorizedException|Session token not found or invalid/i.test(msg)) {
    return new AppError(
      'SSO_TOKEN_EXPIRED',
      `Your AWS sign-in for ${who} is no longer valid: it expired or was signed out.`,
      { hint: signInHint(ctx.profile), details },
    );
  }
  if (/ForbiddenException|No access/.test(msg)) {
    return new AppError('ACCESS_DENIED', `Your SSO user may not use the account and role that ${who} names.`, {
      hint: 'Check sso_account_id and sso_role_name in the profile, or ask your AWS administrator to assign you that permission set.',
      details,
    });
  }
  if (/expired|cannot refresh/i.test(msg)) {
    return new AppError('SSO_TOKEN_EXPIRED', `Your AWS sign-in for ${who} has expired.`, {
      hint: signInHint(ctx.profile),
      details,
    });
  }
  if (/sso session|aws sso login|token/i.test(msg) && !/Sso session '.*' could not be found/i.test(msg)) {
    return new AppError('SSO_TOKEN_MISSING', `You are not signed in to AWS with ${who}.`, {
      hint: signInHint(ctx.profile),
      details,
    });
  }
  if (
    /invalid SSO|Conflicting|could not be found in shared|Could not resolve credentials using profile|role_arn|source_profile|credential_process/i.test(
      msg,
    )
  ) {
    return new AppError('PROFILE_INVALID', `The AWS ${who} is not set up completely.`, {
      hint: 'Open the AWS screen: the profile list names what is missing.',
      details,
    });
  }
  return new AppError('CREDENTIALS_MISSING', `No AWS credentials could be found for ${who}.`, {
    hint: 'Check the profile on the AWS screen, or sign in again.',
    details,
  });
}

export function mapAwsError(err: unknown, ctx: ErrorContext = {}): AppError {
  if (isAppError(err)) return err;
  const e = (err ?? {}) as SdkLikeError;
  const name = e.name ?? '';
  const code = e.code ?? '';
  const message = e.message ?? String(err);
  const requestId = e.$metadata?.requestId;
  const details = {
    ...(ctx.profile ? { profile: ctx.profile } : {}),
    ...(ctx.action ? { action: ctx.action } : {}),
    ...(requestId ? { requestId } : {}),
    awsError: name || code,
  };

  if (name === 'AbortError' || code === 'ABORT_ERR') return new AppError('CANCELLED', 'Cancelled.', { details });
  if (name === 'CredentialsProviderError' || name === 'TokenProviderError') return fromCredentialsProvider(e, ctx);
  if (SKEW.has(name) || /signature expired|clock skew|request time.*(skew|too)/i.test(message)) {
    return new AppError(
      'CLOCK_SKEW',
      "AWS rejected the request because this computer's clock is more than 5 minutes off.",
      {
        hint: 'Turn on automatic date and time in your system settings, then try again.',
        details,
      },
    );
  }
  if (name === 'UnauthorizedException') {
    return new AppError(
      'SSO_TOKEN_EXPIRED',
      'Your AWS sign-in session is no longer valid: it expired or was signed out.',
      { hint: signInHint(ctx.profile), details },
    );
  }
  if (name === 'ExpiredToken' || name === 'ExpiredTokenException' || name === 'RequestExpiredException') {
    return ctx.sso
      ? new AppError('SSO_TOKEN_EXPIRED', 'Your AWS session has expired.', { hint: signInHint(ctx.profile), details })
      : new AppError('CREDENTIALS_EXPIRED', 'The temporary AWS credentials of this profile have expired.', {
          hint: 'Refresh them (for example by running your credential tool again) and try again.',
          details,
        });
  }
  if (name === 'SignatureDoesNotMatch' || name === 'InvalidSignatureException') {
    return new AppError(
      'CREDENTIALS_MISSING',
      'AWS rejected the request signature: the secret access key of this profile does not belong to its access key id.',
      {
        hint: ctx.sso
          ? signInHint(ctx.profile)
          : 'Copy the secret access key again into the credentials file, or create a new access key.',
        details,
      },
    );
  }
  if (name === 'InvalidClientTokenId' || name === 'UnrecognizedClientException' || name === 'InvalidAccessKeyId') {
    return new AppError(
      'CREDENTIALS_MISSING',
      'AWS does not recognise the access key of this profile: it was deleted, deactivated or mistyped.',
      {
        hint: ctx.sso
          ? signInHint(ctx.profile)
          : 'Create a new access key in the IAM console and update the credentials file.',
        details,
      },
    );
  }
  if (name === 'OptInRequired') {
    return new AppError('REGION_NOT_ENABLED', 'This region is not enabled (opted in) for the account.', {
      hint: 'Enable the region in the account settings, or remove it from the regions in use in Settings.',
      details,
    });
  }
  if (name === 'SubscriptionRequiredException') {
    return new AppError('SERVICE_NOT_ENABLED', 'The service has never been enabled in this account and region.', {
      hint: 'Enable it in the AWS console for this region.',
      details,
    });
  }
  if (DENIED.has(name)) {
    const action = deniedAction(message) ?? ctx.action;
    return new AppError(
      'ACCESS_DENIED',
      action ? `Your AWS identity is not allowed to call ${action}.` : 'AWS denied the request.',
      {
        hint: action
          ? `Add ${action} to the permission set or policy of this identity (the Permissions panel has the full list).`
          : 'Check the permissions of this identity (see the Permissions panel).',
        details: { ...details, ...(action ? { missingPermission: action } : {}) },
      },
    );
  }
  if (THROTTLING.has(name) || e.$metadata?.httpStatusCode === 429) {
    return new AppError('THROTTLED', 'AWS is limiting how fast requests are made and retries did not get through.', {
      hint: 'Wait a minute and try again.',
      details,
    });
  }
  if (
    name === 'TimeoutError' ||
    code === 'ETIMEDOUT' ||
    name === 'RequestTimeout' ||
    /timed out|timeout/i.test(message)
  ) {
    return new AppError('TIMEOUT', 'AWS did not answer in time.', {
      hint: 'Check your network connection (and VPN or proxy), then try again.',
      details,
    });
  }
  if (
    NETWORK.has(code) ||
    NETWORK.has(name) ||
    /ECONNREFUSED|ENOTFOUND|getaddrinfo|socket hang up|fetch failed/i.test(message)
  ) {
    return new AppError('NETWORK', 'Cannot reach AWS.', {
      hint: 'Check your internet connection (and VPN or proxy), then try again.',
      details,
    });
  }
  return new AppError('AWS_ERROR', `AWS answered with an error${name ? ` (${name})` : ''}.`, {
    hint: 'Try again; if it keeps happening, the details below help AWS support.',
    details: { ...details, awsMessage: redactedExcerpt(message) },
  });
}
