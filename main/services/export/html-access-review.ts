import { ACCESS_REVIEW_ANCHOR, ACCESS_REVIEW_TITLE, type BundleAccessRow } from './access-review-bundle';
import {
  ACCESS_ROWS_SHOWN,
  accessReviewIntro,
  accessReviewSchedule,
  accessReviewSignature,
} from './access-review-text';
import type { BundleContent } from './content';
import { esc, evLink, href } from './html-escape';
import { ADDED_BUNDLE_FILES } from './layout';

function rowsTable(rows: BundleAccessRow[], withFollowUp: boolean): string {
  if (rows.length === 0) return '<p class="muted">None.</p>';
  const shown = rows.slice(0, ACCESS_ROWS_SHOWN);
  const more =
    rows.length > shown.length
      ? `<p class="muted">${rows.length - shown.length} more in <a href="${href(ADDED_BUNDLE_FILES.accessReviewDecisionsCsv)}">${ADDED_BUNDLE_FILES.accessReviewDecisionsCsv}</a>.</p>`
      : '';
  return `<table><tr><th>Identity</th><th>Flags</th><th>Reviewer</th><th>Decision</th>${withFollowUp ? '<th>Carried out?</th>' : ''}</tr>${shown
    .map(
      (r) =>
        `<tr><td>${esc(r.name)}<div class="muted">${esc(r.kind)}${r.accounts ? ` · ${esc(r.accounts)}` : ''}</div></td><td>${esc(r.flags)}${r.reasons ? `<div class="muted">${esc(r.reasons)}</div>` : ''}</td><td>${esc(r.reviewers)}</td><td>${esc(r.decision)}${r.justification ? `<div>${esc(r.justification)}</div>` : ''}${r.decidedBy ? `<div class="muted">${esc(r.decidedBy)}</div>` : ''}</td>${withFollowUp ? `<td>${esc(r.followUp)}</td>` : ''}</tr>`,
    )
    .join('')}</table>${more}`;
}

/** The access review in index.html, with the same content as the PDF section. */
export function accessReviewHtml(content: BundleContent): string {
  const r = content.accessReview;
  if (!r) return '';
  const sig = accessReviewSignature(r);
  return `<section id="${ACCESS_REVIEW_ANCHOR}"><h1>${ACCESS_REVIEW_TITLE}</h1>
<p class="${sig.tone}"><strong>${esc(sig.text)}</strong></p>
<p>${esc(accessReviewIntro(r))}</p>
<p class="muted">${esc(accessReviewSchedule(r))}</p>
${r.notes.length ? `<ul>${r.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>` : ''}
<h2>Who decided</h2>${r.deciders.length ? `<ul>${r.deciders.map((d) => `<li>${esc(d.name)}: ${d.decided} identit${d.decided === 1 ? 'y' : 'ies'}</li>`).join('')}</ul>` : '<p class="muted">Nobody yet.</p>'}
<h2>Flagged identities (${r.flagged.length})</h2>${rowsTable(r.flagged, false)}
<h2>Removes and changes (${r.changes.length})</h2>${rowsTable(r.changes, true)}
<h2>Evidence</h2>${r.evidence?.length ? `<ul>${r.evidence.map((e) => `<li>${evLink(e)} ${esc(e.record.title)}</li>`).join('')}</ul>` : '<p class="muted">No evidence of this review is in the bundle (its control is out of scope).</p>'}
<p>All decisions: <a href="${href(ADDED_BUNDLE_FILES.accessReviewDecisionsCsv)}">${ADDED_BUNDLE_FILES.accessReviewDecisionsCsv}</a>.</p>
${r.history.length > 1 ? `<h2>Review history</h2><table><tr><th>Review</th><th>Started</th><th>Identities</th><th>Signed</th></tr>${r.history.map((h) => `<tr><td><code>${esc(h.id)}</code></td><td>${esc(h.startedAt.slice(0, 10))}</td><td>${h.rows}</td><td>${esc(h.signed)}</td></tr>`).join('')}</table>` : ''}</section>`;
}
