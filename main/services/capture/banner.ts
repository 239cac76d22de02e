import { dirname, join } from 'node:path';
import { PNG } from 'pngjs';
import * as PImage from 'pureimage';

/** What the banner burns into a screenshot; the sidecar record holds the same values. */
export interface BannerFields {
  url: string;
  /** UTC instant, ISO 8601. */
  capturedAt: string;
  capturedBy: { name: string; email: string };
  /** Absent for web-tool captures. */
  aws?: { accountId: string; accountAlias?: string; principalArn: string };
  /** Said in the banner too, e.g. that a very long page was cut. */
  note?: string;
}

export interface ComposedCapture {
  png: Buffer;
  width: number;
  height: number;
  bannerHeight: number;
  /** The text lines exactly as drawn, for the record. */
  lines: string[];
}

const FONT_SIZE = 15;
const LINE_HEIGHT = 22;
const PADDING = 10;
const RULE = 3;
const BACKGROUND = '#0b1f33';
const TEXT = '#ffffff';
const RULE_COLOR = '#f59f00';
const FAMILY = 'AuditWorkbenchBanner';

// Roboto ships with pdfmake (a dependency already), so the banner and the PDF share one font.
// `require.resolve` works in every host here: Electron's CommonJS main, tsx, Playwright and Vitest.
const fontPath = () =>
  join(dirname(require.resolve('pdfmake/package.json')), 'build', 'fonts', 'Roboto', 'Roboto-Regular.ttf');

let fontLoaded = false;
function ensureFont(): void {
  if (fontLoaded) return;
  PImage.registerFont(fontPath(), FAMILY).loadSync();
  fontLoaded = true;
}

export const formatUtc = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;

/** The banner's text, one entry per logical line, before wrapping. */
export function bannerText(fields: BannerFields): string[] {
  const lines = [
    `Captured ${formatUtc(fields.capturedAt)} by ${fields.capturedBy.name} <${fields.capturedBy.email}>`,
    `Page: ${fields.url}`,
  ];
  if (fields.aws) {
    const alias = fields.aws.accountAlias ? ` (${fields.aws.accountAlias})` : '';
    lines.push(`AWS account: ${fields.aws.accountId}${alias}`, `Principal: ${fields.aws.principalArn}`);
  }
  if (fields.note) lines.push(`Note: ${fields.note}`);
  return lines;
}

/** Splits a line so each piece fits `maxWidth`; long URLs break anywhere, never get cut off. */
function wrap(line: string, maxWidth: number, measure: (s: string) => number): string[] {
  const out: string[] = [];
  let rest = line;
  while (rest.length > 0 && measure(rest) > maxWidth) {
    let lo = 1;
    let hi = rest.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (measure(rest.slice(0, mid)) <= maxWidth) lo = mid;
      else hi = mid - 1;
    }
    out.push(rest.slice(0, lo));
    rest = rest.slice(lo);
  }
  out.push(rest);
  return out;
}

/**
 * Adds a provenance banner ABOVE a page screenshot: the result is the banner rows followed by
 * the page's own rows, byte for byte, so the banner never covers what the page showed.
 * `scale` is the page's device pixel ratio (2 on a HiDPI screen), so the text reads the same
 * size as the page's. The same function runs in the app and in the tests.
 */
export function composeBanner(pagePng: Uint8Array, fields: BannerFields, scale = 1): ComposedCapture {
  ensureFont();
  const page = PNG.sync.read(Buffer.from(pagePng));
  const width = page.width;
  const k = Math.min(4, Math.max(1, Math.round(scale)));
  const [fontSize, lineHeight, padding, rule] = [FONT_SIZE * k, LINE_HEIGHT * k, PADDING * k, RULE * k];
  const probe = PImage.make(1, 1).getContext('2d');
  probe.font = `${fontSize}px ${FAMILY}`;
  const measure = (s: string) => probe.measureText(s).width;
  const lines = bannerText(fields).flatMap((l) => wrap(l, Math.max(40, width - 2 * padding), measure));
  const bannerHeight = padding * 2 + lines.length * lineHeight + rule;

  const banner = PImage.make(width, bannerHeight);
  const ctx = banner.getContext('2d');
  ctx.fillStyle = BACKGROUND;
  ctx.fillRect(0, 0, width, bannerHeight);
  ctx.fillStyle = RULE_COLOR;
  ctx.fillRect(0, bannerHeight - rule, width, rule);
  ctx.fillStyle = TEXT;
  ctx.font = `${fontSize}px ${FAMILY}`;
  lines.forEach((line, i) => ctx.fillText(line, padding, padding + (i + 1) * lineHeight - 6 * k));

  const out = new PNG({ width, height: bannerHeight + page.height });
  const bannerBytes = Buffer.from(banner.data.buffer, banner.data.byteOffset, width * bannerHeight * 4);
  bannerBytes.copy(out.data, 0);
  page.data.copy(out.data, width * bannerHeight * 4);
  // Screenshots are opaque: RGB with the Paeth filter writes several times faster than
  // pngjs's adaptive default, at about the same size.
  return {
    png: PNG.sync.write(out, { colorType: 2, filterType: 4, deflateLevel: 6 }),
    width,
    height: out.height,
    bannerHeight,
    lines,
  };
}
