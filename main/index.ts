import { app, crashReporter, dialog, shell, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import { events } from '../shared/ipc/events';
import { installAppMenu } from './adapters/app-menu';
import { registerAppScheme, serveRenderer } from './adapters/app-protocol';
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
import { developmentSwitches, workspaceFromArgv } from './services/launch/launch-options';
import { isTrustedAppUrl } from './services/security/trusted-sender';
import { installSecurityGuards, openExternal } from './security';
import { createLogger } from './services/logger';
import { fileLogSink } from './services/log-file';
import { createServices } from './services/create-services';
import { createMainWindow } from './window';

const switches = developmentSwitches(process.env, app.isPackaged);
// Tests point userData at a temp folder; this must happen before 'ready'.
if (switches.userDataDir) app.setPath('userData', switches.userDataDir);

// Crash dumps stay on this machine, beside the logs: nothing is ever uploaded.
app.setPath('crashDumps', join(app.getPath('logs'), 'crashes'));
crashReporter.start({ uploadToServer: false });

registerAppScheme();
const isAppUrl = (url: string) => isTrustedAppUrl(url, { devServerUrl: switches.rendererDevUrl });

let mainWindow: BrowserWindow | null = null;

const isSecondInstance = !switches.allowMultiple && !app.requestSingleInstanceLock();
if (isSecondInstance) app.quit();
else start();

function start() {
  installSecurityGuards(isAppUrl);

  const logDir = app.getPath('logs');
  const logFile = join(logDir, 'main.log');
  const logger = createLogger('main', fileLogSink(logFile));
  const launch = () => {
    serveRenderer(join(__dirname, '../renderer'));
    const services = createServices({
      appVersion: app.getVersion(),
      logger,
      logDir,
      about: { versions: process.versions, licensesFile: join(__dirname, '../licenses.json') },
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
    installAppMenu(app.getName(), app.isPackaged, (command) => {
      if (command === 'open-logs') void shell.openPath(logDir);
      else if (command === 'open-docs') {
        const docs = app.isPackaged ? join(process.resourcesPath, 'docs') : join(__dirname, '../../docs');
        void shell.openPath(join(docs, 'user-guide.md'));
      } else sendEvent(mainWindow, 'app.command', { command });
    });
    mainWindow = createMainWindow(switches.rendererDevUrl);

    // `--workspace DIR`, on this launch or handed over by a second one, opens that folder here.
    const openFromArgv = (argv: readonly string[], workingDirectory: string) => {
      const folder = workspaceFromArgv(argv, workingDirectory);
      if (!folder) return;
      void services.workspaces.open(folder).catch((error: unknown) => {
        logger.error('workspace: open from the command line failed', { folder, error: String(error) });
        dialog.showErrorBox('The workspace could not be opened', `${folder}\n\n${(error as Error).message}`);
      });
    };
    openFromArgv(process.argv, process.cwd());
    app.on('second-instance', (_event, argv, workingDirectory) => {
      if (!mainWindow) return;
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
      openFromArgv(argv, workingDirectory);
    });

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
