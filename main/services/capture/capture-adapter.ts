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
  /** `aws`: in-memory session; `web`: the persistent web-tools session. */
  kind: 'aws' | 'web';
  url: string;
  title: string;
  /** Every top-level navigation and redirect is checked against it. */
  policy: NavigationPolicy;
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
