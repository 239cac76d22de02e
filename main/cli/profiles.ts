import { parseArgs } from 'node:util';
import { PROFILE_KIND_LABELS, PROFILE_STATUS_LABELS, type ProfileSummary } from '../../shared/domain/aws';
import { AwsService } from '../services/aws/aws-service';
import { type CliIo, reportError, table } from './output';

function session(p: ProfileSummary): string {
  if (!p.session) return '-';
  if (p.session.status === 'valid') return `valid until ${p.session.expiresAt}`;
  if (p.session.status === 'expired')
    return `expired ${p.session.expiresAt}${p.session.refreshable ? ' (refreshable)' : ''}`;
  return p.session.status;
}

/** `profiles [--json]`: every AWS profile with its kind, status, account, role, session and problems. */
export async function profilesCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } });
  try {
    const list = await new AwsService({ openExternal: () => undefined }).listProfiles();
    if (values.json) {
      io.out(JSON.stringify(list, null, 2));
      return 0;
    }
    for (const f of list.files)
      io.out(`${f.kind === 'config' ? 'Config' : 'Credentials'} file: ${f.path}${f.exists ? '' : ' (not found)'}`);
    if (!list.profiles.length) {
      io.out('No AWS profiles found. Create one with "aws configure sso".');
      return 0;
    }
    io.out('');
    const rows = [['PROFILE', 'KIND', 'STATUS', 'ACCOUNT', 'ROLE', 'REGION', 'SESSION']];
    for (const p of list.profiles)
      rows.push([
        p.name,
        PROFILE_KIND_LABELS[p.kind],
        PROFILE_STATUS_LABELS[p.status],
        p.accountId ?? '-',
        p.roleName ?? '-',
        p.region ?? '-',
        session(p),
      ]);
    io.out(table(rows));
    const problems = [
      ...list.files.flatMap((f) => f.problems.map((x) => ({ where: f.path, ...x }))),
      ...list.profiles.flatMap((p) => p.problems.map((x) => ({ where: `profile ${p.name}`, ...x }))),
    ];
    if (problems.length) {
      io.out('\nProblems:');
      for (const x of problems)
        io.out(
          `  ${x.severity === 'error' ? 'ERROR  ' : 'warning'} ${x.where}${x.line ? ` (${x.file} line ${x.line})` : ''}: ${x.message}`,
        );
    }
    return 0;
  } catch (e) {
    return reportError(e, io, !!values.json);
  }
}
