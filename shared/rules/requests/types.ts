/** One sheet of a spreadsheet as cell text, row by row (CSV files have one, without a name). */
export interface SheetRows {
  name: string | null;
  hidden: boolean;
  rows: string[][];
}

/** A row of the file that could not be imported, and why (rows are numbered as the spreadsheet shows them). */
export interface RowProblem {
  row: number;
  reason: string;
}
