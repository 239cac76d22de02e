import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { SsoSessionStatus } from '../../../shared/domain/aws';
import { AppError } from '../../../shared/ipc/result';
import { ssoTokenCachePath } from './paths';

/**
 * The AWS CLI's SSO token cache file, field for field (botocore `SSOTokenFetcher`), so the
 * app and `aws sso login` share one session both ways. It holds secrets: it is only ever
 * read and written here, in the main process, and never leaves it.
 */
export interface SsoTokenCacheFile {
  startUrl: string;
  region: string;
  accessToken: string;
  /** UTC, `YYYY-MM-DDTHH:MM:SSZ` */
  expiresAt: string;
  clientId?: string;
  clientSecret?: string;
  registrationExpiresAt?: string;
  refreshToken?: string;
}

/** The CLI's timestamp format: seconds precision, literal `Z`. */
export function cliTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export async function readTokenCache(id: string): Promise<SsoTokenCacheFile | undefined> {
  let text: string;
  try {
    text = await readFile(ssoTokenCachePath(id), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  const data = JSON.parse(text) as Partial<SsoTokenCacheFile>;
  if (typeof data.accessToken !== 'string' || typeof data.expiresAt !== 'string')
    throw new Error('The token cache file has no accessToken or expiresAt');
  return data as SsoTokenCacheFile;
}

/**
 * Written through a temporary file and a rename, mode 0600, directory created as the CLI does.
 * The temporary file holds the tokens too: whatever fails after it is created, it is removed.
 */
export async function writeTokenCache(id: string, token: SsoTokenCacheFile): Promise<string> {
  const path = ssoTokenCachePath(id);
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, JSON.stringify(token), { mode: 0o600 });
    await chmod(tmp, 0o600);
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw error;
  }
  return path;
}

/** What stopped a cache write, and what the person does about it. */
function cacheWriteReason(code: string, at: string, dir: string): [reason: string, hint: string] {
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      // Typically the folder was created by `sudo aws sso login` and belongs to root.
      return [
        `you may not write to ${at}`,
        `Make the folder yours and writable: run  sudo chown -R "$(id -un)" "${dirname(dir)}" && chmod 700 "${dir}"  then sign in again.`,
      ];
    case 'EEXIST':
    case 'ENOTDIR':
      return [
        `${at} is a file where a folder should be`,
        `Move or delete the file ${at}, then sign in again; the folder is created for you.`,
      ];
    case 'EISDIR':
      return [
        `${at} is a folder where the session file should be`,
        `Move or delete the folder ${at}, then sign in again.`,
      ];
    case 'ENOSPC':
      return ['the disk is full', 'Free some disk space, then sign in again.'];
    default:
      return [`${code} at ${at}`, `Check that you may write to ${dir}, then sign in again.`];
  }
}

/** A failed cache write, named with the folder and the fix (the tokens themselves are dropped). */
export function cacheWriteError(id: string, e: unknown): AppError {
  const dir = dirname(ssoTokenCachePath(id));
  const err = e as NodeJS.ErrnoException & { dest?: string };
  // A failed rename names the temporary file first (already removed): the cache file is what counts.
  const at = err.dest ?? (err.path?.endsWith('.tmp') ? ssoTokenCachePath(id) : err.path) ?? dir;
  const [reason, hint] = cacheWriteReason(err.code ?? 'unknown error', at, dir);
  return new AppError(
    'TOKEN_CACHE_UNWRITABLE',
    `The sign-in was approved, but the session could not be saved in ${dir}: ${reason}. Without it the sign-in cannot be used.`,
    {
      hint,
      details: { path: dir, cause: err.code ?? 'unknown' },
    },
  );
}

/** What the profile list shows: valid until / expired / missing, never the token itself. */
export async function tokenStatus(id: string, now = new Date()): Promise<SsoSessionStatus> {
  let token: SsoTokenCacheFile | undefined;
  try {
    token = await readTokenCache(id);
  } catch {
    return { status: 'unreadable' };
  }
  if (!token) return { status: 'missing' };
  const expires = new Date(token.expiresAt);
  if (Number.isNaN(expires.getTime())) return { status: 'unreadable' };
  const expiresAt = cliTimestamp(expires);
  if (expires.getTime() > now.getTime()) return { status: 'valid', expiresAt };
  const registrationValid =
    !token.registrationExpiresAt || new Date(token.registrationExpiresAt).getTime() > now.getTime();
  const refreshable = !!(token.refreshToken && token.clientId && token.clientSecret && registrationValid);
  return { status: 'expired', expiresAt, refreshable };
}
