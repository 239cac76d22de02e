/**
 * Stable error codes shared by main, renderer, CLI and tests. Append; never rename:
 * the renderer and saved CLI output depend on them.
 */
export const ERROR_CODES = [
  // IPC and generic
  'INVALID_INPUT',
  'UNKNOWN_CHANNEL',
  'FORBIDDEN_SENDER',
  'INTERNAL',
  'NOT_FOUND',
  'CANCELLED',
  'CONFLICT',
  // Workspace storage
  'NO_WORKSPACE',
  'WORKSPACE_NOT_FOUND',
  'WORKSPACE_EXISTS',
  'WORKSPACE_LOCKED',
  'WORKSPACE_FILE_CORRUPT',
  'WORKSPACE_FILE_INVALID',
  'WORKSPACE_TOO_NEW',
  'NO_BACKUP',
  'SAVE_FAILED',
  'ACTIVITY_NOT_LOGGED',
  'IDENTITY_REQUIRED',
  // AWS
  'PROFILE_NOT_FOUND',
  'PROFILE_INVALID',
  'CONFIG_FILE_INVALID',
  'SSO_TOKEN_MISSING',
  'SSO_TOKEN_EXPIRED',
  'SSO_LOGIN_DENIED',
  'SSO_LOGIN_EXPIRED',
  'CREDENTIALS_MISSING',
  'CREDENTIALS_EXPIRED',
  'ACCESS_DENIED',
  'THROTTLED',
  'CLOCK_SKEW',
  'NETWORK',
  'TIMEOUT',
  'AWS_ERROR',
  // Evidence
  'EVIDENCE_TAMPERED',
  'EVIDENCE_MISSING',
  'IMPORT_REJECTED',
  'CAPTURE_FAILED',
  'SIGNIN_REFUSED',
  // Export
  'EXPORT_FAILED',
  'BUNDLE_INVALID',
  // Evidence (appended)
  'EVIDENCE_UNREADABLE',
  // Reviews
  'REVIEW_INCOMPLETE',
  // AWS (appended)
  'TOKEN_CACHE_UNWRITABLE',
  'ACCOUNT_OUT_OF_SCOPE',
  // Regions and services (checks engine)
  'REGION_NOT_ENABLED',
  'SERVICE_NOT_ENABLED',
  // Signing with the person's SSH key (appended)
  'SIGNING_UNAVAILABLE',
  'SIGNING_KEY_REJECTED',
  'SIGNING_FAILED',
  // Workspace storage (appended)
  'WORKSPACE_FILE_REFUSED',
  // Sample company
  'SAMPLE_WORKSPACE',
  // Reviews (appended): a decision from someone who is not a current reviewer of the row
  'NOT_A_REVIEWER',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

const KNOWN: ReadonlySet<string> = new Set(ERROR_CODES);
/** For codes read back from stored findings, which keep them as plain strings. */
export const isErrorCode = (code: string): code is ErrorCode => KNOWN.has(code);

/** The sign-in or credentials are gone or expired: cached credentials must be dropped, and the person signs in again. */
const CREDENTIAL_ERRORS: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'SSO_TOKEN_EXPIRED',
  'SSO_TOKEN_MISSING',
  'CREDENTIALS_EXPIRED',
  'CREDENTIALS_MISSING',
]);

export const isCredentialError = (code: ErrorCode): boolean => CREDENTIAL_ERRORS.has(code);
