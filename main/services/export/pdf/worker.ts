/**
 * Lays out index.pdf in its own short-lived process. pdfmake builds the whole document in
 * memory (roughly 60 KB per evidence row) and blocks its thread for seconds on large
 * workspaces; here that memory is returned to the system when the process exits, and the
 * app's main process stays responsive (progress, cancel) meanwhile.
 */
import type { BundleContent } from '../content';
import { renderPdf } from './render';

process.once('message', (content: BundleContent) => {
  renderPdf(content).then(
    (pdf) => process.send!({ pdf }, () => process.exit(0)),
    (error: Error) => process.send!({ error: error.message }, () => process.exit(1)),
  );
});
