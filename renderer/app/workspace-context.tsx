import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import type { ControlState } from '../../shared/domain/control-state';
import type { WorkspaceSnapshot } from '../../shared/ipc/channels/workspace';
import type { AppErrorData } from '../../shared/ipc/result';
import { api } from '../api/client';

export interface WorkspaceContextValue {
  snapshot: WorkspaceSnapshot;
  states: Record<string, ControlState>;
  /** Increments on every change main reports, so views can reload what they show. */
  version: number;
  refresh(): Promise<void>;
}

const WorkspaceContext = createContext<WorkspaceContextValue | null>(null);

export function useWorkspace(): WorkspaceContextValue {
  const value = useContext(WorkspaceContext);
  if (!value) throw new Error('useWorkspace outside an open workspace');
  return value;
}

/** Loads the open workspace and reloads it whenever main says it changed. */
export function useWorkspaceLoader() {
  const [value, setValue] = useState<{ snapshot: WorkspaceSnapshot; states: Record<string, ControlState> } | null>(
    null,
  );
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<AppErrorData | null>(null);
  const [version, setVersion] = useState(0);

  const refresh = useCallback(async () => {
    const current = await api().workspace.current();
    if (!current.ok) {
      setError(current.error);
      setLoaded(true);
      return;
    }
    if (!current.value) {
      setValue(null);
      setLoaded(true);
      return;
    }
    const states = await api().controls.states();
    setValue({ snapshot: current.value, states: states.ok ? states.value : {} });
    setVersion((v) => v + 1);
    setLoaded(true);
  }, []);

  useEffect(() => {
    void refresh();
    return api().on('workspace.changed', () => void refresh());
  }, [refresh]);

  return { value, loaded, error, version, refresh };
}

export const WorkspaceProvider = WorkspaceContext.Provider;
