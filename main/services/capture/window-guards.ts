import { AppError } from '../../../shared/ipc/result';
import type { CaptureWindowSpec } from './capture-adapter';
import type { NavigationPolicy } from './navigation-policy';

/**
 * The pure decisions of the Electron capture windows (main/adapters/capture-window.ts), kept
 * here so they can be tested without Electron.
 */

/** How long one DevTools-protocol step of a capture may take before the capture gives up. */
export const CAPTURE_STEP_TIMEOUT_MS = 15_000;

/**
 * `work`, or the error `onTimeout` returns if it has not settled within `ms`. `onTimeout` runs
 * once, at the deadline, and is where the caller cleans up (say, detaches the debugger); a
 * late result or rejection of `work` is then ignored.
 */
export function withTimeout<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      let error: Error;
      try {
        error = onTimeout();
      } catch (cleanupError) {
        error = cleanupError instanceof Error ? cleanupError : new Error(String(cleanupError));
      }
      reject(error);
    }, ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/** What the person sees when the capture window stopped answering. */
export function captureTimeoutError(seconds = CAPTURE_STEP_TIMEOUT_MS / 1000): AppError {
  return new AppError(
    'CAPTURE_FAILED',
    `The capture window did not answer within ${seconds} seconds, so nothing was captured.`,
    {
      hint: 'Bring the capture window to the front (not minimised or covered by another window), wait until the page has loaded, then press Capture again.',
    },
  );
}

/**
 * Whether the capture window's guard cancels a navigation or redirect. The service's policy
 * governs the main frame only (what the window shows and the banner names); sub-frames (the
 * console's own embedded frames, which redirect between AWS hosts) are left to the session's
 * request filter (`CaptureWindowSpec.refuseRequest`), which sees every request.
 */
export function refusesNavigation(details: { url: string; isMainFrame: boolean }, policy: NavigationPolicy): boolean {
  return details.isMainFrame && !policy(details.url);
}

/**
 * Why a window that has just loaded its first page cannot be handed to the person, or null
 * when it can: it was closed while loading, or the guard refused a main-frame navigation
 * during that load (a refused redirect aborts the load and leaves a blank window).
 */
export function openFailure(
  kind: CaptureWindowSpec['kind'],
  state: { destroyed: boolean; refusedDuringLoad: boolean },
): AppError | null {
  if (state.destroyed) {
    return new AppError('CAPTURE_FAILED', 'The capture window was closed before its page finished loading.', {
      hint: 'Open it again from the control page and leave it open until the page shows.',
    });
  }
  if (!state.refusedDuringLoad) return null;
  return kind === 'aws'
    ? new AppError(
        'SIGNIN_REFUSED',
        'The AWS sign-in was redirected to a page the app does not allow, so the console window was closed.',
        {
          hint: 'Try again. If it keeps happening, check that the profile signs in to the AWS console of its own partition (no role switch, no other sign-in page).',
        },
      )
    : new AppError(
        'CAPTURE_FAILED',
        'The page redirected to an address capture windows may not open (only https pages are allowed), so the window was closed.',
        {
          hint: 'Open the https address of the page itself, or sign in to the tool in the capture window and navigate from there.',
        },
      );
}
