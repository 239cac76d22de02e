/**
 * Pagination as AWS services do it: an opaque token (NextToken, Marker, ContinuationToken) that
 * only this endpoint can read, a page size the caller asks for within the operation's bounds,
 * the service's default when it asks none, and the scenario's `pageCap` so pages are short
 * enough that every paginator really pages.
 */

/** A token or page size the service refuses; the service module turns it into its own error. */
export class BadPage extends Error {
  constructor(
    readonly kind: 'token' | 'limit',
    message: string,
  ) {
    super(message);
  }
}

export interface PageRule {
  /** Items when the caller asks no size; `undefined` means everything (EC2 and ListBuckets without a limit). */
  defaultSize?: number;
  min?: number;
  max: number;
  /** The parameter's name in the model, for the validation message. */
  limitName: string;
}

const encode = (offset: number, total: number) => Buffer.from(`${offset}/${total}`).toString('base64url');

function decode(token: string, total: number): number {
  const m = /^(\d+)\/(\d+)$/.exec(Buffer.from(token, 'base64url').toString());
  const offset = m ? Number(m[1]) : NaN;
  if (!m || Number(m[2]) !== total || offset > total) throw new BadPage('token', 'The pagination token is invalid.');
  return offset;
}

/** One page of `items`: from the token's offset, as many as asked (capped), and the next token when more remain. */
export function pageOf<T>(
  items: readonly T[],
  token: string | undefined,
  limit: string | number | undefined,
  rule: PageRule,
  pageCap?: number,
): { items: T[]; next?: string } {
  let size = rule.defaultSize ?? items.length;
  if (limit !== undefined && limit !== '') {
    const n = Number(limit);
    if (!Number.isInteger(n) || n < (rule.min ?? 1) || n > rule.max)
      throw new BadPage(
        'limit',
        `1 validation error detected: Value '${limit}' at '${rule.limitName}' failed to satisfy constraint: Member must have value between ${rule.min ?? 1} and ${rule.max}`,
      );
    size = n;
  }
  if (pageCap && (limit !== undefined || rule.defaultSize !== undefined)) size = Math.min(size, pageCap);
  const start = token ? decode(token, items.length) : 0;
  const end = Math.min(items.length, start + Math.max(size, 1));
  return { items: items.slice(start, end), ...(end < items.length ? { next: encode(end, items.length) } : {}) };
}
