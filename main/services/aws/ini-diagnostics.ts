import type { ProfileProblem } from '../../../shared/domain/aws';
import { redactSecrets } from '../security/redact';

/**
 * A raw line pass over one shared config file that mirrors the AWS SDK's own ini parser
 * (@smithy/core `parseIni` + `getConfigData`) closely enough to say, with line numbers,
 * what the SDK will silently skip or merge. The values themselves come from the SDK's parser.
 *
 * The files hold keys and tokens, so a problem never quotes a line or a value: it names the
 * line (in `line`), the setting when its name is recognisable, and what is wrong. Section
 * names are named; every message is also passed through `redactSecrets`.
 */
export type FileKind = 'config' | 'credentials';

export interface RawSection {
  /** Profile or sso-session name as the SDK keys it; undefined when the SDK ignores the section. */
  name?: string;
  type: 'profile' | 'sso-session' | 'services' | 'ignored';
  header: string;
  line: number;
  keys: Map<string, number[]>;
  /**
   * Values that go on after " ;" or " #": the AWS SDK drops that as a comment, botocore (the
   * AWS CLI) keeps it as part of the value. Keyed by setting; the value as botocore reads it.
   */
  inlineComments?: Map<string, string>;
  /** The section's values exactly as the AWS SDK's `parseIni` reads them (sub-settings as `parent.name`). */
  values: Record<string, string>;
  problems: ProfileProblem[];
}

export interface FileDiagnostics {
  sections: RawSection[];
  problems: ProfileProblem[];
  /** The SDK refuses the whole file (a `__proto__` section): none of its values count. */
  refusedBySdk: boolean;
  /** The sections holding a value that goes on after " ;" or " #" (see `RawSection.inlineComments`). */
  inlineCommented: RawSection[];
}

/** The SDK's section-name pattern: names outside it are dropped without a word. */
const PREFIXED = /^([\w-]+)\s(["'])?([\w-@+.%:/]+)\2$/;
const SECTION_TYPES = ['profile', 'sso-session', 'services'] as const;
const NAME_RULE = 'names may only use letters A-Z and a-z, digits and - _ @ + . % : /';

/** Settings of the AWS config and credentials files that a problem may name. */
const KNOWN_SETTINGS = new Set([
  'aws_access_key_id',
  'aws_secret_access_key',
  'aws_session_token',
  'aws_security_token',
  'aws_account_id',
  'region',
  'output',
  'sso_session',
  'sso_start_url',
  'sso_region',
  'sso_account_id',
  'sso_role_name',
  'sso_registration_scopes',
  'role_arn',
  'source_profile',
  'credential_source',
  'credential_process',
  'external_id',
  'mfa_serial',
  'role_session_name',
  'duration_seconds',
  'web_identity_token_file',
  'endpoint_url',
  'ignore_configured_endpoint_urls',
  'services',
  'ca_bundle',
  'max_attempts',
  'retry_mode',
  'defaults_mode',
  'use_fips_endpoint',
  'use_dualstack_endpoint',
  'sts_regional_endpoints',
  'cli_pager',
  's3',
  'sts',
  'iam',
]);

/**
 * The name of the setting a line starts with, when it is safe to repeat: a known setting, or a
 * snake_case name of letters only (settings look like that; keys and tokens do not). A dotted
 * name (a services sub-setting) is named when every part is.
 */
function settingName(text: string): string | undefined {
  const name = /^[A-Za-z][\w.-]*/.exec(text.trim())?.[0];
  if (!name || name.length > 64) return undefined;
  const safe = name
    .split('.')
    .every((part) => KNOWN_SETTINGS.has(part.toLowerCase()) || /^[a-z]+(?:_[a-z]+)+$/.test(part));
  return safe && redactSecrets(name) === name ? name : undefined;
}

/**
 * What is wrong with a line that is not `name = value`, without repeating it. (Worded so that
 * `redactSecrets` has nothing to take out: no "key =" or "<setting> =" followed by a word.)
 */
function notASetting(content: string, line: number): string {
  const key = settingName(content);
  const rest = key ? content.trim().slice(key.length).trimStart() : '';
  const ignored = 'until then the AWS SDK ignores the line';
  if (key && rest.startsWith(':'))
    return `Line ${line}: expected "name = value", but ${key} is followed by ":". Replace the ":" with "="; ${ignored}.`;
  if (key && rest === '')
    return `Line ${line}: expected "name = value", but ${key} has no "=" and no value. Put "=" and the value on the same line as ${key}; ${ignored}.`;
  if (key)
    return `Line ${line}: expected "name = value", but ${key} is not followed by "=". Put "=" between ${key} and its value; ${ignored}.`;
  return `Line ${line}: expected "name = value", so the AWS SDK ignores the line. If it continues the value on the line above (a key or token wrapped onto a line of its own), join the two lines.`;
}

function classify(header: string, file: FileKind): Pick<RawSection, 'name' | 'type'> & { problem?: string } {
  const m = PREFIXED.exec(header);
  if (file === 'credentials') {
    // Named after the profile it was meant to be, so the problem shows on that profile's row.
    if (m && m[1] === 'profile') {
      return {
        name: m[3]!,
        type: 'ignored',
        problem: `In the credentials file write [${m[3]}], not [${header}]: the AWS SDK reads this section as a profile named "profile.${m[3]}", so profile "${m[3]}" gets nothing from it.`,
      };
    }
    if (m && (SECTION_TYPES as readonly string[]).includes(m[1]!)) {
      return {
        type: 'ignored',
        problem: `[${header}] belongs in the config file, not in the credentials file: the AWS SDK does not read ${m[1]} sections here. Move it.`,
      };
    }
    return { name: header, type: 'profile' };
  }
  if (m) {
    const prefix = m[1]!;
    if (prefix === 'profile') return { name: m[3]!, type: 'profile' };
    if (prefix === 'sso-session') return { name: m[3]!, type: 'sso-session' };
    if (prefix === 'services') return { name: m[3]!, type: 'services' };
    return {
      type: 'ignored',
      problem: `The section [${header}] is not a profile, sso-session or services section, so the AWS SDK ignores it.`,
    };
  }
  if (header === 'default') return { name: 'default', type: 'profile' };
  const typed = /^(profile|sso-session|services)\s+(.*)$/.exec(header);
  if (typed) {
    return {
      name: typed[2]!.trim(),
      type: 'ignored',
      problem: `The AWS SDK ignores [${header}]: ${typed[1]} ${NAME_RULE}, without spaces or quotes inside. Rename it.`,
    };
  }
  return {
    name: header,
    type: 'ignored',
    problem: `In the config file, profiles are written [profile ${header}]; the AWS SDK ignores [${header}].`,
  };
}

export function diagnoseIni(text: string, file: FileKind): FileDiagnostics {
  const problems: ProfileProblem[] = [];
  const sections: RawSection[] = [];
  const at = (line: number, message: string, severity: ProfileProblem['severity'] = 'warning'): ProfileProblem => ({
    severity,
    message: redactSecrets(message),
    file,
    line,
  });
  if (text.charCodeAt(0) === 0xfeff) {
    // Tried with both: the AWS SDK (and so this app) skips the mark and reads the first section;
    // botocore opens the file as plain UTF-8 and refuses it whole ("Unable to parse config file").
    problems.push(
      at(
        1,
        `The ${file} file starts with a byte-order mark (BOM). This app reads the file anyway, but the AWS CLI refuses the whole file ("Unable to parse config file"), so none of its profiles work there. Save it as UTF-8 without BOM.`,
        'warning',
      ),
    );
  }
  let current: RawSection | undefined;
  let subsection: string | undefined;
  let refusedBySdk = false;
  const inlineCommented: RawSection[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    // Most lines hold no ";" or "#": they skip the comment split (a third of a 100,000-profile listing).
    const mayComment = raw.includes(';') || raw.includes('#');
    const content = (mayComment ? raw.split(/(^|\s)[;#]/)[0]! : raw).trim();
    if (!content) return;
    if (content.startsWith('[')) {
      subsection = undefined;
      if (!content.endsWith(']')) {
        const where = current ? `, so the lines after it are read as part of [${current.header}]` : '';
        (current?.problems ?? problems).push(
          at(line, `Line ${line}: the section header has no closing "]"${where}. Add the "]".`, 'error'),
        );
        return;
      }
      const header = content.slice(1, -1);
      if (header === '__proto__' || header === 'profile __proto__') {
        refusedBySdk = true;
        problems.push(
          at(
            line,
            `The AWS SDK rejects the whole ${file} file because of the section [${header}], so none of its profiles can be used. Rename that section.`,
            'error',
          ),
        );
      }
      const c = classify(header, file);
      current = {
        type: c.type,
        header,
        line,
        keys: new Map(),
        values: {},
        problems: [],
        ...(c.name !== undefined ? { name: c.name } : {}),
      };
      // A section without a profile name belongs to no profile entry: the file itself carries its problem.
      if (c.problem) (c.name === undefined ? problems : current.problems).push(at(line, c.problem, 'error'));
      sections.push(current);
      return;
    }
    if (!current) {
      const key = settingName(content);
      problems.push(
        at(
          line,
          `Line ${line}: ${key ? `the setting ${key} is` : 'this line is'} outside any [section], so it is ignored. Move it under the [section] it belongs to.`,
        ),
      );
      return;
    }
    const eq = content.indexOf('=');
    if (eq <= 0) {
      current.problems.push(at(line, notASetting(content, line)));
      return;
    }
    const key = content.slice(0, eq).trim();
    const value = content.slice(eq + 1).trim();
    if (value === '') {
      subsection = key;
      return;
    }
    if (subsection && raw.trimStart() === raw) subsection = undefined;
    const full = subsection ? `${subsection}.${key}` : key;
    current.values[full] = value;
    const lines = current.keys.get(full);
    if (lines) lines.push(line);
    else current.keys.set(full, [line]);
    const asBotocore = mayComment ? raw.slice(raw.indexOf('=') + 1).trim() : value;
    if (asBotocore !== value && /\s[;#]/.test(asBotocore)) {
      (current.inlineComments ??= new Map()).set(full, asBotocore);
      inlineCommented.push(current);
      const name = settingName(key);
      current.problems.push(
        at(
          line,
          `Line ${line}: ${name ?? 'the setting'} is followed by a comment on the same line. The AWS CLI (botocore) reads that comment as part of the value, while the AWS SDK drops it, so the two read different values; this app reads it as the AWS CLI does. Put the comment on a line of its own.`,
          'error',
        ),
      );
    }
  });
  for (const s of sections) {
    for (const [key, lines] of s.keys) {
      if (lines.length < 2) continue;
      const name = settingName(key);
      s.problems.push(
        at(
          lines.at(-1)!,
          `${name ? `"${name}"` : 'A setting'} is set ${lines.length} times (${namedLines(lines, ', ')}); the last one wins.`,
        ),
      );
    }
  }
  markDuplicates(sections, file);
  return { sections, problems, refusedBySdk, inlineCommented };
}

/** Two sections with one name are merged by the SDK (later values win): say so on both. */
function markDuplicates(sections: RawSection[], file: FileKind): void {
  const byKey = new Map<string, RawSection[]>();
  for (const s of sections) {
    if (s.name === undefined || s.type === 'ignored') continue;
    const key = `${s.type}:${s.name}`;
    const group = byKey.get(key);
    if (group) group.push(s);
    else byKey.set(key, [s]);
  }
  for (const group of byKey.values()) {
    if (group.length < 2) continue;
    // One message per name, on the sections it names: every line on every section would grow with
    // the square of the copies (50,000 copies of a name would need gigabytes).
    const message = redactSecrets(
      `"${group[0]!.name}" is defined more than once in the ${file} file (${namedLines(group.map((s) => s.line))}); the AWS SDK merges them and later values win. Keep one.`,
    );
    for (const s of group.slice(0, MAX_LINES_NAMED))
      s.problems.push({ severity: 'warning', file, line: s.line, message });
  }
}

const MAX_LINES_NAMED = 5;

/** "lines 1 and 3" (or "lines 1, 3"), and "lines 1, 3, 5, 7, 9 and 49995 more" for a long list. */
function namedLines(lines: number[], separator = ' and '): string {
  if (lines.length <= MAX_LINES_NAMED) return `lines ${lines.join(separator)}`;
  return `lines ${lines.slice(0, MAX_LINES_NAMED).join(', ')} and ${lines.length - MAX_LINES_NAMED} more`;
}
