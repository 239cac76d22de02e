import type { ChainCheckView } from '../ipc/channels/export';

/** How verify words what it recomputed from the bundle's activity log, on screen and in the CLI. */
export function chainCheckSentence(chain: ChainCheckView | null): string {
  if (!chain)
    return 'Activity log: not in this bundle (exported before the log was shipped), so record hashes were not checked against it.';
  const listed = (n: number, word: string) => (n ? `; ${n} ${word} record${n === 1 ? '' : 's'} listed` : '');
  return `Activity log: the hash chain over its ${chain.lines} lines and the hashes of the ${chain.records} evidence records, each matched with the line that sealed it, were recomputed from the bundle alone${listed(chain.withdrawn, 'withdrawn')}${listed(chain.retired, 'retired')}.`;
}
