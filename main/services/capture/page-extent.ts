/** How tall the viewport must be for the whole page to show, as measured inside the page. */
export interface PageExtent {
  height: number;
}

/**
 * Evaluated in the captured page (read-only). Many console pages scroll inside a container
 * sized to the window rather than the document, so a document-height capture would stop at
 * the fold: the viewport needs the document's height, or the window's height plus the hidden
 * part of the tallest window-sized scrolling area, whichever is larger.
 */
export const PAGE_EXTENT_SCRIPT = `(() => {
  const doc = document.documentElement;
  let hidden = 0;
  for (const el of document.querySelectorAll('body *')) {
    if (el.clientHeight < 100) continue;
    const overflow = getComputedStyle(el).overflowY;
    if (overflow !== 'auto' && overflow !== 'scroll') continue;
    hidden = Math.max(hidden, el.scrollHeight - el.clientHeight);
  }
  return { height: Math.ceil(Math.max(doc.scrollHeight, window.innerHeight + hidden)) };
})()`;
