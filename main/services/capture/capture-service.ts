import { controlById, screenshotRequest } from '../../../shared/catalog';
import type { AwsIdentity } from '../../../shared/domain/aws';
import type { CaptureWindowInfo, ScreenshotRequestView } from '../../../shared/ipc/channels/capture';
import type { EvidenceItem } from '../../../shared/ipc/channels/evidence';
import { AppError } from '../../../shared/ipc/result';
import { assertAccountInScope } from '../aws/workspace-aws';
import { slug } from '../evidence/import';
import type { Logger } from '../logger';
import type { WorkspaceService } from '../workspace/workspace-service';
import type { CaptureAdapter, CaptureWindowSpec } from './capture-adapter';
import { composeBannerInWorker } from './compose-in-worker';
import { federatedLoginUrl, redactUrl, type SessionCredentials } from './federation';
import { awsNavigationPolicy, isRoleSwitchUrl, webNavigationPolicy } from './navigation-policy';
import { consoleUrl, DEFAULT_ENDPOINTS, partitionOf, type Partition, type PartitionEndpoints } from './partitions';

/** The two things capture needs from the AWS side; credentials stay in main memory. */
export interface ConsoleAccess {
  whoami(profile: string, region?: string): Promise<AwsIdentity>;
  credentials(profile: string): Promise<SessionCredentials>;
}

export interface CaptureServiceDeps {
  workspaces: WorkspaceService;
  /** Absent where there are no windows (the CLI). */
  adapter?: CaptureAdapter;
  aws: ConsoleAccess;
  logger: Logger;
  now: () => Date;
  onWindowsChanged: () => void;
  /**
   * Local stand-ins for the sign-in and console hosts (the sample company's console, and tests),
   * asked at each use because a sample's console runs only while its workspace is open.
   */
  endpoints?: () => Partial<Record<Partition, PartitionEndpoints>> | undefined;
  insecureWebOrigins?: string[];
}

interface OpenWindow extends CaptureWindowInfo {
  /** Web windows: the kind of tool, recorded with the capture. */
  tool?: string;
  /** The workspace the window was opened for: its captures go nowhere else. */
  workspaceRoot: string;
}

/** Width from the IHDR chunk, without decoding the image. */
const pngWidth = (png: Uint8Array) => Buffer.from(png.buffer, png.byteOffset, png.byteLength).readUInt32BE(16);

const stamp = (iso: string) => iso.slice(0, 19).replace('T', '-').replace(/:/g, '');

/**
 * Guided captures: signs the AWS console in from the workspace profile's temporary
 * credentials (federation), opens web tools in their own session, and turns a capture into
 * evidence with the provenance banner burned in above the page.
 */
export class CaptureService {
  private readonly windows = new Map<string, OpenWindow>();

  constructor(private readonly deps: CaptureServiceDeps) {
    deps.adapter?.onClosed((id) => {
      if (this.windows.delete(id)) deps.onWindowsChanged();
    });
  }

  private endpoints(partition: Partition): PartitionEndpoints {
    return this.deps.endpoints?.()?.[partition] ?? DEFAULT_ENDPOINTS[partition];
  }

  private adapter(): CaptureAdapter {
    if (!this.deps.adapter) {
      throw new AppError('CAPTURE_FAILED', 'Screenshots can only be captured in the desktop app.', {
        hint: 'Open the workspace in Audit Workbench to capture.',
      });
    }
    return this.deps.adapter;
  }

  requests(controlId: string): ScreenshotRequestView[] {
    const control = controlById(controlId);
    if (!control) throw new AppError('NOT_FOUND', `No control ${controlId} in the catalog.`);
    const region = this.deps.workspaces.current()?.meta.aws.region;
    const endpoints = this.endpoints(partitionOf(undefined, region));
    return control.evidence.flatMap((e) => {
      if (e.type !== 'screenshot') return [];
      const { controlIds } = screenshotRequest(e.id) ?? { controlIds: [controlId] };
      const where =
        e.where.kind === 'aws'
          ? {
              ...e.where,
              deepLink: consoleUrl(endpoints, e.where.path, region, e.where.regional),
              ...(e.where.regional && region ? { region } : {}),
            }
          : e.where;
      return [{ id: e.id, title: e.title, what: e.what, why: e.why, where, controlIds }];
    });
  }

  list(): CaptureWindowInfo[] {
    return [...this.windows.values()].map(({ tool: _tool, workspaceRoot: _root, ...info }) => info);
  }

  private request(requestId: string, kind: 'aws' | 'web') {
    const request = screenshotRequest(requestId);
    if (!request || request.where.kind !== kind) {
      throw new AppError(
        'INVALID_INPUT',
        `${requestId} is not a guided ${kind === 'aws' ? 'AWS console' : 'web tool'} screenshot.`,
      );
    }
    return request;
  }

  async openAws(requestId: string): Promise<CaptureWindowInfo> {
    const request = this.request(requestId, 'aws');
    const ws = this.deps.workspaces.require();
    ws.actor();
    const { profile, region } = ws.meta.aws;
    if (!profile) {
      throw new AppError(
        'SIGNIN_REFUSED',
        'This workspace has no AWS profile yet, so the console cannot be opened as it.',
        {
          hint: 'Choose the profile on the AWS screen, then try again.',
        },
      );
    }
    const identity = await this.deps.aws.whoami(profile, region);
    // Before any credentials or sign-in token: a console page from another account is not this audit's evidence.
    assertAccountInScope(ws.meta.aws, profile, identity.accountId, 'so its console is not opened for capture');
    const partition = partitionOf(identity.principalArn, identity.region);
    const endpoints = this.endpoints(partition);
    const where = request.where as Extract<typeof request.where, { kind: 'aws' }>;
    const destination = consoleUrl(endpoints, where.path, identity.region, where.regional);
    const url = await federatedLoginUrl({
      profile,
      endpoints,
      credentials: await this.deps.aws.credentials(profile),
      destination,
    });
    const { id } = await this.openWindow({
      kind: 'aws',
      url,
      title: `AWS console: ${request.title}`,
      policy: awsNavigationPolicy(endpoints),
      refuseRequest: isRoleSwitchUrl,
    });
    const info: OpenWindow = {
      workspaceRoot: ws.root,
      windowId: id,
      kind: 'aws',
      requestId,
      title: request.title,
      controlIds: request.controlIds,
      openedAt: this.deps.now().toISOString(),
      account: {
        accountId: identity.accountId,
        ...(identity.accountAlias ? { accountAlias: identity.accountAlias } : {}),
        principalArn: identity.principalArn,
        profile,
        region: identity.region,
      },
    };
    this.windows.set(id, info);
    this.deps.logger.info('capture: opened AWS console window', { requestId, profile, partition });
    this.deps.onWindowsChanged();
    return this.list().find((w) => w.windowId === id)!;
  }

  async openWeb(requestId: string, url: string): Promise<CaptureWindowInfo> {
    const request = this.request(requestId, 'web');
    const ws = this.deps.workspaces.require();
    ws.actor();
    const policy = webNavigationPolicy(this.deps.insecureWebOrigins);
    if (!policy(url))
      throw new AppError('INVALID_INPUT', `${redactUrl(url)} cannot be opened in a capture window.`, {
        hint: 'Capture windows open https pages only.',
      });
    const { id } = await this.openWindow({ kind: 'web', url, title: `Capture: ${request.title}`, policy });
    this.windows.set(id, {
      workspaceRoot: ws.root,
      windowId: id,
      kind: 'web',
      requestId,
      title: request.title,
      controlIds: request.controlIds,
      openedAt: this.deps.now().toISOString(),
      ...(request.where.kind === 'web' ? { tool: request.where.tool } : {}),
    });
    this.deps.onWindowsChanged();
    return this.list().find((w) => w.windowId === id)!;
  }

  /** A window that cannot load is closed by the adapter; the URL may carry a sign-in token, so only its host is named. */
  private async openWindow(spec: CaptureWindowSpec): Promise<{ id: string }> {
    try {
      return await this.adapter().open(spec);
    } catch (error) {
      if (error instanceof AppError) throw error;
      // Not chained: Electron's load errors quote the URL, which may carry the sign-in token.
      throw new AppError('CAPTURE_FAILED', `The capture window could not load ${new URL(spec.url).host}.`, {
        hint: 'Check your internet connection and try again.',
      });
    }
  }

  async close(windowId: string): Promise<void> {
    if (!this.windows.delete(windowId)) return;
    await this.adapter().close(windowId);
    this.deps.onWindowsChanged();
  }

  async capture(windowId: string): Promise<EvidenceItem> {
    const window = this.windows.get(windowId);
    if (!window)
      throw new AppError('NOT_FOUND', 'That capture window is closed.', {
        hint: 'Open it again from the control page.',
      });
    const ws = this.deps.workspaces.require();
    if (ws.root !== window.workspaceRoot) {
      throw new AppError('CONFLICT', 'This capture window was opened for another workspace.', {
        hint: 'Close it and open the page again from this workspace.',
      });
    }
    const actor = ws.actor();
    let page;
    try {
      page = await this.adapter().capture(windowId);
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError('CAPTURE_FAILED', 'The page could not be captured.', {
        hint: 'Wait until the page has finished loading, then press Capture again.',
      });
    }
    const capturedAt = this.deps.now().toISOString();
    const url = redactUrl(page.url);
    const account = window.account;
    const scale = pngWidth(page.png) / Math.max(1, page.windowSize.width);
    const cut = page.contentHeight
      ? `the page is ${page.contentHeight} px tall; only the top part fitted in one capture.`
      : undefined;
    const composed = await composeBannerInWorker(
      page.png,
      { url, capturedAt, capturedBy: actor, ...(account ? { aws: account } : {}), ...(cut ? { note: cut } : {}) },
      scale,
    );
    const record = await ws.evidence.addBytes(composed.png, {
      title: window.title,
      kind: 'screenshot',
      mediaType: 'image/png',
      fileName: `${slug(window.title)}-${stamp(capturedAt)}.png`,
      controlIds: window.controlIds,
      source: { type: window.kind === 'aws' ? 'console_capture' : 'web_capture', url, windowSize: page.windowSize },
      ...(account
        ? {
            aws: {
              accountId: account.accountId,
              ...(account.accountAlias ? { accountAlias: account.accountAlias } : {}),
              principalArn: account.principalArn,
              region: account.region,
              profile: account.profile,
            },
          }
        : {}),
      capturedAt,
      effectiveDate: capturedAt.slice(0, 10),
      capturedBy: actor,
      meta: {
        requestId: window.requestId,
        ...(window.tool ? { tool: window.tool } : {}),
        ...(page.contentHeight ? { pageContentHeight: page.contentHeight } : {}),
        banner: composed.lines,
        bannerHeight: composed.bannerHeight,
        imageSize: { width: composed.width, height: composed.height },
      },
    });
    for (const controlId of window.controlIds) {
      await ws.record({
        action: 'evidence.captured',
        target: `control:${controlId}`,
        summary: `Captured "${window.title}" from ${new URL(url).host} for ${controlId}`,
        details: { evidenceId: record.id, sha256: record.sha256, url },
      });
    }
    return { ...record, integrity: 'ok' };
  }
}
