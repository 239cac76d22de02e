import type { ControlDef } from '../catalog/types';
import type { EvidenceRequestMarks, EvidenceRequestsDoc, NotApplicableMark } from '../domain/evidence-requests';

/** One guided screenshot or document request of the catalog, with every control that lists it. */
export interface CatalogRequest {
  id: string;
  kind: 'screenshot' | 'document';
  title: string;
  /** What it must show (screenshots) or contain (documents). */
  description: string;
  controlIds: string[];
}

/** The catalog's screenshot and document requests, each once, in the order the controls list them. */
export function catalogRequests(controls: readonly ControlDef[]): CatalogRequest[] {
  const byId = new Map<string, CatalogRequest>();
  for (const control of controls) {
    for (const e of control.evidence) {
      if (e.type !== 'screenshot' && e.type !== 'document') continue;
      const seen = byId.get(e.id);
      if (seen) {
        if (!seen.controlIds.includes(control.id)) seen.controlIds.push(control.id);
        continue;
      }
      byId.set(e.id, {
        id: e.id,
        kind: e.type,
        title: e.title,
        description: e.type === 'screenshot' ? e.what : e.description,
        controlIds: [control.id],
      });
    }
  }
  return [...byId.values()];
}

/** What the rule reads of a piece of evidence. */
export interface RequestEvidence {
  id: string;
  title: string;
  capturedAt: string;
  /** A capture names the request it was taken for (`meta.requestId`). */
  meta?: Record<string, unknown>;
  /** False for withdrawn, retired or damaged evidence: it provides nothing. */
  usable: boolean;
}

export type RequestStanding =
  | { state: 'provided'; evidence: { id: string; title: string; capturedAt: string }[] }
  | { state: 'not_applicable'; mark: NotApplicableMark }
  | { state: 'missing' };

export type RequestState = RequestStanding['state'];

export const REQUEST_STANDING_LABELS: Record<RequestState, string> = {
  provided: 'Provided',
  not_applicable: 'Not applicable',
  missing: 'Missing',
};

const NO_MARKS: EvidenceRequestMarks = { notApplicable: null, evidenceIds: [] };

/** A request's marks; own properties only, so an id such as `constructor` never reads the prototype. */
export const marksOf = (doc: EvidenceRequestsDoc | undefined, requestId: string): EvidenceRequestMarks =>
  doc && Object.hasOwn(doc.requests, requestId) ? doc.requests[requestId]! : NO_MARKS;

/**
 * The one definition of where a request stands: provided by the usable evidence that names it or
 * that a person linked to it (newest first), else not applicable when a person said so with a
 * reason, else missing. Evidence wins over the mark: what was provided is shown as provided.
 */
export function requestStanding(
  requestId: string,
  marks: EvidenceRequestMarks,
  evidence: readonly RequestEvidence[],
): RequestStanding {
  const linked = new Set(marks.evidenceIds);
  const providing = evidence
    .filter((e) => e.usable && (e.meta?.requestId === requestId || linked.has(e.id)))
    .sort((a, b) => b.capturedAt.localeCompare(a.capturedAt) || b.id.localeCompare(a.id))
    .map(({ id, title, capturedAt }) => ({ id, title, capturedAt }));
  if (providing.length) return { state: 'provided', evidence: providing };
  if (marks.notApplicable) return { state: 'not_applicable', mark: marks.notApplicable };
  return { state: 'missing' };
}

export interface StandingCounts {
  total: number;
  provided: number;
  notApplicable: number;
  missing: number;
}

/** Every request of the given controls with its standing, and the counts the dashboard shows. */
export function requestStandings(
  controls: readonly ControlDef[],
  doc: EvidenceRequestsDoc | undefined,
  evidence: readonly RequestEvidence[],
): { requests: (CatalogRequest & { standing: RequestStanding })[]; counts: StandingCounts } {
  const requests = catalogRequests(controls).map((r) => ({
    ...r,
    standing: requestStanding(r.id, marksOf(doc, r.id), evidence),
  }));
  const count = (state: RequestState) => requests.filter((r) => r.standing.state === state).length;
  return {
    requests,
    counts: {
      total: requests.length,
      provided: count('provided'),
      notApplicable: count('not_applicable'),
      missing: count('missing'),
    },
  };
}
