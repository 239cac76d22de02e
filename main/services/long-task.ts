import type { EventPayload } from '../../shared/ipc/contract';
import type { ProgressTask } from '../../shared/ipc/events';
import { AppError } from '../../shared/ipc/result';

export type ProgressEvent = EventPayload<'progress'>;
/** What a piece of work says about itself; the task name is added by its `LongTask`. */
export type TaskProgress = Omit<ProgressEvent, 'task'>;
export type ReportProgress = (progress: TaskProgress) => void;

/** How often one run's progress reaches the window at most between whole percents, new steps and the end. */
export const PROGRESS_INTERVAL_MS = 150;

export interface LongTaskOptions {
  task: ProgressTask;
  emit(progress: ProgressEvent): void;
  /** Why the work stopped when cancelled: the error its caller gets (code CANCELLED). */
  cancelled: () => AppError;
  /** Set for work that runs once at a time: a second start is refused with this error. */
  busy?: () => AppError;
}

/**
 * One kind of long work (export, verify, a large import) with progress and cancel, the same way
 * for each: the work gets an AbortSignal and a progress reporter; progress goes out as `progress`
 * events named by the task (about a hundred a run, see `reporter`); `cancel()` aborts every run of the task and `stop()` also waits until each has
 * stopped (the workspace closes after).
 */
export class LongTask {
  private readonly running = new Map<AbortController, Promise<unknown>>();

  constructor(private readonly options: LongTaskOptions) {}

  get busy(): boolean {
    return this.running.size > 0;
  }

  run<T>(work: (signal: AbortSignal, progress: ReportProgress) => Promise<T>): Promise<T> {
    if (this.options.busy && this.running.size > 0) return Promise.reject(this.options.busy());
    const controller = new AbortController();
    const result = work(controller.signal, this.reporter());
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    this.running.set(controller, settled);
    void settled.then(() => this.running.delete(controller));
    return result;
  }

  cancel(): { cancelled: boolean } {
    if (this.running.size === 0) return { cancelled: false };
    for (const controller of this.running.keys()) controller.abort(this.options.cancelled());
    return { cancelled: true };
  }

  /** Cancels every run and waits until each has fully stopped (files removed, nothing more read). */
  async stop(): Promise<void> {
    const runs = [...this.running.values()];
    this.cancel();
    await Promise.all(runs);
  }

  /**
   * Throttled per run: an event goes out for a new step, each whole percent of the total, the end
   * (`done >= total`, so the last event says where it ended) and otherwise at most every
   * PROGRESS_INTERVAL_MS; so a run sends about a hundred events however large it is.
   */
  private reporter(): ReportProgress {
    let last = 0;
    let lastStep: string | undefined;
    let lastPercent = -1;
    let first = true;
    return (p) => {
      const now = Date.now();
      const percent = p.total > 0 ? Math.floor((100 * p.done) / p.total) : 0;
      const due =
        first ||
        p.step !== lastStep ||
        p.done >= p.total ||
        percent > lastPercent ||
        now - last >= PROGRESS_INTERVAL_MS;
      if (!due) return;
      first = false;
      last = now;
      lastStep = p.step;
      lastPercent = percent;
      this.options.emit({ task: this.options.task, ...p });
    };
  }
}
