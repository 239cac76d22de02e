import { isRegional } from '../../../shared/checks/sources';
import type { CheckDefinition, SourceKey } from '../../../shared/checks/types';
import type { AccountTarget, CollectOptions } from './engine';

/** Where a run is in one account; the regions only when the run reads regional sources. */
export interface AccountProgress {
  regionsRead?: number;
  regionsTotal?: number;
  checksDone: number;
  checksTotal: number;
}

/**
 * Counts, per account, the regions whose regional sources have all settled (answered or failed)
 * and the checks evaluated, and reports each change through `onAccountProgress`.
 */
export function trackAccounts(o: Pick<CollectOptions, 'accounts' | 'onAccountProgress'>, checks: CheckDefinition[]) {
  const regional = new Set<SourceKey>(checks.flatMap((c) => [...c.requires, ...c.uses]).filter((k) => isRegional(k)));
  const state = new Map(
    o.accounts.map((a) => {
      const off = new Set(a.notEnabled ?? []);
      const toRead = new Set(a.regions.filter((r) => !off.has(r)));
      return [a.accountId, { toRead, settled: new Map<string, Set<SourceKey>>(), regionsRead: 0, checksDone: 0 }];
    }),
  );
  const report = (accountId: string) => {
    const s = state.get(accountId);
    if (!s || !o.onAccountProgress) return;
    o.onAccountProgress(accountId, {
      ...(regional.size > 0 ? { regionsRead: s.regionsRead, regionsTotal: s.toRead.size } : {}),
      checksDone: s.checksDone,
      checksTotal: checks.length,
    });
  };
  return {
    start: () => o.accounts.forEach((a) => report(a.accountId)),
    settled(account: AccountTarget, key: SourceKey, region: string) {
      const s = state.get(account.accountId);
      if (!s || !regional.has(key) || !s.toRead.has(region)) return;
      const keys = s.settled.get(region) ?? new Set<SourceKey>();
      s.settled.set(region, keys);
      if (keys.has(key)) return;
      keys.add(key);
      if (keys.size === regional.size) {
        s.regionsRead += 1;
        report(account.accountId);
      }
    },
    checked(account: AccountTarget) {
      const s = state.get(account.accountId);
      if (!s) return;
      s.checksDone += 1;
      report(account.accountId);
    },
  };
}
