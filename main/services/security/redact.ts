/**
 * Secret-looking values taken out of text before it can reach a window, the CLI's output, a
 * log or the workspace. A second line of defence: the code that builds such text must not put
 * a value in it in the first place.
 *
 * Two strengths. `redactByShape` takes out what is recognisable by its shape alone (AWS keys,
 * session and SSO tokens, client secrets), whether or not it holds a digit, and is safe on any
 * message: hashes, ids and paths survive it. `redactSecrets` adds the wider rules for text that
 * came from outside the app (AWS and SDK messages, a credential_process's stderr, the AWS
 * config files): `name=value` for secret-sounding names and any long run holding a digit.
 */
export const REDACTED = '[redacted]';

const BASE64_RUN = '[A-Za-z0-9+/]';
const SHAPES: [RegExp, string][] = [
  // AWS access key ids (long-term, temporary and the other unique-id prefixes).
  [/\b(?:AKIA|ASIA|AIDA|AROA|AGPA|ANPA|ANVA|AIPA|APKA|ABIA|ACCA)[A-Z0-9]{16}\b/g, REDACTED],
  // STS session tokens: base64 of a protobuf whose first bytes are fixed (FwoG…, FQoG…, IQoJ…).
  [/(?<![A-Za-z0-9+/])(?:FwoG|FQoG|IQo[A-Za-z])[A-Za-z0-9+/]{12,}={0,2}/g, REDACTED],
  // IAM Identity Center access and refresh tokens (aoa…, aor…) and client secrets (JWTs).
  [/(?<![A-Za-z0-9+/])ao[ar][A-Za-z0-9+/_-]{16,}={0,2}(?::[A-Za-z0-9+/_=-]+)?/g, REDACTED],
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]*)?/g, REDACTED],
  // AWS secret access keys: exactly 40 base64 characters, both letter cases (a hex hash has one).
  [
    new RegExp(
      `(?<![A-Za-z0-9+/=])(?=${BASE64_RUN}*[a-z])(?=${BASE64_RUN}*[A-Z])${BASE64_RUN}{40}(?![A-Za-z0-9+/=])`,
      'g',
    ),
    REDACTED,
  ],
  [/\bBearer\s+\S+/gi, `Bearer ${REDACTED}`],
];

const OUTSIDE_TEXT: [RegExp, string][] = [
  // name=value and name: value, where the name says it is secret; and `--name value` options.
  // Names are tried from where a word starts and at most 64 characters either side: unbounded, a
  // long run of letters (64 KiB of stderr) took the matcher quadratic time, 13 s for one message.
  [
    /((?<![\w.-])[\w.-]{0,64}(?:key|token|secret|passw(?:or)?d|pwd|credential|auth)[\w.-]{0,64})(\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s,;]+)/gi,
    `$1$2${REDACTED}`,
  ],
  [
    /((?:^|\s)--?[\w-]{0,64}(?:key|token|secret|passw(?:or)?d|pwd|credential|auth)[\w-]{0,64}\s+)("[^"]*"|'[^']*'|\S+)/gi,
    `$1${REDACTED}`,
  ],
  // user:password@ in URLs.
  [/\/\/[^\s/@]+@/g, `//${REDACTED}@`],
];
/** Long base64/base64url/hex runs: redacted when they hold a digit or no separators, so hyphenated words survive. */
const LONG_RUN = /[A-Za-z0-9+/_-]{20,}={0,2}/g;

export function redactByShape(text: string): string {
  let out = text;
  for (const [pattern, replacement] of SHAPES) out = out.replace(pattern, replacement);
  return out;
}

export function redactSecrets(text: string): string {
  let out = redactByShape(text);
  for (const [pattern, replacement] of OUTSIDE_TEXT) out = out.replace(pattern, replacement);
  return out.replace(LONG_RUN, (run) => (/\d/.test(run) || !/[-_/]/.test(run) ? REDACTED : run));
}

/** At most `max` characters of outside text, redacted first so a cut cannot split a secret out of its pattern. */
export function redactedExcerpt(text: string, max = 300): string {
  const safe = redactSecrets(text);
  return safe.length > max ? `${safe.slice(0, max - 1)}…` : safe;
}
