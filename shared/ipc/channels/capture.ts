import { z } from 'zod';
import { method } from '../define';
import type { EvidenceItem } from './evidence';

/** A guided screenshot request as a control's page shows it, with the console link for the workspace's region. */
export interface ScreenshotRequestView {
  id: string;
  title: string;
  what: string;
  why: string;
  where:
    | { kind: 'aws'; service: string; path: string; regional: boolean; deepLink: string; region?: string }
    | { kind: 'web'; tool: string; hint: string };
  /** Every control a capture for this request proves. */
  controlIds: string[];
}

/** An open capture window, as the app's own window lists it (the capture window has no controls of ours). */
export interface CaptureWindowInfo {
  windowId: string;
  kind: 'aws' | 'web';
  requestId: string;
  title: string;
  controlIds: string[];
  openedAt: string;
  /** AWS windows: who the console is signed in as. */
  account?: { accountId: string; accountAlias?: string; principalArn: string; profile: string; region: string };
}

const RequestId = z.string().regex(/^shot\.[a-z0-9-]{2,80}$/, 'Not a screenshot request id');
const WindowId = z.string().min(1).max(80);

export const captureChannels = {
  requests: method(z.object({ controlId: z.string().max(80) })).returns<ScreenshotRequestView[]>(),
  /** Signs in to the AWS console with the workspace profile's temporary credentials and opens the request's page. */
  openAws: method(z.object({ requestId: RequestId })).returns<CaptureWindowInfo>(),
  /** Opens a web tool's page (https) in the persistent web capture session. */
  openWeb: method(
    z.object({
      requestId: RequestId,
      url: z.string().trim().url('Enter the address of the page, starting with https://').max(4096),
    }),
  ).returns<CaptureWindowInfo>(),
  windows: method(z.undefined()).returns<CaptureWindowInfo[]>(),
  /** Captures the whole page of a capture window, burns in the banner and stores it as evidence. */
  capture: method(z.object({ windowId: WindowId })).returns<EvidenceItem>(),
  close: method(z.object({ windowId: WindowId })).returns<null>(),
};
