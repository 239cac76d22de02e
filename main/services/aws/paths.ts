import { join } from 'node:path';
import { getHomeDir, getSSOTokenFilepath } from '@smithy/shared-ini-file-loader';

/**
 * Where the AWS SDK and CLI look, resolved the way the SDK resolves them (AWS_CONFIG_FILE,
 * AWS_SHARED_CREDENTIALS_FILE, then HOME / USERPROFILE / HOMEDRIVE+HOMEPATH), read at call
 * time so a changed environment is honoured.
 */
export function configFilePath(): string {
  return expandHome(process.env.AWS_CONFIG_FILE || join(getHomeDir(), '.aws', 'config'));
}

export function credentialsFilePath(): string {
  return expandHome(process.env.AWS_SHARED_CREDENTIALS_FILE || join(getHomeDir(), '.aws', 'credentials'));
}

function expandHome(p: string): string {
  return p.startsWith('~/') ? join(getHomeDir(), p.slice(2)) : p;
}

/** `~/.aws/sso/cache/<sha1(id)>.json`: id is the sso-session name, or the start URL for legacy profiles. */
export function ssoTokenCachePath(id: string): string {
  return getSSOTokenFilepath(id);
}
