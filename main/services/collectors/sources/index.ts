import type { SourceKey } from '../../../../shared/checks/types';
import { IAM_FETCHERS } from './iam';
import type { Fetcher } from './types';

/** How each declared source (shared/checks/sources.ts) is read; a source without a fetcher does not compile. */
export const FETCHERS: { [K in SourceKey]: Fetcher<K> } = {
  ...IAM_FETCHERS,
};
