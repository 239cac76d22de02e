import type { ControlDef } from '../../catalog/types';
import type { EvidenceRecord } from '../../domain/evidence';
import type { AuditRequest } from '../../domain/requests';

export interface LinkSuggestion {
  id: string;
  title: string;
  /** Why it is suggested, in words a person can judge before confirming. */
  why: string;
}

export interface RequestSuggestions {
  controls: LinkSuggestion[];
  evidence: LinkSuggestion[];
}

const CRITERION = /\b(CC\d{1,2}\.\d{1,2}|A1\.\d|C1\.\d|PI1\.\d|P\d\.\d)\b/gi;

const STOP = new Set(
  'a an and are as at be by for from has have in is it its of on or our please provide show that the their this to was were which with all any each copy evidence list documentation screenshot current'.split(
    ' ',
  ),
);

export const words = (text: string) =>
  new Set(
    text
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length > 2 && !STOP.has(w))
      .map((w) => w.replace(/(ies|s)$/, (m) => (m === 'ies' ? 'y' : ''))),
  );

/** The criteria a request names (`CC6.1`, `A1.2`), as the AICPA writes them. */
export const criteriaIn = (text: string) => [...new Set([...text.matchAll(CRITERION)].map((m) => m[1]!.toUpperCase()))];

/**
 * Controls and evidence that probably answer a request: controls meeting the criteria it names,
 * controls and evidence whose words it shares. Only suggestions: a person confirms each link.
 */
export function suggestLinks(
  request: Pick<AuditRequest, 'firm' | 'controlIds' | 'evidenceIds'>,
  catalog: readonly ControlDef[],
  evidence: readonly Pick<EvidenceRecord, 'id' | 'title' | 'controlIds' | 'capturedAt'>[],
  limit = 5,
): RequestSuggestions {
  const reference = `${request.firm.criteria} ${request.firm.text}`;
  const named = criteriaIn(reference);
  const requestWords = words(request.firm.text);
  const scored = catalog
    .filter((c) => !request.controlIds.includes(c.id))
    .map((c) => {
      const byCriteria = c.criteria.filter((id) => named.includes(id));
      const shared = [...words(`${c.title} ${c.intent}`)].filter((w) => requestWords.has(w));
      const byId = reference.toLowerCase().includes(c.id);
      const score = (byId ? 100 : 0) + byCriteria.length * 10 + shared.length;
      const why = [
        byId ? `names ${c.id}` : '',
        byCriteria.length ? `meets ${byCriteria.join(', ')}` : '',
        shared.length ? `shares the words ${shared.slice(0, 4).join(', ')}` : '',
      ].filter(Boolean);
      return { c, score, why: why.join('; ') };
    })
    .filter((s) => s.score >= 2 || s.why.includes('meets') || s.why.includes('names'))
    .sort((a, b) => b.score - a.score || a.c.id.localeCompare(b.c.id))
    .slice(0, limit);
  const likelyControls = new Set([...request.controlIds, ...scored.map((s) => s.c.id)]);
  const evidenceSuggestions = evidence
    .filter((e) => !request.evidenceIds.includes(e.id))
    .map((e) => {
      const shared = [...words(e.title)].filter((w) => requestWords.has(w));
      const forControl = e.controlIds.filter((id) => likelyControls.has(id));
      const score = shared.length * 2 + (forControl.length ? 3 : 0);
      const why = [
        forControl.length ? `evidence for ${forControl.join(', ')}` : '',
        shared.length ? `shares the words ${shared.slice(0, 4).join(', ')}` : '',
      ].filter(Boolean);
      return { e, score, why: why.join('; ') };
    })
    .filter((s) => s.score >= 3)
    .sort((a, b) => b.score - a.score || b.e.capturedAt.localeCompare(a.e.capturedAt))
    .slice(0, limit);
  return {
    controls: scored.map((s) => ({ id: s.c.id, title: s.c.title, why: s.why })),
    evidence: evidenceSuggestions.map((s) => ({ id: s.e.id, title: s.e.title, why: s.why })),
  };
}
