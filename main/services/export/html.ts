import { RESPONSIBILITY_LABELS } from '../../../shared/catalog';
import { STATUS_LABELS } from '../../../shared/domain/control-state';
import { CHECK_RESULT_LABELS } from '../../../shared/domain/findings';
import { accountLabel, awsScopeSentence, FINDINGS_HEADING, OUT_OF_SCOPE_INTRO, outOfScopeRows } from './aws-scope';
import { CATEGORY_LABELS, SAMPLE_MARK } from '../../../shared/domain/workspace';
import type { ModelControl } from './bundle-model';
import { allExclusions, type BundleContent } from './content';
import { screenshotsToPreview } from './thumbnails';
import { formatBytes } from '../../../shared/util/format-bytes';
import {
  AWS_CARVE_OUT,
  AWS_REVIEW_TITLE,
  EARLIER_RUN_NOTE,
  KIND_LABELS,
  REQUESTS_INTRO,
  REQUESTS_TITLE,
  earlierRunsText,
  flagsText,
  sourceSummary,
  worstFirst,
} from './text';
import { awsReviewHtml, AWS_REVIEW_ANCHOR } from './html-aws-review';
import { reviewState, reviewStatusLine } from './aws-review';
import { controlAnchor, esc, evLink, href } from './html-escape';
import { accessReviewHtml } from './html-access-review';
import { ACCESS_REVIEW_ANCHOR, ACCESS_REVIEW_TITLE } from './access-review-bundle';

/**
 * index.html: the PDF's content as one self-contained page. Inline CSS only, no scripts, no
 * fonts, no network; a CSP forbids anything else. Every text value is escaped.
 */
export { esc };

const anchor = controlAnchor;

const CSS = `.sample{background:#fff3bf;border:2px solid #e8590c;padding:8px 12px;font-size:16px}body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:1100px;padding:24px;color:#1d1d1f}
h1{font-size:22px;margin:36px 0 10px;border-bottom:1px solid #ddd;padding-bottom:4px}h2{font-size:16px;margin:18px 0 6px}
table{border-collapse:collapse;width:100%;margin:6px 0 14px;font-size:13px}th,td{border-bottom:1px solid #e4e4e4;text-align:left;vertical-align:top;padding:4px 6px}
th{background:#f5f5f7}code{font:12px ui-monospace,Menlo,Consolas,monospace;word-break:break-all}.muted{color:#666;font-size:12px}
.warn{color:#9a6700}.bad{color:#b3261e;font-weight:600}.pass{color:#1b7a3a}.fail,.error{color:#b3261e}.needs_review{color:#9a6700}
.shot{display:flex;gap:14px;margin:8px 0}.shot img{width:260px;border:1px solid #ccc}nav li{margin:2px 0}.cover dt{font-weight:600}.cover dd{margin:0 0 6px}`;

/** On the review control's section: the review of AWS's SOC 2 report is its evidence for CC9.2. */
function reviewPointer(content: BundleContent): string {
  const state = reviewState(content.awsReview);
  const cls = state === 'relied_on' ? 'pass' : state === 'not_relied_on' ? 'warn' : 'bad';
  return `<p class="aws-review-pointer"><strong>Review of AWS's SOC 2 report:</strong> this control's evidence for CC9.2, in <a href="#${AWS_REVIEW_ANCHOR}">${esc(AWS_REVIEW_TITLE)}</a>. <span class="${cls}">${esc(reviewStatusLine(content.awsReview))}</span></p>`;
}

function controlSection(c: ModelControl, content: BundleContent): string {
  const findings = content.findings.get(c.def.id) ?? [];
  const { includeNotes } = content.model.options;
  const findingHtml = findings
    .map(({ evidence, finding }) => {
      if (!finding) return `<p>${evLink(evidence)} could not be read as findings; the file is included.</p>`;
      // Every entity: the page is read in a browser, so a long list costs nothing to lay out.
      const rows = worstFirst(finding.entities)
        .map(
          (e) =>
            `<tr><td><code>${esc(e.arn)}</code></td><td class="${e.result}">${CHECK_RESULT_LABELS[e.result]}</td><td>${esc(e.detail)}</td></tr>`,
        )
        .join('');
      const where = accountLabel(evidence.record);
      return `<p><code>${esc(finding.checkId)}</code>${where ? ` <span class="account">${esc(where)}</span>` : ''} <strong class="${finding.result}">${CHECK_RESULT_LABELS[finding.result]}</strong> ${esc(finding.summary)}</p>
<p class="muted">Rule: ${esc(finding.rule)}. Evaluated ${esc(finding.evaluatedAt)}; evidence ${evLink(evidence)}.</p>
${rows ? `<table><tr><th>Entity</th><th>Result</th><th>Why</th></tr>${rows}</table>` : ''}`;
    })
    .join('\n');
  const shots = screenshotsToPreview(c.evidence)
    .map(
      (
        s,
      ) => `<div class="shot"><a href="${href(s.path)}"><img src="${href(s.path)}" alt="${esc(s.record.title)}" loading="lazy"></a><div><strong>${esc(s.record.title)}</strong>
<div class="muted">${esc(sourceSummary(s.record.source))}. Captured ${esc(s.record.capturedAt)} by ${esc(s.record.capturedBy.name)}.${s.record.aws ? ` AWS account ${esc(s.record.aws.accountId)}, principal ${esc(s.record.aws.principalArn)}.` : ''}</div>
<div><code>${s.record.sha256}</code></div></div></div>`,
    )
    .join('\n');
  const evidenceRows = c.latest
    .map(
      (e) =>
        `<tr><td>${evLink(e)}</td><td>${esc(e.record.title)}${e.flags.length ? `<div class="warn">${esc(flagsText(e.flags, e.record))}</div>` : ''}</td><td>${esc(KIND_LABELS[e.record.kind] ?? e.record.kind)}</td><td>${esc(e.record.capturedAt)}</td></tr>`,
    )
    .join('');
  return `<section id="${anchor(c.def.id)}"><h1><code>${esc(c.def.id)}</code> ${esc(c.def.title)}</h1>
<p><strong>${RESPONSIBILITY_LABELS[c.def.responsibility]}</strong> · criteria ${esc(c.def.criteria.join(', '))} · owner ${esc(c.owner?.name ?? 'none')} · ${STATUS_LABELS[c.state.status]}</p>
<p>${esc(c.def.intent)}</p>${c.def.split ? `<p class="muted">AWS: ${esc(c.def.split.aws)}<br>The company: ${esc(c.def.split.company)}</p>` : ''}
${c.def.id === content.model.awsReviewControlId ? reviewPointer(content) : ''}
${includeNotes && c.state.notes ? `<h2>Notes</h2><p>${esc(c.state.notes)}</p>` : ''}
${c.exclusions.length ? `<h2>Exclusions</h2>${c.exclusions.map((e) => `<p>${esc(e.what)}: ${esc(e.reason)} Approved by ${esc(e.approvedBy)}; expires ${e.expiresOn}${e.expiredAsOf ? ' <span class="bad">(expired)</span>' : ''}.</p>`).join('')}` : ''}
${findingHtml ? `<h2>${FINDINGS_HEADING}</h2>${findingHtml}` : ''}${shots ? `<h2>Screenshots</h2>${shots}` : ''}
<h2>Evidence</h2>${evidenceRows ? `<table><tr><th>Evidence</th><th>Title</th><th>Kind</th><th>Captured (UTC)</th></tr>${evidenceRows}</table>` : '<p class="muted">No evidence is linked to this control.</p>'}${c.earlier.length ? `<p class="muted earlier-runs">The latest run of each check is shown; ${earlierRunsText(c.earlier.length)} of its checks ${c.earlier.length === 1 ? 'is' : 'are'} listed in the <a href="#evidence">evidence index</a>.</p>` : ''}</section>`;
}

function outOfScopeHtml(model: BundleContent['model']): string {
  const rows = outOfScopeRows(model);
  if (rows.length === 0) return '';
  return `<h2 id="out-of-scope-accounts">Evidence from AWS accounts outside the scope</h2><p class="muted">${esc(OUT_OF_SCOPE_INTRO)}</p>
<table><tr><th>Evidence</th><th>Title</th><th>AWS account</th><th>Check</th><th>Captured (UTC)</th></tr>${rows.map((r) => `<tr><td><code>${esc(r.id)}</code></td><td>${esc(r.title)}</td><td>${esc(r.account)}</td><td><code>${esc(r.check)}</code></td><td>${esc(r.capturedAt)}</td></tr>`).join('')}</table>`;
}

/** The auditor's request list by request id, each answered with links to its evidence files. */
function requestsHtml(content: BundleContent): string {
  if (!content.requests) return '';
  const rows = content.requests
    .map(
      (r) =>
        `<tr id="request-${anchor(r.id)}"><td><code>${esc(r.id)}</code></td><td>${esc(r.text)}${r.criteria ? `<div class="muted">${esc(r.criteria)}</div>` : ''}</td><td>${esc(r.status)}${r.auditorComment ? `<div class="muted">${esc(r.auditorComment)}</div>` : ''}</td><td>${esc(r.owner)}${r.dueDate ? `<div class="muted">due ${r.dueDate}</div>` : ''}</td><td>${esc(r.response)}${r.evidence.length ? `<ul>${r.evidence.map((e) => `<li>${evLink(e)} ${esc(e.record.title)}</li>`).join('')}</ul>` : ''}</td></tr>`,
    )
    .join('\n');
  return `<section id="requests"><h1>${REQUESTS_TITLE}</h1><p>${esc(REQUESTS_INTRO)}</p><table><tr><th>Request</th><th>Text</th><th>Status</th><th>Owner</th><th>Response and evidence</th></tr>${rows}</table></section>`;
}

export function renderHtml(content: BundleContent): Buffer {
  const { model, fingerprint } = content;
  const { meta, options } = model;
  const matrix = model.controls
    .map(
      (c) =>
        `<tr><td><a href="#${anchor(c.def.id)}"><code>${esc(c.def.id)}</code></a><div class="muted">${esc(c.def.title)}</div></td><td>${RESPONSIBILITY_LABELS[c.def.responsibility]}</td><td>${esc(c.def.criteria.join(', '))}</td><td>${esc(c.owner?.name ?? 'No owner')}</td><td>${STATUS_LABELS[c.state.status]}</td><td>${c.latest.map(evLink).join(' ') || '<span class="bad">None</span>'}</td></tr>`,
    )
    .join('\n');
  const coverage = model.coverage
    .map(
      (c) =>
        `<tr><td><strong>${c.criterion.id}</strong></td><td>${esc(c.criterion.summary)}</td><td class="${c.status === 'uncovered' ? 'bad' : ''}">${c.status.replace('_', ' ')}</td><td>${c.status === 'not_applicable' ? esc(c.reason ?? '') : c.controls.map((id) => `<a href="#${anchor(id)}"><code>${esc(id)}</code></a>`).join(' ')}</td></tr>`,
    )
    .join('\n');
  const exclusions = allExclusions(content)
    .map(
      ({ controlId, exclusion: e }) =>
        `<tr><td><code>${esc(controlId)}</code></td><td>${esc(e.what)}</td><td>${esc(e.reason)}</td><td>${esc(e.approvedBy)}</td><td>${e.expiresOn}${e.expiredAsOf ? ' <span class="bad">expired</span>' : ''}</td></tr>`,
    )
    .join('\n');
  const index = model.evidence
    .map(
      (e) =>
        `<tr><td>${evLink(e)}</td><td>${esc(e.record.title)}<div class="muted">${esc(e.controlIds.join(', '))} · ${esc(e.path)} · ${formatBytes(e.record.size)}</div>${e.flags.includes('formula_cells') ? `<div class="warn">${esc(flagsText(['formula_cells'], e.record))}</div>` : ''}${e.earlierRun ? `<div class="muted">${EARLIER_RUN_NOTE}</div>` : ''}</td><td><code>${e.record.sha256}</code></td></tr>`,
    )
    .join('\n');
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src 'self' file:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${meta.sample ? `${SAMPLE_MARK}: ` : ''}${esc(meta.companyName)}: SOC 2 Type 1 bundle as of ${options.asOfDate}</title><style>${CSS}</style></head>
<body>
${meta.sample ? `<p class="sample" id="sample" role="note"><strong>${SAMPLE_MARK}</strong>: exported from a sample company's workspace (the Audit Workbench sandbox, not AWS).</p>\n` : ''}<header class="cover"><p class="muted">SOC 2 Type 1</p><h1 style="border:0;font-size:28px;margin-top:0">${esc(meta.companyName)}</h1><p>${esc(meta.systemName)}</p>
<dl><dt>Controls as of</dt><dd>${options.asOfDate}</dd><dt>Categories</dt><dd>${options.categories.map((c) => CATEGORY_LABELS[c]).join(', ')}</dd>
<dt>Prepared by</dt><dd>${esc(model.preparedBy.name)} &lt;${esc(model.preparedBy.email)}&gt;</dd><dt>Generated at</dt><dd>${model.generatedAt} (UTC) with Audit Workbench ${esc(model.appVersion)}</dd>
<dt>Bundle fingerprint (SHA-256 of manifest.json)</dt><dd><code id="fingerprint">${fingerprint}</code></dd></dl>
<p class="muted">Check every file with <code>sha256sum -c SHA256SUMS</code>; README.txt explains how.</p></header>
<nav><h1>Contents</h1><ul><li><a href="#scope">Scope and responsibility</a></li><li><a href="#${AWS_REVIEW_ANCHOR}">${esc(AWS_REVIEW_TITLE)}</a></li><li><a href="#matrix">Control matrix</a></li><li><a href="#coverage">Criteria coverage</a></li>
<li>Controls<ul>${model.controls.map((c) => `<li><a href="#${anchor(c.def.id)}"><code>${esc(c.def.id)}</code></a> ${esc(c.def.title)}</li>`).join('')}</ul></li>
<li><a href="#exclusions">Exceptions and exclusions</a></li>${content.accessReview ? `<li><a href="#${ACCESS_REVIEW_ANCHOR}">${ACCESS_REVIEW_TITLE}</a></li>` : ''}${content.requests ? `<li><a href="#requests">${REQUESTS_TITLE}</a></li>` : ''}<li><a href="#evidence">Evidence index</a></li></ul></nav>
<section id="scope"><h1>Scope and responsibility</h1><p>${AWS_CARVE_OUT} <a href="#${anchor(model.awsReviewControlId)}"><code>${model.awsReviewControlId}</code></a> (CC9.2).</p>
<table><tr><th>Responsibility</th><th>Controls</th></tr>${(['owned', 'shared', 'inherited'] as const).map((r) => `<tr><td>${RESPONSIBILITY_LABELS[r]}</td><td>${model.controls.filter((c) => c.def.responsibility === r).length}</td></tr>`).join('')}</table>
<p id="aws-scope">${esc(awsScopeSentence(model))}</p>${outOfScopeHtml(model)}</section>
${awsReviewHtml(content)}
<section id="matrix"><h1>Control matrix</h1><table><tr><th>Control</th><th>Responsibility</th><th>Criteria</th><th>Owner</th><th>Status</th><th>Evidence</th></tr>
${matrix}</table></section>
<section id="coverage"><h1>Criteria coverage</h1><table><tr><th>Criterion</th><th>What it asks</th><th>Status</th><th>Controls or reason</th></tr>
${coverage}</table></section>
${model.controls.map((c) => controlSection(c, content)).join('\n')}
<section id="exclusions"><h1>Exceptions and exclusions</h1>${exclusions ? `<table><tr><th>Control</th><th>What</th><th>Reason</th><th>Approved by</th><th>Expires</th></tr>${exclusions}</table>` : '<p>No exclusions are recorded for the controls in scope.</p>'}</section>
${accessReviewHtml(content)}
${requestsHtml(content)}
<section id="evidence"><h1>Evidence index</h1><table><tr><th>Evidence</th><th>Title, controls, file</th><th>SHA-256</th></tr>
${index}</table></section>
</body></html>
`;
  return Buffer.from(html, 'utf8');
}
