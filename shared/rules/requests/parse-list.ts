import type { ColumnMapping } from '../../domain/requests';
import { columnDateOrder, parseDueDate } from './dates';
import type { DetectedHeader } from './header-detection';
import type { RowProblem } from './types';

/** One request as the file has it, before it meets the workspace's list. */
export interface ParsedRequest {
  row: number;
  id: string;
  cells: Record<string, string>;
  firm: { text: string; criteria: string; dueDate: string | null; owner: string };
}

export interface ParsedList {
  requests: ParsedRequest[];
  problems: RowProblem[];
  notices: string[];
}

export const MAX_REQUEST_ID_CHARS = 200;

/**
 * Reads the rows under the header into requests. Every row that cannot be a request is a problem
 * named by its row, so the import can refuse as a whole; empty rows and section headings (one
 * filled cell, no id) are skipped and counted.
 */
export function parseList(rows: string[][], header: DetectedHeader, mapping: ColumnMapping): ParsedList {
  const problems: RowProblem[] = [];
  const notices: string[] = [];
  const index = new Map(header.columns.map((c, i) => [c, i]));
  for (const field of ['id', 'text', 'criteria', 'dueDate', 'owner'] as const) {
    const column = mapping[field];
    if (column !== null && !index.has(column)) {
      problems.push({ row: header.lastRow, reason: `the header has no column "${column}" (mapped to ${field})` });
    }
  }
  if (problems.length > 0) return { requests: [], problems, notices };
  const at = (row: string[], column: string | null) => (column === null ? '' : (row[index.get(column)!] ?? '').trim());

  const data = rows.slice(header.lastRow).map((cells, i) => ({ cells, row: header.lastRow + i + 1 }));
  const order = columnDateOrder(mapping.dueDate ? data.map((d) => at(d.cells, mapping.dueDate)) : []);
  const dateOrder = order === 'DMY' || order === 'MDY' ? order : mapping.dateOrder;
  if (order === 'mixed') {
    notices.push(
      `The due dates mix day/month and month/day; they were read as ${dateOrder === 'DMY' ? 'day/month' : 'month/day'}.`,
    );
  }

  const requests: ParsedRequest[] = [];
  const firstRowOf = new Map<string, number>();
  let empty = 0;
  let headings = 0;
  let formulas = 0;
  for (const { cells, row } of data) {
    const nonEmpty = cells.filter((c) => c.trim() !== '');
    if (nonEmpty.length === 0) {
      empty++;
      continue;
    }
    formulas += nonEmpty.filter((c) => c.startsWith('=')).length;
    const id = at(cells, mapping.id);
    if (!id) {
      if (nonEmpty.length === 1) {
        headings++;
        continue;
      }
      problems.push({ row, reason: `no request id in column "${mapping.id}"` });
      continue;
    }
    if (id.startsWith('=')) {
      problems.push({
        row,
        reason: `the request id is a formula (${id}), which is never calculated: type the id itself`,
      });
      continue;
    }
    if (id.length > MAX_REQUEST_ID_CHARS) {
      problems.push({ row, reason: `the request id is longer than ${MAX_REQUEST_ID_CHARS} characters` });
      continue;
    }
    const seen = firstRowOf.get(id.toLowerCase());
    if (seen !== undefined) {
      problems.push({ row, reason: `request id "${id}" is also on row ${seen}; each request needs its own id` });
      continue;
    }
    firstRowOf.set(id.toLowerCase(), row);
    const text = at(cells, mapping.text);
    if (!text) {
      problems.push({ row, reason: `request ${id} has no text in column "${mapping.text}"` });
      continue;
    }
    const rawDue = at(cells, mapping.dueDate);
    const dueDate = rawDue ? parseDueDate(rawDue, dateOrder) : null;
    if (rawDue && !dueDate) {
      problems.push({
        row,
        reason: `request ${id}: the due date "${rawDue}" is not a date (write it as YYYY-MM-DD, or as the spreadsheet's own date)`,
      });
      continue;
    }
    requests.push({
      row,
      id,
      cells: Object.fromEntries(header.columns.map((c, i) => [c, cells[i] ?? ''])),
      firm: { text, criteria: at(cells, mapping.criteria), dueDate, owner: at(cells, mapping.owner) },
    });
  }
  if (requests.length === 0 && problems.length === 0) {
    problems.push({ row: header.lastRow, reason: 'there are no requests under the header' });
  }
  if (empty > 0) notices.push(`${empty} empty row${empty === 1 ? ' was' : 's were'} skipped.`);
  if (headings > 0)
    notices.push(
      `${headings} row${headings === 1 ? '' : 's'} with only one filled cell and no id (section headings) skipped.`,
    );
  if (formulas > 0)
    notices.push(
      `${formulas} cell${formulas === 1 ? ' holds a formula' : 's hold formulas'}: shown as the formula text, never calculated.`,
    );
  return { requests, problems, notices };
}
