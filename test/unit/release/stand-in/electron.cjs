// A recording stand-in for the 'electron' module, loaded only by boot-main.test.ts (never shipped, never imported by
// product code). It lets the built out/main/index.js boot in plain Node: what the app asks of Electron is recorded,
// then the scripted checks below run against the real handlers the app installed, and the record is written to
// AW_STANDIN_REPORT before the process exits.
const { EventEmitter } = require('node:events');
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');

const report = {
  paths: {},
  singleInstanceLockRequested: false,
  quitCalled: false,
  crashReporter: null,
  privilegedSchemes: [],
  handledSchemes: [],
  windows: [],
  ipcChannels: [],
  permissionRequestHandler: false,
  permissionCheckHandler: false,
  downloadListener: false,
  webContentsCreatedListeners: 0,
  menuInstalled: false,
  errorBoxes: [],
  checks: {},
  unexpected: [],
};
const root = process.env.AW_STANDIN_ROOT;
const secondInstance = process.env.AW_STANDIN_SECOND === '1';

const appEvents = new EventEmitter();
let resolveReady;
const ready = new Promise((resolve) => (resolveReady = resolve));
const paths = { userData: join(root, 'userData'), logs: join(root, 'logs'), temp: join(root, 'temp') };

const app = {
  isPackaged: false,
  getVersion: () => '0.0.0-boot',
  getName: () => 'Audit Workbench',
  getPath: (name) => paths[name] ?? join(root, name),
  setPath: (name, value) => {
    paths[name] = value;
    report.paths[name] = value;
  },
  getAppPath: () => process.cwd(),
  requestSingleInstanceLock: () => {
    report.singleInstanceLockRequested = true;
    return !secondInstance;
  },
  quit: () => {
    report.quitCalled = true;
    if (secondInstance) finish();
    else appEvents.emit('before-quit', { preventDefault() {} });
  },
  exit: (code) => {
    report.exitCode = code;
    finish();
  },
  whenReady: () => ready,
  on: (event, listener) => {
    if (event === 'web-contents-created') report.webContentsCreatedListeners++;
    appEvents.on(event, listener);
    return app;
  },
  once: (event, listener) => (appEvents.once(event, listener), app),
};

const handlers = new Map();
const ipcMain = {
  handle: (channel, handler) => {
    report.ipcChannels.push(channel);
    handlers.set(channel, handler);
  },
  on: () => ipcMain,
};

class FakeWebContents extends EventEmitter {
  constructor() {
    super();
    this.windowOpenHandler = null;
    this.sent = [];
  }
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler;
  }
  send(...args) {
    this.sent.push(args);
  }
}

let mainWindow = null;
const setMainWindow = (window) => (mainWindow = window);
class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.options = options;
    this.webContents = new FakeWebContents();
    this.focused = false;
    report.windows.push({ options, loaded: null });
    setMainWindow(this);
    appEvents.emit('web-contents-created', {}, this.webContents);
  }
  loadURL(url) {
    report.windows[report.windows.length - 1].loaded = url;
    setImmediate(() => this.emit('ready-to-show'));
    setTimeout(runChecks, 50);
    return Promise.resolve();
  }
  loadFile(file) {
    return this.loadURL(`file://${file}`);
  }
  show() {}
  focus() {
    this.focused = true;
  }
  isMinimized() {
    return false;
  }
  restore() {}
  isDestroyed() {
    return false;
  }
}

const session = {
  defaultSession: {
    setPermissionRequestHandler: (handler) => {
      report.permissionRequestHandler = true;
      session.permissionRequest = handler;
    },
    setPermissionCheckHandler: () => {
      report.permissionCheckHandler = true;
    },
    on: (event) => {
      if (event === 'will-download') report.downloadListener = true;
    },
  },
  fromPartition: () => session.defaultSession,
};

const protocolHandlers = new Map();
const electron = {
  app,
  ipcMain,
  BrowserWindow,
  session,
  protocol: {
    registerSchemesAsPrivileged: (schemes) => report.privilegedSchemes.push(...schemes),
    handle: (scheme, handler) => {
      report.handledSchemes.push(scheme);
      protocolHandlers.set(scheme, handler);
    },
  },
  crashReporter: { start: (options) => (report.crashReporter = options) },
  Menu: {
    buildFromTemplate: (template) => ({ template }),
    setApplicationMenu: (menu) => {
      report.menuInstalled = true;
      report.menuLabels = menu.template.map((item) => item.label ?? item.role);
    },
  },
  dialog: {
    showErrorBox: (title, content) => report.errorBoxes.push({ title, content }),
    showMessageBox: async () => ({ response: 0 }),
    showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
    showSaveDialog: async () => ({ canceled: true }),
  },
  shell: { openExternal: async () => {}, openPath: async () => '' },
  nativeTheme: { shouldUseDarkColors: false, on() {} },
};

async function invoke(url, channel, input) {
  const handler = handlers.get('aw:invoke');
  const frame = { url, parent: null };
  return handler({ senderFrame: frame }, channel, input);
}

let checksStarted = false;
async function runChecks() {
  if (checksStarted) return;
  checksStarted = true;
  try {
    const contents = mainWindow.webContents;
    const navigation = {
      prevented: false,
      preventDefault() {
        this.prevented = true;
      },
    };
    contents.emit('will-navigate', navigation, 'https://example.com/');
    report.checks.externalNavigationPrevented = navigation.prevented;
    const appNavigation = {
      prevented: false,
      preventDefault() {
        this.prevented = true;
      },
    };
    contents.emit('will-navigate', appNavigation, 'app://renderer/index.html#/controls');
    report.checks.appNavigationAllowed = !appNavigation.prevented;
    report.checks.newWindowDenied = contents.windowOpenHandler?.({ url: 'https://example.com/' })?.action === 'deny';
    const page = await protocolHandlers.get('app')?.(new Request('app://renderer/index.html'));
    report.checks.rendererServed = page?.status;
    report.checks.rendererCsp = page?.headers.get('content-security-policy');
    report.checks.untrustedSender = await invoke('file:///tmp/evil.html', 'app.about', undefined);
    report.checks.trustedAbout = await invoke('app://renderer/index.html', 'app.about', undefined);
    const workspace = process.env.AW_STANDIN_WORKSPACE;
    if (workspace) {
      mainWindow.focused = false;
      appEvents.emit('second-instance', {}, ['audit-workbench', '--workspace', workspace], root, {});
      await new Promise((resolve) => setTimeout(resolve, 1500));
      report.checks.focusedBySecondInstance = mainWindow.focused;
      report.checks.workspaceAfterHandOver = await invoke('app://renderer/index.html', 'workspace.current', undefined);
    }
  } catch (error) {
    report.checks.error = String(error && error.stack ? error.stack : error);
  }
  finish();
}

let finished = false;
function finish() {
  if (finished) return;
  finished = true;
  writeFileSync(process.env.AW_STANDIN_REPORT, JSON.stringify(report, null, 2));
  process.exit(0);
}

module.exports = new Proxy(electron, {
  get(target, property) {
    if (property in target) return target[property];
    if (property === '__esModule' || property === 'default' || typeof property === 'symbol') return undefined;
    report.unexpected.push(String(property));
    return undefined;
  },
});

setImmediate(() => resolveReady());
// A boot that never reaches its window must still end: the test reads what was recorded.
setTimeout(finish, 20_000).unref();
