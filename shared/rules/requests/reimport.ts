import type { AuditRequest, ColumnMapping, RequestImportRecord, RequestsDoc } from '../../domain/requests';
import type { TeamMember } from '../../domain/team';
import type { ParsedRequest } from './parse-list';

export type FirmField = keyof AuditRequest['firm'];

export interface RequestChange {
  id: string;
  field: FirmField;
  before: string;
  after: string;
}

/** What an import would do to the workspace's list, shown before it applies. */
export interface ImportPlan {
  added: string[];
  changes: RequestChange[];
  /** In the list, absent from the file: marked withdrawn (never deleted). */
  withdrawn: string[];
  /** Withdrawn earlier, back in the file. */
  reinstated: string[];
  unchanged: number;
}

const FIELDS: FirmField[] = ['text', 'criteria', 'dueDate', 'owner'];

/** Requests are matched by id (ignoring case and surrounding spaces, as people type them). */
const key = (id: string) => id.trim().toLowerCase();

export function planImport(current: RequestsDoc, incoming: ParsedRequest[]): ImportPlan {
  const existing = new Map(current.requests.map((r) => [key(r.id), r]));
  const plan: ImportPlan = { added: [], changes: [], withdrawn: [], reinstated: [], unchanged: 0 };
  const seen = new Set<string>();
  for (const next of incoming) {
    seen.add(key(next.id));
    const before = existing.get(key(next.id));
    if (!before) {
      plan.added.push(next.id);
      continue;
    }
    if (before.withdrawnAt) plan.reinstated.push(before.id);
    const changes = FIELDS.filter((f) => (before.firm[f] ?? '') !== (next.firm[f] ?? '')).map((field) => ({
      id: before.id,
      field,
      before: before.firm[field] ?? '',
      after: next.firm[field] ?? '',
    }));
    plan.changes.push(...changes);
    if (changes.length === 0 && !before.withdrawnAt) plan.unchanged++;
  }
  for (const r of current.requests) if (!seen.has(key(r.id)) && !r.withdrawnAt) plan.withdrawn.push(r.id);
  return plan;
}

const memberFor = (owner: string, members: TeamMember[]) => {
  const o = owner.trim().toLowerCase();
  if (!o) return null;
  return members.find((m) => m.email.toLowerCase() === o || m.name.trim().toLowerCase() === o)?.id ?? null;
};

/**
 * The list after an import: the firm's words replaced, the company's answers (links, status,
 * owner, response) kept; a due date the firm moved moves, one the company set stays; absent
 * requests withdrawn. Order follows the file, withdrawn requests after it.
 */
export function applyImport(
  current: RequestsDoc,
  incoming: ParsedRequest[],
  context: {
    firm: string;
    columns: string[];
    mapping: ColumnMapping;
    members: TeamMember[];
    record: RequestImportRecord;
    now: string;
    by: string;
  },
): RequestsDoc {
  const existing = new Map(current.requests.map((r) => [key(r.id), r]));
  const seen = new Set<string>();
  const requests: AuditRequest[] = incoming.map((next) => {
    seen.add(key(next.id));
    const before = existing.get(key(next.id));
    if (!before) {
      return {
        id: next.id,
        cells: next.cells,
        firm: next.firm,
        withdrawnAt: null,
        status: 'open',
        ownerId: memberFor(next.firm.owner, context.members),
        dueDate: next.firm.dueDate,
        response: '',
        auditorComment: '',
        controlIds: [],
        evidenceIds: [],
        updatedAt: context.now,
        updatedBy: context.by,
      };
    }
    const firmMovedDue = before.firm.dueDate !== next.firm.dueDate;
    return {
      ...before,
      cells: next.cells,
      firm: next.firm,
      withdrawnAt: null,
      dueDate: firmMovedDue ? next.firm.dueDate : before.dueDate,
      ownerId: before.ownerId ?? memberFor(next.firm.owner, context.members),
    };
  });
  const gone = current.requests
    .filter((r) => !seen.has(key(r.id)))
    .map((r) => (r.withdrawnAt ? r : { ...r, withdrawnAt: context.now }));
  return {
    ...current,
    firm: context.firm,
    columns: context.columns,
    mapping: context.mapping,
    requests: [...requests, ...gone],
    imports: [...current.imports, context.record],
    mappingsByFirm: { ...current.mappingsByFirm, [context.firm]: context.mapping },
  };
}
