import { useEffect, useState } from 'react';
import type { EvidenceRequestsView } from '../../../shared/ipc/channels/evidence-requests';
import type { AppErrorData } from '../../../shared/ipc/result';
import { api } from '../../api/client';
import { useWorkspace } from '../../app/workspace-context';

/** The catalog's requests with their standing: one control's, or every control's in scope; reloaded on every change. */
export function useEvidenceRequests(controlId?: string) {
  const { version } = useWorkspace();
  const [view, setView] = useState<EvidenceRequestsView | null>(null);
  const [error, setError] = useState<AppErrorData | null>(null);
  useEffect(() => {
    void api()
      .evidenceRequests.list(controlId ? { controlId } : undefined)
      .then((r) => (r.ok ? (setView(r.value), setError(null)) : setError(r.error)));
  }, [controlId, version]);
  return { view, error };
}
