/**
 * Lists in awsQuery and EC2 query forms: `Prefix.1`, `Prefix.2`, ... and EC2's filters
 * `Filter.1.Name` with `Filter.1.Value.1`, ...
 */

/** The values of `prefix.1`, `prefix.2`, ... in order, stopping at the first gap as AWS does. */
export function formList(form: Record<string, string>, prefix: string): string[] {
  const out: string[] = [];
  for (let i = 1; form[`${prefix}.${i}`] !== undefined; i++) out.push(form[`${prefix}.${i}`]!);
  return out;
}

export interface QueryFilter {
  name: string;
  values: string[];
}

/**
 * Filters as `<prefix>.N.<nameKey>` and `<prefix>.N.<valuesPrefix>.M`: EC2 sends
 * `Filter.1.Name` / `Filter.1.Value.1`, RDS `Filters.Filter.1.Name` / `Filters.Filter.1.Values.Value.1`.
 */
export function formFilters(form: Record<string, string>, prefix: string, valuesPrefix: string): QueryFilter[] {
  const out: QueryFilter[] = [];
  for (let i = 1; form[`${prefix}.${i}.Name`] !== undefined; i++)
    out.push({ name: form[`${prefix}.${i}.Name`]!, values: formList(form, `${prefix}.${i}.${valuesPrefix}`) });
  return out;
}
