import {
  profileStatus,
  type ConfigFileStatus,
  type ProfileKind,
  type ProfileList,
  type ProfileProblem,
  type ProfileSummary,
} from '../../../shared/domain/aws';
import { AppError } from '../../../shared/ipc/result';
import type { FileDiagnostics, FileKind, RawSection } from './ini-diagnostics';
import { configFilePath } from './paths';
import { readSharedConfig, type Section } from './shared-config';
import { redactSecrets } from '../security/redact';
import { tokenStatus } from './token-cache';

/** What an SSO profile needs to sign in: the session (or legacy) settings, resolved. */
export interface SsoTarget {
  profile: string;
  kind: 'sso' | 'sso-legacy';
  startUrl: string;
  region: string;
  sessionName?: string;
  scopes: string[];
  /** The token cache key: the sso-session name, or the start URL for legacy profiles. */
  cacheId: string;
}

/** The `fromIni` order: role_arn, static keys, web identity, credential_process, SSO. */
function kindOf(p: Section): ProfileKind {
  if (p.role_arn) return 'assume-role';
  if (p.aws_access_key_id || p.aws_secret_access_key) return 'static';
  if (p.web_identity_token_file) return 'web-identity';
  if (p.credential_process) return 'credential-process';
  if (p.sso_session) return 'sso';
  if (p.sso_start_url || p.sso_account_id || p.sso_region || p.sso_role_name) return 'sso-legacy';
  return 'none';
}

/** Where in the files a problem is: the line of the key concerned, else of the section header. */
type Where = Pick<ProfileProblem, 'file' | 'line'>;
type Locate = (key?: string) => Where;

// Messages may name values from the files (a role ARN, a source_profile): secret-looking ones are redacted.
const error = (message: string, where: Where = {}): ProfileProblem => ({
  severity: 'error',
  message: redactSecrets(message),
  ...where,
});
const warning = (message: string, where: Where = {}): ProfileProblem => ({
  severity: 'warning',
  message: redactSecrets(message),
  ...where,
});

/** Every raw section by type and name, in file order (config first): built once per listing, so lookups stay constant time. */
type SectionIndex = Map<string, { file: FileKind; s: RawSection }[]>;
const sectionKey = (type: RawSection['type'], name: string) => `${type}\u0000${name}`;

function indexSections(diag: Partial<Record<FileKind, FileDiagnostics>>): SectionIndex {
  const index: SectionIndex = new Map();
  for (const file of ['config', 'credentials'] as const) {
    for (const s of diag[file]?.sections ?? []) {
      if (s.name === undefined) continue;
      const key = sectionKey(s.type, s.name);
      const list = index.get(key);
      if (list) list.push({ file, s });
      else index.set(key, [{ file, s }]);
    }
  }
  return index;
}

/** The SDK merges a profile's sections, credentials file last; the last section holding a key is the one that counts. */
function locator(index: SectionIndex, type: RawSection['type'], name: string): Locate {
  const sections = index.get(sectionKey(type, name)) ?? [];
  return (key) => {
    const withKey = key ? sections.filter((x) => x.s.keys.has(key)) : [];
    const hit = withKey.at(-1) ?? sections.at(-1);
    if (!hit) return {};
    return { file: hit.file, line: withKey.length ? hit.s.keys.get(key!)!.at(-1)! : hit.s.line };
  };
}

function missing(p: Section, keys: string[]): string[] {
  return keys.filter((k) => !p[k]);
}

function validate(
  name: string,
  p: Section,
  kind: ProfileKind,
  sessions: Record<string, Section>,
  allNames: Set<string>,
  index: SectionIndex,
): ProfileProblem[] {
  const out: ProfileProblem[] = [];
  const at = locator(index, 'profile', name);
  switch (kind) {
    case 'sso': {
      const session = sessions[p.sso_session!];
      if (!session) {
        out.push(
          error(
            `sso_session = ${p.sso_session} names no [sso-session ${p.sso_session}] section. Add that section with sso_start_url and sso_region, or fix the name.`,
            at('sso_session'),
          ),
        );
        break;
      }
      const gaps = missing(session, ['sso_start_url', 'sso_region']);
      if (gaps.length)
        out.push(
          error(
            `The [sso-session ${p.sso_session}] section has no ${gaps.join(' or ')}. Add ${gaps.map((g) => `${g} = …`).join(' and ')}.`,
            locator(index, 'sso-session', p.sso_session!)(),
          ),
        );
      for (const key of ['sso_start_url', 'sso_region'] as const) {
        if (p[key] && session[key] && p[key] !== session[key])
          out.push(
            error(
              `${key} in the profile (${p[key]}) conflicts with the sso-session (${session[key]}); the AWS SDK refuses this. Remove it from the profile.`,
              at(key),
            ),
          );
      }
      const roleGaps = missing(p, ['sso_account_id', 'sso_role_name']);
      if (roleGaps.length)
        out.push(
          warning(
            `No ${roleGaps.join(' or ')}: you can sign in and pick accounts, but reading AWS with this profile needs both.`,
            at(),
          ),
        );
      break;
    }
    case 'sso-legacy': {
      const gaps = missing(p, ['sso_start_url', 'sso_region', 'sso_account_id', 'sso_role_name']);
      if (gaps.length)
        out.push(
          error(
            `This SSO profile has no ${gaps.join(', ')}. Add ${gaps.length > 1 ? 'them' : 'it'} (or run "aws configure sso --profile ${name}").`,
            at(),
          ),
        );
      break;
    }
    case 'static':
      if (!p.aws_access_key_id)
        out.push(error('aws_secret_access_key is set but aws_access_key_id is missing.', at('aws_secret_access_key')));
      if (!p.aws_secret_access_key)
        out.push(error('aws_access_key_id is set but aws_secret_access_key is missing.', at('aws_access_key_id')));
      break;
    case 'assume-role':
      if (!/^arn:aws[\w-]*:iam::\d{12}:role\/.+/.test(p.role_arn!))
        out.push(
          error(`role_arn "${p.role_arn}" is not a role ARN like arn:aws:iam::123456789012:role/Name.`, at('role_arn')),
        );
      if (!p.source_profile && !p.credential_source)
        out.push(
          error(
            'role_arn needs source_profile (or credential_source) to say which credentials assume the role.',
            at('role_arn'),
          ),
        );
      if (p.source_profile && !allNames.has(p.source_profile))
        out.push(
          error(
            `source_profile = ${p.source_profile} names no profile in your config or credentials file.`,
            at('source_profile'),
          ),
        );
      if (p.source_profile === name)
        out.push(error('source_profile points at the profile itself.', at('source_profile')));
      break;
    case 'none':
      out.push(
        warning(
          'This profile has no credential settings (no SSO, keys, role or credential_process); it can only supply defaults such as region.',
          at(),
        ),
      );
      break;
    default:
      break;
  }
  return out;
}

export function ssoTargetOf(summary: ProfileSummary, sessions: Record<string, Section>): SsoTarget | undefined {
  if (summary.kind === 'sso' && summary.ssoSession) {
    const s = sessions[summary.ssoSession];
    if (!s?.sso_start_url || !s.sso_region) return undefined;
    const scopes = (s.sso_registration_scopes ?? 'sso:account:access')
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
    return {
      profile: summary.name,
      kind: 'sso',
      startUrl: s.sso_start_url,
      region: s.sso_region,
      sessionName: summary.ssoSession,
      scopes,
      cacheId: summary.ssoSession,
    };
  }
  if (summary.kind === 'sso-legacy' && summary.ssoStartUrl && summary.ssoRegion) {
    return {
      profile: summary.name,
      kind: 'sso-legacy',
      startUrl: summary.ssoStartUrl,
      region: summary.ssoRegion,
      scopes: [],
      cacheId: summary.ssoStartUrl,
    };
  }
  return undefined;
}

/** A profile's own section problems, from both files (sso-session and services sections carry theirs elsewhere). */
function sectionProblems(index: SectionIndex, name: string): ProfileProblem[] {
  // Plain loops: this runs for every profile, and nested flatMap cost a second over 100,000 of them.
  const out: ProfileProblem[] = [];
  for (const type of ['profile', 'ignored'] as const) {
    for (const x of index.get(sectionKey(type, name)) ?? []) out.push(...x.s.problems);
  }
  return out;
}

/**
 * Values as the AWS CLI reads them: where a value goes on after " ;" or " #", botocore keeps
 * that as part of it (the SDK drops it). ini-diagnostics reports each such line as an error.
 */
function asTheCliReads(
  sdk: Record<string, Section>,
  d: FileDiagnostics | undefined,
  type: RawSection['type'],
): Record<string, Section> {
  const commented = (d?.inlineCommented ?? []).filter((s) => s.type === type && s.name !== undefined && sdk[s.name]);
  if (!commented.length) return sdk;
  // The SDK's view is shared (the clients' settings read it): the CLI's values go into copies.
  const out = Object.assign(Object.create(null) as Record<string, Section>, sdk);
  for (const s of commented) {
    const values = (out[s.name!] = { ...out[s.name!] });
    for (const [key, value] of s.inlineComments ?? []) values[key] = value;
  }
  return out;
}

/** Reads the user's AWS profiles: values as the SDK parses them, problems from a raw line pass. */
export class ProfileService {
  constructor(private readonly now: () => Date = () => new Date()) {}

  async list(): Promise<ProfileList> {
    return (await this.read()).list;
  }

  /** With `only`, the list holds that one profile (when it exists): what `get` needs, without summarizing all. */
  private async read(only?: string): Promise<{ list: ProfileList; sessions: Record<string, Section> }> {
    const shared = readSharedConfig();
    const { paths, exists, diag } = shared;
    const index = indexSections(diag);
    const sessions = asTheCliReads(shared.sessions, diag.config, 'sso-session');
    const configProfiles = asTheCliReads(shared.configProfiles, diag.config, 'profile');
    const credentialProfiles = asTheCliReads(shared.credentialProfiles, diag.credentials, 'profile');
    const ignored = [...(diag.config?.sections ?? []), ...(diag.credentials?.sections ?? [])].filter(
      (s) => s.type === 'ignored' && s.name !== undefined,
    );
    const names = new Set([...Object.keys(configProfiles), ...Object.keys(credentialProfiles)]);
    const ignoredNames = ignored.map((s) => s.name!).filter((n) => !names.has(n));

    const profiles: ProfileSummary[] = [];
    // Many profiles share one sign-in: its cache file is read once per listing.
    const tokens = new Map<string, ReturnType<typeof tokenStatus>>();
    const tokenOf = (cacheId: string) => {
      let status = tokens.get(cacheId);
      if (!status) tokens.set(cacheId, (status = tokenStatus(cacheId, this.now())));
      return status;
    };
    const byName = new Intl.Collator().compare;
    const wanted = only === undefined ? [...names].sort(byName) : names.has(only) ? [only] : [];
    for (const name of wanted) {
      profiles.push(
        await this.summarize(name, configProfiles[name], credentialProfiles[name], sessions, names, index, tokenOf),
      );
    }
    for (const name of new Set(only === undefined ? ignoredNames : ignoredNames.filter((n) => n === only))) {
      const problems = sectionProblems(index, name);
      profiles.push({ name, kind: 'none', status: profileStatus({ kind: 'none', problems }), files: [], problems });
    }
    const files: ConfigFileStatus[] = (['config', 'credentials'] as const).map((kind) => ({
      kind,
      path: paths[kind],
      exists: exists[kind],
      problems: [
        ...(diag[kind]?.problems ?? []),
        ...(diag[kind]?.sections ?? []).filter((s) => s.type === 'sso-session').flatMap((s) => s.problems),
      ],
    }));
    return { list: { profiles, files }, sessions };
  }

  private async summarize(
    name: string,
    fromConfig: Section | undefined,
    fromCredentials: Section | undefined,
    sessions: Record<string, Section>,
    names: Set<string>,
    index: SectionIndex,
    tokenOf: (cacheId: string) => ReturnType<typeof tokenStatus>,
  ): Promise<ProfileSummary> {
    // The SDK merges both files; the credentials file wins on conflicts.
    const p: Section = { ...fromConfig, ...fromCredentials };
    const kind = kindOf(p);
    const session = p.sso_session ? sessions[p.sso_session] : undefined;
    const roleAccount = p.role_arn ? /^arn:aws[\w-]*:iam::(\d{12}):role\/(.+)$/.exec(p.role_arn) : null;
    const summary: ProfileSummary = {
      name,
      kind,
      // Set below, once the session and every problem are known.
      status: 'usable',
      files: [...(fromConfig ? ['config' as const] : []), ...(fromCredentials ? ['credentials' as const] : [])],
      ...(p.region ? { region: p.region } : {}),
      ...(p.sso_account_id ? { accountId: p.sso_account_id } : roleAccount ? { accountId: roleAccount[1]! } : {}),
      ...(p.sso_role_name ? { roleName: p.sso_role_name } : roleAccount ? { roleName: roleAccount[2]! } : {}),
      ...(p.role_arn ? { roleArn: p.role_arn } : {}),
      ...(p.source_profile ? { sourceProfile: p.source_profile } : {}),
      ...(p.sso_session ? { ssoSession: p.sso_session } : {}),
      ...(kind === 'sso' && session?.sso_start_url
        ? { ssoStartUrl: session.sso_start_url }
        : p.sso_start_url
          ? { ssoStartUrl: p.sso_start_url }
          : {}),
      ...(kind === 'sso' && session?.sso_region
        ? { ssoRegion: session.sso_region }
        : p.sso_region
          ? { ssoRegion: p.sso_region }
          : {}),
      problems: [...sectionProblems(index, name), ...validate(name, p, kind, sessions, names, index)],
    };
    if (p.sso_session && session) {
      const raw = index.get(sectionKey('sso-session', p.sso_session))?.find((x) => x.file === 'config');
      if (raw) summary.problems.push(...raw.s.problems);
    }
    const target = ssoTargetOf(summary, sessions);
    if (target) {
      const status = await tokenOf(target.cacheId);
      // Only sso-session profiles refresh; a legacy session ends when its token does.
      summary.session =
        target.kind === 'sso-legacy' && status.status === 'expired' ? { ...status, refreshable: false } : status;
      if (status.status === 'unreadable')
        summary.problems.push(warning('The cached SSO sign-in cannot be read; sign in again to replace it.'));
    }
    summary.status = profileStatus(summary);
    return summary;
  }

  /** One profile, or PROFILE_NOT_FOUND naming the ones that exist. */
  async get(name: string): Promise<{ summary: ProfileSummary; sso?: SsoTarget }> {
    const { list, sessions } = await this.read(name);
    const summary = list.profiles.find((p) => p.name === name);
    if (!summary) {
      const known = (await this.read()).list.profiles.map((p) => p.name);
      throw new AppError('PROFILE_NOT_FOUND', `There is no AWS profile named "${name}".`, {
        hint: known.length
          ? `Choose one of: ${known.slice(0, 10).join(', ')}.`
          : `Add it to ${configFilePath()} (for example with "aws configure sso").`,
        details: { profile: name },
      });
    }
    const sso = ssoTargetOf(summary, sessions);
    return { summary, ...(sso ? { sso } : {}) };
  }
}
