import { existsSync, readdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ColumnMapping, REQUEST_STATUS_LABELS, type AuditRequest } from '../../shared/domain/requests';
import type { TeamDoc } from '../../shared/domain/team';
import type { RequestImportPreview } from '../../shared/ipc/channels/requests';
import { AppError } from '../../shared/ipc/result';
import type { ServiceOptions } from '../services/create-services';
import { refusedRows } from '../services/requests/requests-service';
import { TAKE_OVER_OPTION, headlessServices, openOrCreateWorkspace, personFrom, type Opened } from './headless';
import { readOnlyWorkspace } from './export';
import { type CliIo, UsageError, reportError, table } from './output';

/** A dry run into a new folder leaves no workspace behind either. */
class DryRunDone extends Error {}

/** `--mapping '{"id":"Ref","text":"Request"}'`: the columns by their header names, as the app's mapping step takes them. */
function mappingOption(text: string | undefined): ColumnMapping | undefined {
  if (text === undefined) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new UsageError(`--mapping is not JSON: write it like '{"id":"Request #","text":"Description"}'.`);
  }
  const parsed = ColumnMapping.safeParse(raw);
  if (!parsed.success) {
    throw new UsageError(
      `--mapping is not a mapping: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}.`,
    );
  }
  return parsed.data;
}

/**
 * `requests import FILE --workspace DIR [--sheet NAME] [--mapping JSON] [--firm NAME] [--header-row N]
 * [--dry-run] [--as NAME] [--json] [--take-over]`: imports or re-imports the audit firm's request list, all or
 * nothing (DIR is created as a workspace with defaults when new). Exit 0 when imported (or, with
 * --dry-run, when it would import), 1 when refused.
 */
export async function requestsImportCommand(args: string[], io: CliIo, options: Partial<ServiceOptions> = {}) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      workspace: { type: 'string' },
      sheet: { type: 'string' },
      mapping: { type: 'string' },
      firm: { type: 'string' },
      'header-row': { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      as: { type: 'string' },
      json: { type: 'boolean', default: false },
      ...TAKE_OVER_OPTION,
    },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new UsageError('requests import needs exactly one FILE (CSV or XLSX).');
  if (!values.workspace) throw new UsageError('requests import needs --workspace DIR.');
  const headerRow = values['header-row'] === undefined ? undefined : Number(values['header-row']);
  if (headerRow !== undefined && (!Number.isInteger(headerRow) || headerRow < 1)) {
    throw new UsageError(`--header-row "${values['header-row']}" is not a row number.`);
  }
  const mapping = mappingOption(values.mapping);
  const person = personFrom(values.as);
  const folder = resolve(values.workspace);
  const json = !!values.json;
  const services = headlessServices(options);
  // A refused import into a folder this command made a workspace of leaves the folder as it was.
  let created: Opened['created'] = null;
  try {
    if (!existsSync(resolve(file))) throw new UsageError(`${file} does not exist.`);
    ({ created } = await openOrCreateWorkspace(services, { folder, person, json, io, takeOver: values['take-over'] }));
    const { token } = services.requests.remember(resolve(file));
    const choice = {
      token,
      ...(values.firm ? { firm: values.firm } : {}),
      ...(values.sheet ? { sheet: values.sheet } : {}),
      ...(headerRow ? { headerRow } : {}),
      ...(mapping ? { mapping } : {}),
    };
    const preview = await services.requests.preview(choice);
    if (!preview.mapping) {
      throw new AppError(
        'INVALID_INPUT',
        `${preview.fileName}: the header (row ${preview.headerRow}) does not name the request id and text columns clearly.`,
        {
          hint: `Give them with --mapping '{"id":"…","text":"…"}'; the columns are: ${preview.columns.map((c) => `"${c}"`).join(', ')}.`,
        },
      );
    }
    if (preview.problemCount > 0) throw refusedRows(preview);
    if (!json) printPreview(preview, io);
    if (values['dry-run']) {
      if (json) io.out(JSON.stringify({ dryRun: true, ...previewJson(preview) }, null, 2));
      else io.out('\nDry run: nothing was imported.');
      if (created) throw new DryRunDone();
      return 0;
    }
    const result = await services.requests.apply({ ...choice, sha256: preview.sha256 });
    created = null;
    if (json) io.out(JSON.stringify({ ...previewJson(preview), result }, null, 2));
    else
      io.out(
        `\nImported ${result.total} requests: ${result.added} new, ${result.changed} changed, ${result.withdrawn} withdrawn${result.reinstated ? `, ${result.reinstated} back in the list` : ''}.`,
      );
    return 0;
  } catch (e) {
    await services.workspaces.close();
    if (created === 'new-folder') rmSync(folder, { recursive: true, force: true });
    if (created === 'empty-folder')
      for (const entry of readdirSync(folder)) rmSync(resolve(folder, entry), { recursive: true, force: true });
    if (e instanceof DryRunDone) return 0;
    if (e instanceof UsageError) throw e;
    if (json && e instanceof AppError && Array.isArray(e.details?.problems)) {
      io.out(
        JSON.stringify(
          { error: { code: e.code, message: e.message, hint: e.hint, problems: e.details.problems } },
          null,
          2,
        ),
      );
      return 1;
    }
    if (!json && e instanceof AppError && Array.isArray(e.details?.problems)) {
      for (const p of (e.details.problems as { row: number; reason: string }[]).slice(0, 20))
        io.err(`  row ${p.row}: ${p.reason}`);
    }
    return reportError(e, io, json);
  } finally {
    await services.workspaces.close();
  }
}

const previewJson = (p: RequestImportPreview) => ({
  file: p.fileName,
  sha256: p.sha256,
  sheet: p.sheet,
  headerRow: p.headerRow,
  columns: p.columns,
  mapping: p.mapping,
  mappingFrom: p.mappingFrom,
  requests: p.requests,
  notices: p.notices,
  plan: p.plan,
});

function printPreview(p: RequestImportPreview, io: CliIo) {
  io.out(`${p.fileName}${p.sheet ? `, sheet "${p.sheet}"` : ''}: header on row ${p.headerRow}, ${p.requests} requests`);
  const m = p.mapping!;
  io.out(
    `Columns: id "${m.id}", text "${m.text}"${m.criteria ? `, criteria "${m.criteria}"` : ''}${m.dueDate ? `, due "${m.dueDate}"` : ''}${m.owner ? `, owner "${m.owner}"` : ''} (${p.mappingFrom === 'firm' ? "the firm's last mapping" : p.mappingFrom === 'given' ? '--mapping' : 'from the header'})`,
  );
  for (const n of p.notices) io.out(`Note: ${n}`);
  const plan = p.plan!;
  if (plan.changes.length) {
    io.out('\nChanged by the firm:');
    for (const c of plan.changes) io.out(`  ${c.id} ${c.field}: "${c.before}" -> "${c.after}"`);
  }
  if (plan.withdrawn.length) io.out(`\nWithdrawn (kept, marked withdrawn): ${plan.withdrawn.join(', ')}`);
  if (plan.added.length) io.out(`\nNew: ${plan.added.length}`);
}

export function requestsJson(requests: AuditRequest[], team: TeamDoc) {
  const members = new Map(team.members.map((m) => [m.id, m]));
  return requests.map((r) => {
    const owner = r.ownerId ? members.get(r.ownerId) : undefined;
    return {
      id: r.id,
      columns: r.cells,
      text: r.firm.text,
      criteria: r.firm.criteria,
      dueDate: r.dueDate,
      owner: owner ? { name: owner.name, email: owner.email } : null,
      status: r.status,
      withdrawn: r.withdrawnAt !== null,
      response: r.response,
      auditorComment: r.auditorComment,
      links: { controls: r.controlIds, evidence: r.evidenceIds },
    };
  });
}

/** `requests list --workspace DIR [--json]`: read-only (no lock), as export reads. */
export async function requestsListCommand(args: string[], io: CliIo) {
  const { values } = parseArgs({
    args,
    options: { workspace: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  if (!values.workspace) throw new UsageError('requests list needs --workspace DIR.');
  try {
    const source = await readOnlyWorkspace(values.workspace);
    const rows = requestsJson(source.requests?.requests ?? [], source.team);
    if (values.json) io.out(JSON.stringify(rows, null, 2));
    else if (rows.length === 0) io.out('No request list imported yet.');
    else
      io.out(
        table([
          ['ID', 'STATUS', 'DUE', 'OWNER', 'LINKS', 'REQUEST'],
          ...rows.map((r) => [
            r.id,
            r.withdrawn ? 'Withdrawn' : REQUEST_STATUS_LABELS[r.status],
            r.dueDate ?? '',
            r.owner?.name ?? '',
            `${r.links.controls.length}c ${r.links.evidence.length}e`,
            r.text.replace(/\s+/g, ' ').slice(0, 70),
          ]),
        ]),
      );
    return 0;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    return reportError(e, io, !!values.json);
  }
}

export async function requestsCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'import') return requestsImportCommand(rest, io);
  if (sub === 'list') return requestsListCommand(rest, io);
  throw new UsageError(`requests needs "import" or "list", not "${sub ?? ''}".`);
}
