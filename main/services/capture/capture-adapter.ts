import type { NavigationPolicy } from './navigation-policy';

/** The page as captured: the whole content height, not only what the window shows. */
export interface PageCapture {
  png: Uint8Array;
  /** The page's URL at the moment of capture. */
  url: string;
  /** The window's viewport, CSS pixels. */
  windowSize: { width: number; height: number };
  /** The page's full content height in CSS pixels, when the capture had to stop short of it. */
  contentHeight?: number;
}

export interface CaptureWindowSpec {
  /** `aws`: an in-memory session of its own; `web`: the shared persistent web-tools session (see `capturePartition`). */
  kind: 'aws' | 'web';
  url: string;
  title: string;
  /** Every top-level navigation and redirect is checked against it. */
  policy: NavigationPolicy;
  /** Requests of any kind (frames, forms, fetches) the window's session refuses outright; AWS windows only, whose session is their own. */
  refuseRequest?: (url: string) => boolean;
}

/**
 * The session partition of a capture window. Each AWS window gets its own in-memory one (no
 * `persist:` prefix), so signing a second window in as another profile cannot replace the
 * cookies of a window whose banner names the first; web-tool windows share one persistent
 * session so the person stays signed in to their tools.
 */
export function capturePartition(kind: CaptureWindowSpec['kind'], windowId: string): string {
  return kind === 'aws' ? `aws-console-capture-${windowId}` : 'persist:web-tools-capture';
}

/**
 * Capture windows as the host provides them: Electron BrowserWindows in the app
 * (main/adapters/capture-window.ts), Playwright pages in the UI tests.
 */
export interface CaptureAdapter {
  open(spec: CaptureWindowSpec): Promise<{ id: string }>;
  capture(id: string): Promise<PageCapture>;
  close(id: string): Promise<void>;
  /** Called when a window goes away on its own (the person closed it). */
  onClosed(listener: (id: string) => void): void;
}
