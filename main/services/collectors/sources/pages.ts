import { AppError } from '../../../../shared/ipc/result';
import type { RawPage } from '../call-recorder';

/** Far more than any account needs; beyond it the endpoint is broken. */
const MAX_PAGES = 1000;

/**
 * Follows a NextToken-style pagination to the end. An endpoint that hands back a token it gave
 * before, or never stops, would loop forever; that ends the source with an error instead.
 */
export async function tokenPages<T>(
  action: string,
  fetch: (token: string | undefined) => Promise<{ output: T; page: RawPage }>,
  next: (output: T) => string | undefined,
): Promise<{ output: T; page: RawPage }[]> {
  const results: { output: T; page: RawPage }[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  for (;;) {
    const r = await fetch(token);
    results.push(r);
    token = next(r.output) || undefined;
    if (!token) return results;
    if (seen.has(token) || results.length === MAX_PAGES)
      throw new AppError('AWS_ERROR', `${action} kept answering with more pages, so its list cannot be completed.`, {
        hint: 'Try again later. If the SDK is pointed at another endpoint (AWS_ENDPOINT_URL), check that endpoint.',
        details: { action },
      });
    seen.add(token);
  }
}
