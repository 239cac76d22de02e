import { useEffect, useState } from 'react';
import type { EventPayload } from '../../../shared/ipc/contract';
import { api } from '../../api/client';

export type ProgressEvent = EventPayload<'progress'>;

/** The latest `progress` event main pushed for one task ("export", "verify"). */
export function useProgress(task: string): [ProgressEvent | null, (p: ProgressEvent | null) => void] {
  const [progress, setProgress] = useState<ProgressEvent | null>(null);
  useEffect(() => api().on('progress', (p) => p.task === task && setProgress(p)), [task]);
  return [progress, setProgress];
}
