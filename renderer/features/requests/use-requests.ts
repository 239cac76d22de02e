import { useEffect, useState } from 'react';
import type { RequestsView } from '../../../shared/ipc/channels/requests';
import type { AppErrorData } from '../../../shared/ipc/result';
import { api } from '../../api/client';
import { useWorkspace } from '../../app/workspace-context';

/** The workspace's request list, reloaded whenever main reports a change. */
export function useRequests() {
  const { version } = useWorkspace();
  const [view, setView] = useState<RequestsView | null>(null);
  const [error, setError] = useState<AppErrorData | null>(null);
  useEffect(() => {
    void api()
      .requests.list()
      .then((r) => (r.ok ? (setView(r.value), setError(null)) : setError(r.error)));
  }, [version]);
  return { view, error };
}
