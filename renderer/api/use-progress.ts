import { useEffect, useState } from 'react';
import type { EventPayload } from '../../shared/ipc/contract';
import type { ProgressTask } from '../../shared/ipc/events';
import { api } from './client';

export type ProgressEvent = EventPayload<'progress'>;

/** The latest `progress` event main pushed for one task ("export", "verify", "import"). */
export function useProgress(task: ProgressTask): [ProgressEvent | null, (p: ProgressEvent | null) => void] {
  const [progress, setProgress] = useState<ProgressEvent | null>(null);
  useEffect(() => api().on('progress', (p) => p.task === task && setProgress(p)), [task]);
  return [progress, setProgress];
}
