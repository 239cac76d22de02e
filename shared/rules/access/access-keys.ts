import type { PopulationRow } from '../../domain/access-review';

const DAY = 86_400_000;

/**
 * An IAM user's active access keys in words (pure), as the screen and the decisions CSV say them:
 * "2 active; the oldest created 2025-01-10 (690 days ago), last used 2026-11-30"; empty when the
 * credential report was not read (or the row is not an IAM user).
 */
export function accessKeyWords(keys: PopulationRow['accessKeys'], now: Date): string {
  if (!keys) return '';
  if (keys.active === 0) return 'none active';
  const age = keys.oldestCreated
    ? ` created ${keys.oldestCreated.slice(0, 10)} (${Math.floor((now.getTime() - Date.parse(keys.oldestCreated)) / DAY)} days ago)`
    : '';
  const used = keys.oldestLastUsed ? `last used ${keys.oldestLastUsed.slice(0, 10)}` : 'never used';
  return `${keys.active} active; the ${keys.active > 1 ? 'oldest' : 'key'}${age}, ${used}`;
}
