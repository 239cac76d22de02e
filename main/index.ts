import { app, dialog, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { events } from '../shared/ipc/events';
import { electronCaptureWindows } from './adapters/capture-window';
import { pickFolder } from './adapters/dialogs';
import { pickEvidenceFiles } from './adapters/pick-files';
import { pickBundleFile } from './adapters/bundle-dialogs';
import { pickAwsReportFile } from './adapters/report-dialog';
import { pickRequestListFile } from './adapters/request-list-dialog';
import { pickSigningKeyFile } from './adapters/signing-key-dialog';
import { createElectronPreferences } from './adapters/electron-preferences';
import { createHandlers } from './ipc/handlers';
import { registerIpc, sendEvent } from './ipc/register-electron';
import { createRouter } from './ipc/router';
import { isTrustedAppUrl } from './services/security/trusted-sender';
import { installSecurityGuards, openExternal } from './security';
import { createLogger } from './services/logger';
import { fileLogSink } from './services/log-file';
import { createServices } from './services/create-services';
import { createMainWindow } from './window';

// Tests point userData at a temp folder; this must happen before 'ready'.
if (process.env.AW_USER_DATA_DIR) app.setPath('userData', process.env.AW_USER_DATA_DIR);

const appOrigin = {
  appFileUrl: pathToFileURL(join(__dirname, '../renderer/index.html')).href,
  // An environment variable must not decide what a packaged app trusts.
  devServerUrl: app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL,
};
const isAppUrl = (url: string) => isTrustedAppUrl(url, appOrigin);

let mainWindow: BrowserWindow | null = null;

const isSecondInstance = !process.env.AW_ALLOW_MULTIPLE && !app.requestSingleInstanceLock();
if (isSecondInstance) app.quit();
else start();

function start() {
  installSecurityGuards(isAppUrl);

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  const logFile = join(app.getPath('logs'), 'main.log');
  const logger = createLogger('main', fileLogSink(logFile));
  const launch = () => {
    const services = createServices({
      appVersion: app.getVersion(),
      logger,
      adapters: {
        preferences: createElectronPreferences(),
        pickFolder: (purpose) => pickFolder(mainWindow, purpose),
        pickFiles: () => pickEvidenceFiles(mainWindow),
        pickFile: (purpose, defaultPath) => pickBundleFile(mainWindow, purpose, defaultPath),
        pickReportFile: () => pickAwsReportFile(mainWindow),
        pickRequestList: () => pickRequestListFile(mainWindow),
        pickSigningKey: () => pickSigningKeyFile(mainWindow),
        // Downloads from capture windows are refused inside the open workspace.
        capture: electronCaptureWindows(
          () => mainWindow,
          (): string | null => services.workspaces.current()?.root ?? null,
        ),
        openExternal,
        emit: (event, payload) => sendEvent(mainWindow, event, events[event].parse(payload)),
      },
    });
    const router = createRouter({
      handlers: createHandlers(services),
      isTrustedSender: (sender) => sender.isMainFrame && isAppUrl(sender.url),
      logger,
      logFile,
    });
    registerIpc(router);
    mainWindow = createMainWindow();
    // Release the workspace lock before exiting: quitting waits for the close once.
    let closed = false;
    app.on('before-quit', (event) => {
      if (closed) return;
      event.preventDefault();
      void services.workspaces
        .close()
        .catch((error) => logger.error('workspace: close on quit failed', { error: String(error) }))
        .finally(() => {
          closed = true;
          app.quit();
        });
    });
  };

  // A failure while starting would leave a process with no window: say why and exit.
  app
    .whenReady()
    .then(launch)
    .catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      logger.error('startup failed', { error: error instanceof Error ? (error.stack ?? message) : message });
      dialog.showErrorBox('Audit Workbench could not start', message);
      app.exit(1);
    });

  app.on('window-all-closed', () => app.quit());
}
