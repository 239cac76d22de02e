import type { AccountRunProgress } from '../domain/findings';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "Production (111122223333): 9 of 17 regions read, 14 of 24 checks done"; the regions only when the run reads regional sources. */
export function accountProgressLine(p: AccountRunProgress): string {
  const name = p.account.alias ? `${p.account.alias} (${p.account.id})` : p.account.id;
  const regions =
    p.regionsTotal !== undefined
      ? `${p.regionsRead ?? 0} of ${plural(p.regionsTotal, 'region', 'regions')} read, `
      : '';
  return `${name}: ${regions}${p.checksDone} of ${plural(p.checksTotal, 'check', 'checks')} done`;
}
