/** Reads the due dates firms write: ISO, serial numbers, day/month or month/day, and month names. */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

export type DateOrder = 'MDY' | 'DMY';

const pad = (n: number) => String(n).padStart(2, '0');

function iso(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

const fullYear = (y: string) => (y.length === 2 ? 2000 + Number(y) : Number(y));

const month = (name: string) => {
  const i = MONTHS.indexOf(name.slice(0, 3).toLowerCase());
  return i < 0 ? null : i + 1;
};

const NUMERIC = /^(\d{1,2})([/\-.])(\d{1,2})\2(\d{4}|\d{2})$/;

/** What the column itself says about `03/04/2027`-style dates: a part above 12 can only be the day. */
export function columnDateOrder(values: string[]): DateOrder | 'mixed' | null {
  let dmy = false;
  let mdy = false;
  for (const v of values) {
    const m = NUMERIC.exec(v.trim());
    if (!m || m[2]! === '.') continue;
    if (Number(m[1]!) > 12) dmy = true;
    if (Number(m[3]!) > 12) mdy = true;
  }
  if (dmy && mdy) return 'mixed';
  return dmy ? 'DMY' : mdy ? 'MDY' : null;
}

/** `YYYY-MM-DD`, or null when the text is not a date this reads. An empty cell is not a date: callers check first. */
export function parseDueDate(raw: string, order: DateOrder): string | null {
  const text = raw.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z)?)?$/.exec(text);
  if (m) return iso(Number(m[1]!), Number(m[2]!), Number(m[3]!));
  m = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(text);
  if (m) return iso(Number(m[1]!), Number(m[2]!), Number(m[3]!));
  m = NUMERIC.exec(text);
  if (m) {
    const [a, b, y] = [Number(m[1]!), Number(m[3]!), fullYear(m[4]!)];
    // Dots are the German and Nordic way: always day first.
    return m[2]! === '.' || order === 'DMY' ? iso(y, b, a) : iso(y, a, b);
  }
  m = /^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([A-Za-z]{3,9})\.?,?[\s-]+(\d{4}|\d{2})$/.exec(text);
  if (m && month(m[2]!)) return iso(fullYear(m[3]!), month(m[2]!)!, Number(m[1]));
  m = /^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/.exec(text);
  if (m && month(m[1]!)) return iso(Number(m[3]!), month(m[1]!)!, Number(m[2]!));
  // A spreadsheet date saved without its format: days since 1899-12-30 (Excel's 1900 system).
  m = /^(\d{5})(?:\.\d+)?$/.exec(text);
  if (m) {
    const serial = Number(m[1]!);
    if (serial < 20_000 || serial > 80_000) return null;
    return new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000).toISOString().slice(0, 10);
  }
  return null;
}
