import type { ColumnMapping, RequestField } from '../../domain/requests';

/** What the header of a list looks like once found: its rows (1-based) and one unique name per column. */
export interface DetectedHeader {
  /** The first and last row of the header (equal for a one-row header). */
  firstRow: number;
  lastRow: number;
  columns: string[];
}

/** How the workbench recognises each field's column by its header; the person corrects what it gets wrong. */
const FIELD_PATTERNS: [RequestField, RegExp][] = [
  [
    'id',
    /^(#|no\.?|nr\.?|id|ref\.?|ref(erence)?\s*(#|no\.?|id|number)|(request|req\.?|pbc|item|evidence|irl)\s*(id|#|no\.?|nr\.?|number|ref\.?|reference)|request number)$/,
  ],
  ['dueDate', /\b(due|deadline|needed by|target date|date needed|requested by)\b/],
  ['owner', /\b(owner|assignee|assigned( to)?|responsible|client contact|contact person)\b/],
  [
    'criteria',
    /\b(criteria|criterion|tsc|trust services?|control\s*(ref\.?|reference|id|#|no\.?)|soc ?2 ref(erence)?|cc ref|controls?|mapping)\b/,
  ],
  ['text', /\b(request|requested|description|item|details?|requirement|evidence|what|text|ask)\b/],
];

const normalise = (name: string) => name.toLowerCase().replace(/\s+/g, ' ').trim();

/** Proposes a column for each field from the header names; a field no header suggests stays unmapped. */
export function proposeMapping(columns: string[]): Partial<Record<RequestField, string>> {
  const taken = new Set<string>();
  const mapping: Partial<Record<RequestField, string>> = {};
  for (const [field, pattern] of FIELD_PATTERNS) {
    const column = columns.find((c) => !taken.has(c) && pattern.test(normalise(c)));
    if (column) {
      mapping[field] = column;
      taken.add(column);
    }
  }
  return mapping;
}

const FIELD_WEIGHT: Record<RequestField, number> = { id: 3, text: 3, criteria: 1, dueDate: 1, owner: 1 };

const filled = (row: string[] | undefined) => (row ?? []).filter((c) => c.trim() !== '');

/** A value only data holds: a number, a date, a long sentence. Header cells are short labels. */
const looksLikeData = (cell: string) =>
  cell.length > 80 || /^\d+([.,]\d+)?$/.test(cell.trim()) || /^\d{1,4}[/\-.]\d{1,2}[/\-.]\d{1,4}$/.test(cell.trim());

/** Names for the columns of a header block: parts of a multi-row or merged header joined, blanks and repeats made unique. */
export function columnNames(rows: string[][], width: number): string[] {
  const names: string[] = [];
  const seen = new Map<string, number>();
  for (let c = 0; c < width; c++) {
    const parts: string[] = [];
    for (const row of rows) {
      const part = (row[c] ?? '').replace(/\s+/g, ' ').trim();
      // A cell merged across rows repeats its text in each: keep it once.
      if (part && !parts.includes(part)) parts.push(part);
    }
    let name = parts.join(' ') || `Column ${columnLetter(c)}`;
    const n = (seen.get(name.toLowerCase()) ?? 0) + 1;
    seen.set(name.toLowerCase(), n);
    if (n > 1) name = `${name} (${n})`;
    names.push(name);
  }
  return names;
}

export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

const SEARCH_ROWS = 50;

function score(rows: string[][], width: number): number {
  const mapping = proposeMapping(columnNames(rows, width));
  const fields = (Object.keys(mapping) as RequestField[]).reduce((s, f) => s + FIELD_WEIGHT[f], 0);
  return fields * 100 + filled(rows[rows.length - 1]).length;
}

/**
 * Finds the header of a request list: often not the first row (a title, the firm's name and the
 * engagement come first), sometimes two rows (a merged group title above the column names). The
 * block whose names best match the fields wins; a two-row block wins over its second row alone
 * when it matches at least as well (the group title belongs to the names), and neither row may hold data.
 */
export function detectHeader(rows: string[][]): DetectedHeader | null {
  const width = Math.max(0, ...rows.slice(0, SEARCH_ROWS + 1).map((r) => r.length));
  let best: { first: number; last: number; score: number } | null = null;
  for (let r = 0; r < Math.min(rows.length, SEARCH_ROWS); r++) {
    const current = rows[r] ?? [];
    const row = filled(current);
    if (row.length < 2 || row.some(looksLikeData)) continue;
    const single = score([current], width);
    if (!best || single > best.score) best = { first: r, last: r, score: single };
    const below = rows[r + 1];
    if (below && filled(below).length >= 2 && !filled(below).some(looksLikeData)) {
      const pair = score([current, below], width);
      if (pair >= score([below], width) && pair > best.score) best = { first: r, last: r + 1, score: pair };
    }
  }
  if (!best) return null;
  return {
    firstRow: best.first + 1,
    lastRow: best.last + 1,
    columns: columnNames(rows.slice(best.first, best.last + 1), width),
  };
}

/** The header the person chose by row number (1-based, one row). */
export function headerAt(rows: string[][], row: number): DetectedHeader {
  const width = Math.max(0, ...rows.slice(row - 1, row + SEARCH_ROWS).map((r) => r.length));
  return { firstRow: row, lastRow: row, columns: columnNames([rows[row - 1] ?? []], width) };
}

/** A complete mapping from a proposal; null when id or text has no column yet (the person must choose). */
export function completeMapping(
  proposal: Partial<Record<RequestField, string>>,
  dateOrder: ColumnMapping['dateOrder'] = 'MDY',
): ColumnMapping | null {
  if (!proposal.id || !proposal.text) return null;
  return {
    id: proposal.id,
    text: proposal.text,
    criteria: proposal.criteria ?? null,
    dueDate: proposal.dueDate ?? null,
    owner: proposal.owner ?? null,
    dateOrder,
  };
}

/** The header holding every column a remembered mapping names, when the firm's new list has one. */
export function headerFor(rows: string[][], mapping: ColumnMapping): DetectedHeader | null {
  const wanted = [mapping.id, mapping.text, mapping.criteria, mapping.dueDate, mapping.owner].filter(
    (c): c is string => c !== null,
  );
  const width = Math.max(0, ...rows.slice(0, SEARCH_ROWS + 1).map((r) => r.length));
  for (let r = 0; r < Math.min(rows.length, SEARCH_ROWS); r++) {
    for (const block of [rows.slice(r, r + 1), rows.slice(r, r + 2)]) {
      const columns = columnNames(block, width);
      if (wanted.every((c) => columns.includes(c))) return { firstRow: r + 1, lastRow: r + block.length, columns };
    }
  }
  return null;
}
