import { api } from '../../api/client';
import { useAction } from '../../api/use-action';

/** Help → Export diagnostics, from the menu or Settings: the ZIP's path once written, or the error. */
export function useDiagnosticsExport() {
  return useAction(api().app.exportDiagnostics);
}
