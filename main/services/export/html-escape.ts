/** Escapes text for HTML content and attribute values; every value index.html shows goes through it. */
export const esc = (value: string | number): string =>
  String(value).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** The in-page anchor of a control's section. */
export const controlAnchor = (id: string) => `c-${id.replace(/[^a-z0-9-]/gi, '-')}`;
