import { closeSync, fstatSync, openSync, readFileSync, statSync } from 'node:fs';
import { AppError } from '../../../shared/ipc/result';
import { diagnoseIni, type FileDiagnostics, type FileKind } from './ini-diagnostics';
import { configFilePath, credentialsFilePath } from './paths';

export type Section = Record<string, string | undefined>;

/**
 * The user's config and credentials files, read and parsed once by our own linear parser
 * (ini-diagnostics), as the AWS SDK would read them. Everything that needs a setting asks this:
 * the profile list, the SDK clients' settings (sdk-settings.ts) and the credential resolver
 * (profile-credentials.ts), so the SDK never parses the files itself. The SDK's parser runs once
 * per setting a client resolves, which over a 10 MB config took a minute for one `whoami`.
 *
 * Kept until either file changes (size, times or inode), so a second listing or client costs a
 * `stat` of each file.
 */
export interface SharedConfig {
  paths: Record<FileKind, string>;
  exists: Record<FileKind, boolean>;
  diag: Partial<Record<FileKind, FileDiagnostics>>;
  /** The `[profile x]` / `[default]` sections of the config file, merged as the SDK merges them. */
  configProfiles: Record<string, Section>;
  credentialProfiles: Record<string, Section>;
  sessions: Record<string, Section>;
  services: Record<string, Section>;
}

const hasValues = (values: Section) => {
  for (const _ in values) return true;
  return false;
};

/**
 * The sections of one type as the AWS SDK reads them: sections of one name merged in file order
 * (later values win), sections without a setting absent, nothing from a file the SDK refuses.
 * One pass over the sections, so a file of 100,000 profiles is read in linear time.
 */
export function sdkValues(
  d: FileDiagnostics | undefined,
  type: 'profile' | 'sso-session' | 'services',
): Record<string, Section> {
  const out: Record<string, Section> = Object.create(null) as Record<string, Section>;
  if (!d || d.refusedBySdk) return out;
  for (const s of d.sections) {
    if (s.type !== type || s.name === undefined) continue;
    if (!(s.name in out) && !hasValues(s.values)) continue;
    out[s.name] = Object.assign(out[s.name] ?? {}, s.values);
  }
  return out;
}

/** The SDK's view of one profile: both files merged, the credentials file winning (as `fromIni` reads it). */
export function profileValues(config: SharedConfig, name: string): Section | undefined {
  const fromConfig = config.configProfiles[name];
  const fromCredentials = config.credentialProfiles[name];
  if (!fromConfig && !fromCredentials) return undefined;
  return { ...fromConfig, ...fromCredentials };
}

/** `/dev/null` is a usual way to say "no file"; any other device or pipe would block or never end. */
function readText(path: string): string | undefined {
  const refuse = (why: string) =>
    new AppError('CONFIG_FILE_INVALID', `Cannot read ${path}: ${why}`, {
      hint: 'Check the file exists and that you may read it.',
    });
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw refuse((e as Error).message);
  }
  try {
    const st = fstatSync(fd);
    if (st.isCharacterDevice() && path === '/dev/null') return '';
    if (st.isDirectory()) throw refuse('it is a folder, not a file.');
    if (!st.isFile())
      throw refuse(st.isFIFO() ? 'it is a named pipe (FIFO), not a file.' : 'it is not a regular file.');
    return readFileSync(fd, 'utf8');
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw refuse((e as Error).message);
  } finally {
    closeSync(fd);
  }
}

function stamp(path: string): string {
  try {
    const st = statSync(path);
    return `${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.ino}:${st.mode}`;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code ?? 'unreadable';
  }
}

let cached: { key: string; config: SharedConfig } | undefined;

/** The files as they are now (parsed again only when one changed). */
export function readSharedConfig(): SharedConfig {
  const paths: Record<FileKind, string> = { config: configFilePath(), credentials: credentialsFilePath() };
  const key = `${paths.config}\u0000${stamp(paths.config)}\u0000${paths.credentials}\u0000${stamp(paths.credentials)}`;
  if (cached?.key === key) return cached.config;
  const texts = { config: readText(paths.config), credentials: readText(paths.credentials) };
  const diag = {
    config: texts.config === undefined ? undefined : diagnoseIni(texts.config, 'config'),
    credentials: texts.credentials === undefined ? undefined : diagnoseIni(texts.credentials, 'credentials'),
  };
  const config: SharedConfig = {
    paths,
    exists: { config: texts.config !== undefined, credentials: texts.credentials !== undefined },
    diag,
    configProfiles: sdkValues(diag.config, 'profile'),
    credentialProfiles: sdkValues(diag.credentials, 'profile'),
    sessions: sdkValues(diag.config, 'sso-session'),
    services: sdkValues(diag.config, 'services'),
  };
  cached = { key, config };
  return config;
}
