/**
 * Secret-looking values taken out of text that came from outside the app (AWS and SDK error
 * messages, a credential_process's stderr, diagnostics about the AWS config files) before it
 * can reach a window, the CLI's output, a log or the workspace. A second line of defence: the
 * code that builds such text must not put a value in it in the first place.
 */
export const REDACTED = '[redacted]';

const SECRET_PATTERNS: [RegExp, string][] = [
  // AWS access key ids (long-term, temporary and the other unique-id prefixes).
  [/\b(?:AKIA|ASIA|AIDA|AROA|AGPA|ANPA|ANVA|AIPA|APKA|ABIA|ACCA)[A-Z0-9]{16}\b/g, REDACTED],
  [/\bBearer\s+\S+/gi, `Bearer ${REDACTED}`],
  // name=value and name: value, where the name says it is secret; and `--name value` options.
  [
    /([\w.-]*(?:key|token|secret|passw(?:or)?d|pwd|credential|auth)[\w.-]*)(\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s,;]+)/gi,
    `$1$2${REDACTED}`,
  ],
  [
    /((?:^|\s)--?[\w-]*(?:key|token|secret|passw(?:or)?d|pwd|credential|auth)[\w-]*\s+)("[^"]*"|'[^']*'|\S+)/gi,
    `$1${REDACTED}`,
  ],
  // user:password@ in URLs.
  [/\/\/[^\s/@]+@/g, `//${REDACTED}@`],
];
/** Long base64/base64url/hex runs: redacted when they hold a digit or no separators, so hyphenated words survive. */
const LONG_RUN = /[A-Za-z0-9+/_-]{20,}={0,2}/g;

export function redactSecrets(text: string): string {
  let out = text;
  for (const [pattern, replacement] of SECRET_PATTERNS) out = out.replace(pattern, replacement);
  return out.replace(LONG_RUN, (run) => (/\d/.test(run) || !/[-_/]/.test(run) ? REDACTED : run));
}

/** At most `max` characters of outside text, redacted first so a cut cannot split a secret out of its pattern. */
export function redactedExcerpt(text: string, max = 300): string {
  const safe = redactSecrets(text);
  return safe.length > max ? `${safe.slice(0, max - 1)}…` : safe;
}
