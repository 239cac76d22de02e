import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename } from 'node:path';
import { CONTROLS, controlById } from '../../../shared/catalog';

import {
  REQUEST_STATUS_LABELS,
  type AuditRequest,
  type ColumnMapping,
  type RequestsDoc,
} from '../../../shared/domain/requests';
import type { TeamMember } from '../../../shared/domain/team';
import type {
  ImportOptions,
  RequestImportPreview,
  RequestImportResult,
  RequestsView,
} from '../../../shared/ipc/channels/requests';
import { AppError } from '../../../shared/ipc/result';
import {
  completeMapping,
  detectHeader,
  headerAt,
  headerFor,
  proposeMapping,
  type DetectedHeader,
} from '../../../shared/rules/requests/header-detection';
import { parseList, type ParsedList } from '../../../shared/rules/requests/parse-list';
import { applyImport, planImport } from '../../../shared/rules/requests/reimport';
import { suggestLinks } from '../../../shared/rules/requests/suggest-links';
import type { RequestSuggestions } from '../../../shared/rules/requests/suggest-links';
import type { WorkspaceService } from '../workspace/workspace-service';
import { readSpreadsheet, SPREADSHEET_LIMITS } from './read-spreadsheet';

export interface RequestsServiceDeps {
  workspaces: WorkspaceService;
  now: () => Date;
  /** The host's open dialog for a request list; null when the person cancels. */
  pickFile: () => Promise<string | null>;
  limits?: typeof SPREADSHEET_LIMITS;
}

const SHOWN_PROBLEMS = 200;
const TOP_ROWS = 15;
export const DEFAULT_FIRM = 'Audit firm';

interface Analysed {
  preview: RequestImportPreview;
  parsed: ParsedList;
  header: DetectedHeader | null;
}

/** The auditor's request list of the open workspace: import, re-import, answers and links. */
export class RequestsService {
  private readonly picked = new Map<string, { path: string; name: string }>();

  constructor(private readonly deps: RequestsServiceDeps) {}

  list(): RequestsView {
    const doc = this.deps.workspaces.require().requests;
    return { firm: doc.firm, columns: doc.columns, mapping: doc.mapping, requests: doc.requests, imports: doc.imports };
  }

  async pick(): Promise<{ token: string; name: string } | null> {
    const path = await this.deps.pickFile();
    return path ? this.remember(path) : null;
  }

  /** A path the host already has (the CLI's argument): a token like a picked file. */
  remember(path: string): { token: string; name: string } {
    const token = randomBytes(12).toString('hex');
    this.picked.set(token, { path, name: basename(path) });
    return { token, name: basename(path) };
  }

  async preview(options: ImportOptions): Promise<RequestImportPreview> {
    return (await this.analyse(options)).preview;
  }

  /**
   * Applies the file the person previewed, all or nothing: if it changed since, or any row is
   * refused, nothing changes. The list is one document, saved atomically.
   */
  async apply(options: ImportOptions & { sha256: string }): Promise<RequestImportResult> {
    const ws = this.deps.workspaces.require();
    const { preview, parsed, header } = await this.analyse(options);
    if (preview.sha256 !== options.sha256) {
      throw new AppError('CONFLICT', `${preview.fileName} changed since you previewed it; nothing was imported.`, {
        hint: 'Preview it again and check the changes before importing.',
      });
    }
    if (!preview.mapping || !header) {
      throw new AppError(
        'INVALID_INPUT',
        `Choose the columns that hold the request id and text in ${preview.fileName}.`,
        {
          hint: 'The header did not name them clearly: pick them in the mapping step.',
        },
      );
    }
    if (preview.problemCount > 0) throw refusedRows(preview);
    const mapping = preview.mapping;
    const firm = this.firmOf(options);
    const by = ws.actor();
    const now = this.deps.now().toISOString();
    const plan = preview.plan!;
    await ws.change(
      'requests',
      (current) =>
        applyImport(current, parsed.requests, {
          firm,
          columns: header.columns,
          mapping,
          members: ws.team.members,
          now,
          by: by.email,
          record: {
            at: now,
            by,
            fileName: preview.fileName,
            sha256: preview.sha256,
            sheet: preview.sheet,
            headerRow: preview.headerRow,
            added: plan.added.length,
            changed: new Set(plan.changes.map((c) => c.id)).size,
            withdrawn: plan.withdrawn.length,
          },
        }),
      {
        action: 'requests.imported',
        summary: `Imported ${parsed.requests.length} requests from ${preview.fileName} (${firm}): ${plan.added.length} new, ${new Set(plan.changes.map((c) => c.id)).size} changed, ${plan.withdrawn.length} withdrawn`,
        details: {
          file: preview.fileName,
          sha256: preview.sha256,
          sheet: preview.sheet,
          added: plan.added,
          changed: [...new Set(plan.changes.map((c) => c.id))],
          withdrawn: plan.withdrawn,
          reinstated: plan.reinstated,
        },
      },
    );
    return {
      added: plan.added.length,
      changed: new Set(plan.changes.map((c) => c.id)).size,
      withdrawn: plan.withdrawn.length,
      reinstated: plan.reinstated.length,
      total: parsed.requests.length,
      notices: preview.notices,
    };
  }

  async answer(input: {
    id: string;
    status?: AuditRequest['status'];
    ownerId?: string | null;
    dueDate?: string | null;
    response?: string;
    auditorComment?: string;
  }): Promise<AuditRequest> {
    const ws = this.deps.workspaces.require();
    const request = this.find(ws.requests, input.id);
    if (input.ownerId) this.member(ws.team.members, input.ownerId);
    const next: AuditRequest = {
      ...request,
      ...(input.status !== undefined ? { status: input.status } : {}),
      ...(input.ownerId !== undefined ? { ownerId: input.ownerId } : {}),
      ...(input.dueDate !== undefined ? { dueDate: input.dueDate } : {}),
      ...(input.response !== undefined ? { response: input.response } : {}),
      ...(input.auditorComment !== undefined ? { auditorComment: input.auditorComment } : {}),
    };
    if (next.status === 'returned' && !next.auditorComment.trim()) {
      throw new AppError('INVALID_INPUT', `Request ${request.id} is returned: write the auditor's comment.`, {
        hint: 'What the auditor asked for when returning it tells the owner what to fix.',
      });
    }
    const what = [
      input.status !== undefined && input.status !== request.status
        ? `status ${REQUEST_STATUS_LABELS[input.status]}`
        : '',
      input.ownerId !== undefined && input.ownerId !== request.ownerId
        ? `owner ${input.ownerId ? this.member(ws.team.members, input.ownerId).name : 'none'}`
        : '',
      input.dueDate !== undefined && input.dueDate !== request.dueDate ? `due ${input.dueDate ?? 'none'}` : '',
      input.response !== undefined && input.response !== request.response ? 'response' : '',
      input.auditorComment !== undefined && input.auditorComment !== request.auditorComment ? "auditor's comment" : '',
    ].filter(Boolean);
    return this.save(next, {
      action: 'request.answered',
      summary: `Request ${request.id}: ${what.join(', ') || 'saved unchanged'}`,
    });
  }

  async link(input: { id: string; controlIds: string[]; evidenceIds: string[] }): Promise<AuditRequest> {
    const ws = this.deps.workspaces.require();
    const request = this.find(ws.requests, input.id);
    const unknownControls = input.controlIds.filter((id) => !controlById(id));
    if (unknownControls.length) {
      throw new AppError('NOT_FOUND', `Unknown control(s): ${unknownControls.join(', ')}.`, {
        hint: 'Link controls from the catalog.',
      });
    }
    const known = new Set((await ws.evidence.list()).map((e) => e.id));
    const unknownEvidence = input.evidenceIds.filter((id) => !known.has(id));
    if (unknownEvidence.length) {
      throw new AppError('NOT_FOUND', `No evidence with id ${unknownEvidence.join(', ')} in this workspace.`, {
        hint: 'Link evidence from the Evidence library.',
      });
    }
    const controlIds = [...new Set(input.controlIds)];
    const evidenceIds = [...new Set(input.evidenceIds)];
    return this.save(
      { ...request, controlIds, evidenceIds },
      {
        action: 'request.linked',
        summary: `Request ${request.id}: linked ${controlIds.length} control${controlIds.length === 1 ? '' : 's'} and ${evidenceIds.length} evidence item${evidenceIds.length === 1 ? '' : 's'}`,
        details: { controlIds, evidenceIds },
      },
    );
  }

  async suggestions(id: string): Promise<RequestSuggestions> {
    const ws = this.deps.workspaces.require();
    const request = this.find(ws.requests, id);
    return suggestLinks(request, CONTROLS, await ws.evidence.list());
  }

  private async save(
    next: AuditRequest,
    activity: { action: string; summary: string; details?: Record<string, unknown> },
  ) {
    const ws = this.deps.workspaces.require();
    const actor = ws.actor();
    const stamped = { ...next, updatedAt: this.deps.now().toISOString(), updatedBy: actor.email };
    await ws.change(
      'requests',
      (doc) => ({ ...doc, requests: doc.requests.map((r) => (r.id === next.id ? stamped : r)) }),
      { ...activity, target: `request:${next.id}` },
    );
    return stamped;
  }

  private find(doc: RequestsDoc, id: string): AuditRequest {
    const request = doc.requests.find((r) => r.id === id);
    if (!request) {
      throw new AppError('NOT_FOUND', `There is no request ${id} in the list.`, {
        hint: 'Import the request list first, or check the id.',
      });
    }
    return request;
  }

  private member(members: TeamMember[], id: string): TeamMember {
    const m = members.find((x) => x.id === id);
    if (!m) throw new AppError('NOT_FOUND', 'That person is not on the team.', { hint: 'Add them under Team first.' });
    return m;
  }

  private firmOf(options: ImportOptions): string {
    return options.firm?.trim() || this.deps.workspaces.require().requests.firm || DEFAULT_FIRM;
  }

  private async analyse(options: ImportOptions): Promise<Analysed> {
    const ws = this.deps.workspaces.require();
    const file = this.picked.get(options.token);
    if (!file) {
      throw new AppError('NOT_FOUND', 'That file is no longer chosen.', { hint: 'Choose the request list again.' });
    }
    const bytes = await fs.readFile(file.path).catch(() => {
      throw new AppError('IMPORT_REJECTED', `${file.name} could not be read.`, {
        hint: 'Check that it still exists and that you may open it, then try again.',
      });
    });
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const read = await readSpreadsheet(file.name, bytes, this.deps.limits);
    const visible = read.sheets.filter((s) => !s.hidden);
    const notices = [...read.notices];
    let sheet = read.sheets[0]!;
    if (options.sheet !== undefined) {
      const chosen = read.sheets.find((s) => s.name === options.sheet);
      if (!chosen) {
        throw new AppError('INVALID_INPUT', `${file.name} has no sheet named "${options.sheet}".`, {
          hint: `Its sheets: ${read.sheets.map((s) => `"${s.name}"${s.hidden ? ' (hidden)' : ''}`).join(', ')}.`,
        });
      }
      sheet = chosen;
    } else if (read.format === 'xlsx') {
      if (visible.length === 0) {
        throw new AppError('IMPORT_REJECTED', `${file.name} was not imported: every sheet in it is hidden.`, {
          hint: 'Name the sheet to import (--sheet in the CLI, or choose it in the import step).',
        });
      }
      // The first visible sheet with a header the workbench recognises; hidden sheets only when chosen.
      sheet = visible.find((s) => detectHeader(s.rows)) ?? visible[0]!;
    }
    const hidden = read.sheets.filter((s) => s.hidden && s !== sheet);
    if (hidden.length) {
      notices.push(
        `Hidden sheet${hidden.length === 1 ? '' : 's'} ${hidden.map((s) => `"${s.name}"`).join(', ')} not read.`,
      );
    }
    if (sheet.hidden)
      notices.push(`Sheet "${sheet.name}" is hidden in the workbook; it was read because you chose it.`);

    const doc = ws.requests;
    const firm = this.firmOf(options);
    const remembered = doc.mappingsByFirm[firm];
    let header: DetectedHeader | null;
    let mapping: ColumnMapping | null;
    let mappingFrom: RequestImportPreview['mappingFrom'];
    if (options.headerRow !== undefined) header = headerAt(sheet.rows, options.headerRow);
    else if (options.mapping) header = headerFor(sheet.rows, options.mapping) ?? detectHeader(sheet.rows);
    else header = (remembered && headerFor(sheet.rows, remembered)) || detectHeader(sheet.rows);
    const proposal = header ? proposeMapping(header.columns) : {};
    if (options.mapping) {
      mapping = options.mapping;
      mappingFrom = 'given';
    } else if (remembered && header && mappingFits(remembered, header)) {
      mapping = remembered;
      mappingFrom = 'firm';
    } else {
      mapping = completeMapping(proposal);
      mappingFrom = 'headers';
    }
    const parsed: ParsedList =
      header && mapping ? parseList(sheet.rows, header, mapping) : { requests: [], problems: [], notices: [] };
    if (!header) {
      parsed.problems.push({ row: 1, reason: 'no header row with column names was found in the first 50 rows' });
    }
    const plan = parsed.problems.length === 0 && mapping ? planImport(doc, parsed.requests) : null;
    const preview: RequestImportPreview = {
      fileName: file.name,
      sha256,
      format: read.format,
      sheets: read.sheets.map((s) => ({ name: s.name ?? file.name, hidden: s.hidden })),
      sheet: sheet.name,
      headerFirstRow: header?.firstRow ?? 1,
      headerRow: header?.lastRow ?? 1,
      columns: header?.columns ?? [],
      mapping,
      proposal,
      mappingFrom,
      top: sheet.rows.slice(0, Math.max(TOP_ROWS, (header?.lastRow ?? 0) + 5)),
      requests: parsed.requests.length,
      problems: parsed.problems.slice(0, SHOWN_PROBLEMS),
      problemCount: parsed.problems.length,
      notices: [...notices, ...parsed.notices],
      plan,
    };
    return { preview, parsed, header };
  }
}

const mappingFits = (m: ColumnMapping, header: DetectedHeader) =>
  [m.id, m.text, m.criteria, m.dueDate, m.owner].every((c) => c === null || header.columns.includes(c));

export function refusedRows(preview: Pick<RequestImportPreview, 'fileName' | 'problems' | 'problemCount'>): AppError {
  const first = preview.problems[0]!;
  const more = preview.problemCount - 1;
  return new AppError(
    'IMPORT_REJECTED',
    `${preview.fileName} was not imported: row ${first.row}: ${first.reason}${more > 0 ? ` (and ${more} more row${more === 1 ? '' : 's'})` : ''}.`,
    {
      hint: 'Fix these rows in the file (or correct the mapping) and import it again; nothing was changed.',
      details: { problems: preview.problems, problemCount: preview.problemCount },
    },
  );
}
