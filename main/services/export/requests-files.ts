import ExcelJS from 'exceljs';
import { REQUEST_STATUS_LABELS, type RequestsDoc } from '../../../shared/domain/requests';
import type { TeamDoc } from '../../../shared/domain/team';
import type { BundleModel, ModelEvidence } from './bundle-model';
import type { BundleRequest } from './content';
import { guardCell, toCsv } from './csv';

/** The columns the workbench adds after the firm's own, in both requests.csv and requests.xlsx. */
export const ANSWER_COLUMNS = ['Status', 'Owner', 'Due date', 'Response', "Auditor's comment", 'Evidence files'];

/** The firm's list as it sent it, each line answered: its columns unchanged, then the answer. */
export function requestRows(
  doc: RequestsDoc,
  team: TeamDoc,
  model: BundleModel,
): { header: string[]; rows: string[][] } {
  const members = new Map(team.members.map((m) => [m.id, m]));
  const paths = new Map(model.evidence.map((e) => [e.record.id, e.path]));
  const header = [...doc.columns, ...ANSWER_COLUMNS];
  const rows = doc.requests.map((r) => {
    const owner = r.ownerId ? members.get(r.ownerId) : undefined;
    return [
      ...doc.columns.map((c) => r.cells[c] ?? ''),
      r.withdrawnAt ? 'Withdrawn' : REQUEST_STATUS_LABELS[r.status],
      owner ? `${owner.name} <${owner.email}>` : '',
      r.dueDate ?? '',
      r.response,
      r.auditorComment,
      r.evidenceIds
        .map((id) => paths.get(id))
        .filter((p): p is string => p !== undefined)
        .join('\n'),
    ];
  });
  return { header, rows };
}

export const requestsCsv = (table: { header: string[]; rows: string[][] }) => toCsv(table.header, table.rows);

/**
 * The same table as a workbook. Every cell is written as text (never a formula, even one the
 * firm's file held as text), so opening it runs nothing.
 */
export async function requestsXlsx(table: { header: string[]; rows: string[][] }, generatedAt: Date): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.created = generatedAt;
  wb.modified = generatedAt;
  const ws = wb.addWorksheet('Requests');
  ws.addRow(table.header).font = { bold: true };
  for (const row of table.rows) ws.addRow(row.map((c) => String(guardCell(c))));
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The requests for index.html, each with its evidence as the bundle stores it. */
export function bundleRequests(doc: RequestsDoc, team: TeamDoc, model: BundleModel): BundleRequest[] {
  const members = new Map(team.members.map((m) => [m.id, m]));
  const byId = new Map(model.evidence.map((e) => [e.record.id, e]));
  return doc.requests.map((r) => {
    const owner = r.ownerId ? members.get(r.ownerId) : undefined;
    return {
      id: r.id,
      text: r.firm.text,
      criteria: r.firm.criteria,
      status: r.withdrawnAt ? 'Withdrawn' : REQUEST_STATUS_LABELS[r.status],
      owner: owner ? `${owner.name} <${owner.email}>` : '',
      dueDate: r.dueDate ?? '',
      response: r.response,
      auditorComment: r.auditorComment,
      evidence: r.evidenceIds.map((id) => byId.get(id)).filter((e): e is ModelEvidence => e !== undefined),
    };
  });
}
