import { constants } from 'node:fs';
import { copyFile, link, lstat, realpath, unlink } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { formatBytes } from '../../../shared/util/format-bytes';

/**
 * What a capture window does when its page asks to download a file or for a permission: the
 * person is asked, never the app on its own. The pure decisions and texts live here, with the
 * few file steps of saving a download (tested on real folders); the Electron glue
 * (main/adapters/capture-window.ts) only shows the dialogs and passes answers.
 * The app's own window is not concerned: main/security.ts keeps it deny-all.
 */

/** Electron's permission names (Session.setPermissionRequestHandler), as plain strings. */
export type PermissionName = string;

/**
 * Permissions a capture window never grants, whatever the person would answer, and why. A
 * capture window exists to show a page for a screenshot; none of these is needed for that, and
 * each gives a page power beyond its window or beyond the window's lifetime (the only span an
 * answer is remembered for).
 */
export const NEVER_GRANTED: ReadonlyMap<PermissionName, string> = new Map(
  Object.entries({
    openExternal:
      'opening other applications from links is decided by the app itself (main/security.ts, https addresses on its allow list), never on a page’s request',
    'display-capture': 'recording the screen would show the app’s window and other evidence to the page',
    'captured-surface-control': 'controlling a recorded screen or tab goes with screen recording, which is refused',
    hid: 'direct device access (security keys, card readers, firmware) escapes the browser’s protections and no capture needs it',
    serial: 'direct device access escapes the browser’s protections and no capture needs it',
    usb: 'direct device access escapes the browser’s protections and no capture needs it',
    bluetooth: 'direct device access escapes the browser’s protections and no capture needs it',
    nfc: 'direct device access escapes the browser’s protections and no capture needs it',
    'smart-card': 'direct access to smart cards escapes the browser’s protections and no capture needs it',
    midi: 'MIDI devices are of no use to a capture',
    midiSysex: 'MIDI system-exclusive messages can rewrite a device’s firmware',
    pointerLock: 'a page holding the mouse (hidden cursor) could keep the person from leaving it or reaching the app',
    keyboardLock:
      'a page holding the keyboard (Esc and shortcuts) could keep the person from leaving it or reaching the app',
    fullscreen:
      'a full-screen page hides the window’s frame and can pose as the app or the system, and it changes the window size the capture records',
    'automatic-fullscreen': 'a full-screen page hides the window’s frame and can pose as the app or the system',
    'window-management': 'placing windows on any screen would let a page cover the app’s window',
    fileSystem: 'writing files directly would go around the download question (and could reach the workspace)',
    'background-fetch': 'work after the window closes outlives the answer, which holds for the window’s lifetime only',
    'background-sync': 'work after the window closes outlives the answer, which holds for the window’s lifetime only',
    'periodic-background-sync':
      'work after the window closes outlives the answer, which holds for the window’s lifetime only',
    'payment-handler': 'installing a payment handler outlives the window and no capture needs it',
    'web-app-installation': 'installing a web app outlives the window and no capture needs it',
    'local-network-access':
      'a page reaching devices on the local network or services on this computer is a classic attack and no capture needs it',
    'local-network': 'a page reaching devices on the local network is a classic attack and no capture needs it',
    'loopback-network': 'a page reaching services on this computer is a classic attack and no capture needs it',
    unknown: 'a permission Electron cannot name cannot be put to the person in words',
  }),
);

/** What the question says a permission lets the page do; permissions not here (and not refused above) are denied without asking. */
const WORDS: Readonly<Record<PermissionName, string>> = {
  notifications: 'permission to show notifications',
  'clipboard-read': 'read access to your clipboard (whatever you last copied, in any application)',
  'deprecated-sync-clipboard-read': 'read access to your clipboard (whatever you last copied, in any application)',
  'clipboard-sanitized-write': 'permission to write to your clipboard',
  geolocation: 'your precise location',
  'geolocation-approximate': 'your approximate location',
  'idle-detection': 'permission to notice when you are away or your screen is locked',
  'local-fonts': 'the list of fonts installed on this computer',
  mediaKeySystem: 'permission to play protected (DRM) media',
  'persistent-storage': 'permission to keep its stored data from being cleared automatically',
  'screen-wake-lock': 'permission to keep the screen from turning off',
  sensors: 'access to motion and light sensors',
  'speaker-selection': 'permission to choose which speakers play sound',
  'storage-access': 'access to its cookies while embedded in another site',
  'top-level-storage-access': 'access to its cookies on other sites it works with',
};

type MediaType = 'audio' | 'video';

function mediaWords(types: readonly MediaType[]): string {
  const camera = types.includes('video');
  const microphone = types.includes('audio');
  if (camera && microphone) return 'use of your camera and microphone';
  return camera ? 'use of your camera' : 'use of your microphone';
}

/** The permission in words for the question, or null when it is never put to the person. */
export function permissionInWords(
  permission: PermissionName,
  mediaTypes: readonly MediaType[] = ['audio', 'video'],
): string | null {
  if (NEVER_GRANTED.has(permission)) return null;
  if (permission === 'media') return mediaWords(mediaTypes.length ? mediaTypes : ['audio', 'video']);
  return Object.hasOwn(WORDS, permission) ? (WORDS[permission] ?? null) : null;
}

/** A native question: message, detail, buttons; the default (and Esc) is always the refusal, the last button. */
export interface Question {
  message: string;
  detail: string;
  buttons: [yes: string, no: string];
  defaultId: 1;
  cancelId: 1;
}

/** Whether the person chose the first button (Allow, Save…) rather than the default refusal. */
export const saidYes = (response: number) => response === 0;

function question(message: string, detail: string, yes: string, no: string): Question {
  return { message, detail, buttons: [yes, no], defaultId: 1, cancelId: 1 };
}

/** Control and invisible formatting characters (bidi overrides that reverse an extension, zero-width joiners). */
const INVISIBLE = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;
const WINDOWS_FORBIDDEN = /[<>:"/\\|?*]/g;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
/** Below every common file system's limit of 255 bytes per name. */
const MAX_NAME_BYTES = 200;

const utf8Bytes = (text: string) => Buffer.byteLength(text, 'utf8');

function cutToBytes(text: string, max: number): string {
  let out = '';
  for (const char of text) {
    if (utf8Bytes(out + char) > max) break;
    out += char;
  }
  return out;
}

/**
 * A name the page suggested (Content-Disposition or URL), made safe to offer in the save
 * dialog on any system: its last path segment only, no control or invisible characters (a
 * right-to-left override can make `invoice‮fdp.exe` read as `invoiceexe.pdf`), none of
 * Windows' forbidden characters, no leading dot (hidden file, `..`), no trailing dot or space,
 * not a Windows device name, at most 200 bytes with the extension kept, never empty.
 */
export function safeDownloadName(suggested: string): string {
  const segments = suggested.split(/[/\\]/);
  let name = (segments[segments.length - 1] ?? '')
    .replace(/\s+/g, ' ')
    .replace(INVISIBLE, '')
    .replace(WINDOWS_FORBIDDEN, '_')
    .trim();
  name = name.replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  if (!name) return 'download';
  if (WINDOWS_RESERVED.test(name)) name = `_${name}`;
  if (utf8Bytes(name) > MAX_NAME_BYTES) {
    const dot = name.lastIndexOf('.');
    const extension = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
    name =
      cutToBytes(name.slice(0, name.length - extension.length), MAX_NAME_BYTES - utf8Bytes(extension)).trimEnd() +
      extension;
  }
  return name;
}

/** The origin of an https address, or null (capture windows only show https pages). */
function httpsOrigin(address: string | undefined): string | null {
  if (!address) return null;
  try {
    const url = new URL(address);
    // blob:https://host/… has the origin of the page that made it.
    return url.origin.startsWith('https://') ? url.origin : null;
  } catch {
    return null;
  }
}

/** Who the download question names: the origin that started it, else where the file comes from, else the window's page. */
export function downloadHost(initiatorOrigin: string, url: string, pageUrl: string): string {
  for (const candidate of [initiatorOrigin, url, pageUrl]) {
    const origin = httpsOrigin(candidate);
    if (origin) return new URL(origin).host;
  }
  return 'The page in this window';
}

export interface DownloadFacts {
  host: string;
  /** Already made safe with `safeDownloadName`. */
  fileName: string;
  /** 0 when the server did not say. */
  totalBytes: number;
}

export function downloadQuestion({ host, fileName, totalBytes }: DownloadFacts): Question {
  const size = totalBytes > 0 ? ` (${formatBytes(totalBytes)})` : '';
  return question(
    `${host} wants to download ${fileName}${size}. Save it?`,
    'It is saved only where you choose, never into the workspace: a downloaded file becomes evidence when you add it on the Evidence screen.',
    'Save…',
    'Cancel',
  );
}

/** What the person is told when a download they chose to save did not arrive where they chose. */
export function downloadNotSaved(fileName: string, reason: string): { message: string; detail: string } {
  return { message: `${fileName} was not saved.`, detail: `${reason} Try the download again from the page.` };
}

/** The save dialog's options: the suggested name in the person's Downloads folder. */
export function saveDialogFor(fileName: string, downloadsFolder: string) {
  return {
    title: `Save ${fileName}`,
    defaultPath: join(downloadsFolder, fileName),
    properties: ['createDirectory', 'showOverwriteConfirmation'] as Array<
      'createDirectory' | 'showOverwriteConfirmation'
    >,
  };
}

/** Whether `path` is `folder` or inside it, both real paths; case-insensitive where the file system usually is. */
export function isInsideFolder(
  path: string,
  folder: string,
  caseInsensitive = process.platform === 'darwin' || process.platform === 'win32',
): boolean {
  const fold = (p: string) => (caseInsensitive ? p.toLowerCase() : p);
  const rel = relative(fold(folder), fold(path));
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/**
 * Why a download may not be saved at `realTarget` (the chosen file in the real path of the
 * folder the person chose, symlinks resolved), or null: never inside the open workspace, whose files
 * (evidence/files/<sha256>, activity.jsonl, the JSON documents) only the app writes; evidence
 * enters it through the Evidence screen.
 */
export function downloadTargetRefusal(
  realTarget: string,
  realWorkspaceRoot: string | null,
  caseInsensitive?: boolean,
): string | null {
  if (realWorkspaceRoot === null || !isInsideFolder(realTarget, realWorkspaceRoot, caseInsensitive)) return null;
  return `Downloads are never saved inside the open workspace (${realWorkspaceRoot}): its files are written by the app only, and a downloaded file becomes evidence when you add it on the Evidence screen. Save it in another folder.`;
}

export type DownloadTarget = { path: string } | { refused: string };

/**
 * Where a download chosen in the save dialog really goes: the chosen folder with symlinks
 * resolved (a link into the workspace counts as the workspace), and the file name; refused
 * inside the open workspace. Checked when the person chooses, and again just before saving.
 */
export async function resolveDownloadTarget(chosen: string, workspaceRoot: string | null): Promise<DownloadTarget> {
  const absolute = resolve(chosen);
  const name = basename(absolute);
  if (!name) return { refused: `${absolute} is not a file name.` };
  let folder: string;
  try {
    folder = await realpath(dirname(absolute));
  } catch {
    return { refused: `The folder ${dirname(absolute)} cannot be found.` };
  }
  // The workspace folder as it really is; if it cannot be resolved, as it is named.
  const root = workspaceRoot === null ? null : await realpath(workspaceRoot).catch(() => resolve(workspaceRoot));
  const path = join(folder, name);
  const refused = downloadTargetRefusal(path, root);
  return refused ? { refused } : { path };
}

/**
 * Puts the finished download at `to` without ever writing through what is there: the save
 * dialog already confirmed replacing an existing file, so it is removed first (a symlink
 * itself, never what it points at; a hard link only loses this name), then the file is linked
 * or copied into place only if nothing is there (`link`, `COPYFILE_EXCL`).
 */
export async function placeDownload(from: string, to: string): Promise<void> {
  const existing = await lstat(to).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (existing?.isDirectory()) throw new Error(`${to} is a folder.`);
  if (existing) await unlink(to);
  const appeared = (error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      return new Error(`Something else was saved at ${to} meanwhile, and it was left as it is.`);
    return error;
  };
  try {
    await link(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw appeared(error);
    // Another disk (EXDEV), or a file system without hard links: a copy, never over an existing file.
    await copyFile(from, to, constants.COPYFILE_EXCL).catch((e: unknown) => {
      throw appeared(e);
    });
  }
}

export function permissionQuestion(origin: string, words: string): Question {
  return question(
    `${origin} asks for ${words}. Allow for this window?`,
    'The answer holds for this site until the capture window closes.',
    'Allow',
    'Deny',
  );
}

export interface PermissionRequestFacts {
  permission: PermissionName;
  isMainFrame: boolean;
  /** The last URL the requesting frame loaded. */
  requestingUrl: string | undefined;
  /** For `media`: camera (`video`) and/or microphone (`audio`). */
  mediaTypes?: readonly string[] | undefined;
}

export interface PermissionCheckFacts {
  permission: PermissionName;
  isMainFrame: boolean;
  requestingOrigin: string;
  mediaType?: string | undefined;
}

export type RequestDecision =
  | { action: 'allow' }
  | { action: 'deny'; why: string }
  | { action: 'ask'; origin: string; grants: string[]; question: Question };

const asMediaTypes = (types: readonly string[] | undefined): MediaType[] => {
  const known = (types ?? []).filter((t): t is MediaType => t === 'audio' || t === 'video');
  return known.length ? [...new Set(known)] : ['audio', 'video'];
};

/** What an answer is remembered under: camera and microphone separately, every other permission by its name. */
const grantsOf = (permission: PermissionName, mediaTypes: readonly MediaType[]) =>
  permission === 'media' ? mediaTypes.map((t) => `media:${t}`) : [permission];

/**
 * Questions to the person, one at a time: a page that fires many requests gets one dialog after
 * another, and beyond `limit` waiting ones the rest are refused without asking.
 */
export class OneQuestionAtATime {
  private tail: Promise<unknown> = Promise.resolve();
  private waiting = 0;
  constructor(private readonly limit = 3) {}

  ask<T>(question: () => Promise<T>, refused: T): Promise<T> {
    if (this.waiting >= this.limit) return Promise.resolve(refused);
    this.waiting++;
    const run = this.tail.then(question).then(
      (answer) => answer,
      () => refused,
    );
    const settled = run.finally(() => this.waiting--);
    this.tail = settled;
    return settled;
  }
}

/**
 * One capture window's requests: the permission answers the person gave, per site (origin) and
 * permission, for the window's lifetime, and its queue of questions. Closing the window refuses
 * whatever is still waiting.
 */
export class CaptureWindowRequests {
  private readonly answers = new Map<string, boolean>();
  private readonly questions = new OneQuestionAtATime();
  private closed = false;

  private key = (origin: string, grant: string) => `${origin} ${grant}`;

  /** The decision for a permission request, from what is known now. */
  decide(facts: PermissionRequestFacts): RequestDecision {
    if (this.closed) return { action: 'deny', why: 'the window is closed' };
    const why = NEVER_GRANTED.get(facts.permission);
    if (why) return { action: 'deny', why };
    if (!facts.isMainFrame) return { action: 'deny', why: 'only the page itself may ask, not a frame inside it' };
    const origin = httpsOrigin(facts.requestingUrl);
    if (!origin) return { action: 'deny', why: 'the page is not an https page' };
    const mediaTypes = asMediaTypes(facts.mediaTypes);
    const words = permissionInWords(facts.permission, mediaTypes);
    if (!words) return { action: 'deny', why: 'capture windows do not need it' };
    const grants = grantsOf(facts.permission, mediaTypes);
    const known = grants.map((g) => this.answers.get(this.key(origin, g)));
    if (known.some((a) => a === false)) return { action: 'deny', why: 'the person denied it for this window' };
    if (known.every((a) => a === true)) return { action: 'allow' };
    return { action: 'ask', origin, grants, question: permissionQuestion(origin, words) };
  }

  /**
   * Answers a permission request: from memory, or by asking the person (`ask` resolves with
   * whether they allowed it) once it is this request's turn, remembering the answer.
   */
  permissionRequest(facts: PermissionRequestFacts, ask: (question: Question) => Promise<boolean>): Promise<boolean> {
    const now = this.decide(facts);
    if (now.action !== 'ask') return Promise.resolve(now.action === 'allow');
    return this.questions.ask(async () => {
      // Decided again at its turn: an answer to an earlier question may already cover it.
      const decision = this.decide(facts);
      if (decision.action !== 'ask') return decision.action === 'allow';
      const allowed = await ask(decision.question);
      if (this.closed) return false;
      for (const grant of decision.grants) this.answers.set(this.key(decision.origin, grant), allowed);
      return allowed;
    }, false);
  }

  /** A permission check (no question): granted only when the person allowed it for this site in this window. */
  permissionCheck(facts: PermissionCheckFacts): boolean {
    if (this.closed || !facts.isMainFrame || NEVER_GRANTED.has(facts.permission)) return false;
    const origin = httpsOrigin(facts.requestingOrigin);
    if (!origin || !permissionInWords(facts.permission)) return false;
    const types = facts.permission === 'media' ? asMediaTypes(facts.mediaType ? [facts.mediaType] : undefined) : [];
    return grantsOf(facts.permission, types).every((g) => this.answers.get(this.key(origin, g)) === true);
  }

  /**
   * Asks about a download when it is its turn; `ask` resolves with where the person chose to
   * save it, or null. Refused (null) without asking once the window is closed or too many
   * questions wait.
   */
  download(ask: () => Promise<string | null>): Promise<string | null> {
    if (this.closed) return Promise.resolve(null);
    return this.questions.ask(async () => (this.closed ? null : ask()), null);
  }

  close(): void {
    this.closed = true;
    this.answers.clear();
  }
}
