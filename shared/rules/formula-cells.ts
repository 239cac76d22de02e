import { z } from 'zod';

/**
 * Which spreadsheet cells a spreadsheet program would run as a formula: text starting with
 * = + - @ (also after spaces, and in the full-width forms some locales accept), or with a tab or
 * a line break. One rule for the CSV files the bundle generates (such cells get a leading
 * apostrophe) and for CSV evidence, whose bytes cannot change (such cells are counted and the
 * file is flagged for the auditor).
 */
const FORMULA_START = /^[\s\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r\n]/;
/** A signed number ("-5", "+1.5e3", "-12%") is data in every spreadsheet program. */
const SIGNED_NUMBER = /^\s*[+-]?\d+(?:[.,]\d+)?(?:[eE][+-]?\d+)?%?\s*$/;

/** True when text written into a cell would start a formula. */
export function startsLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

/** True when a cell read from a CSV file would run as a formula: formula-like and not a plain signed number. */
export function isFormulaCell(cell: string): boolean {
  return startsLikeFormula(cell) && !SIGNED_NUMBER.test(cell);
}

/** The spreadsheet name of a cell: column letters then the 1-based row ("A1", "AB12"). */
export function cellName(columnIndex: number, row: number): string {
  let name = '';
  for (let n = columnIndex + 1; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return `${name}${row}`;
}

/**
 * Counts formula-looking cells record by record and names the first as a spreadsheet would:
 * the one count for imported CSV files and for the CSV files the collectors store.
 */
export function formulaCellTally() {
  let count = 0;
  let first = '';
  let row = 0;
  return {
    add(record: readonly string[]) {
      row++;
      for (let i = 0; i < record.length; i++) {
        if (isFormulaCell(record[i]!) && count++ === 0) first = cellName(i, row);
      }
    },
    result: (): FormulaCells | undefined => (count ? { count, first } : undefined),
  };
}

/** What an import or a collector found, kept in the evidence record's `meta.formulaCells`. */
export const FormulaCells = z.object({ count: z.number().int().positive(), first: z.string() });
export type FormulaCells = z.infer<typeof FormulaCells>;

/** The formula cells an import recorded for this evidence, if any. */
export function formulaCellsOf(record: { meta?: Record<string, unknown> }): FormulaCells | undefined {
  const parsed = FormulaCells.safeParse(record.meta?.formulaCells);
  return parsed.success ? parsed.data : undefined;
}
