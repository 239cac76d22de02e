import type { ModelEvidence } from './bundle-model';

/** Escapes text for HTML content and attribute values; every value index.html shows goes through it. */
export const esc = (value: string | number): string =>
  String(value).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** The in-page anchor of a control's section. */
export const controlAnchor = (id: string) => `c-${id.replace(/[^a-z0-9-]/gi, '-')}`;

/** Bundle paths are sanitised ASCII, but encode them anyway so a link is always a relative link. */
export const href = (path: string) => path.split('/').map(encodeURIComponent).join('/');

/** An evidence file's id, linked to the file in the bundle. */
export const evLink = (e: ModelEvidence) => `<a href="${href(e.path)}"><code>${esc(e.record.id)}</code></a>`;
