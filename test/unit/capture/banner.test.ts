import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { bannerText, composeBanner, type BannerFields } from '../../../main/services/capture/banner';
import { composeBannerInWorker } from '../../../main/services/capture/compose-in-worker';

/** A page with a distinct colour in every pixel, so any shifted or covered pixel shows. */
function pagePng(width: number, height: number): { png: Buffer; data: Buffer } {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      png.data[i] = x % 256;
      png.data[i + 1] = y % 256;
      png.data[i + 2] = (x * 7 + y * 13) % 256;
      png.data[i + 3] = 255;
    }
  }
  return { png: PNG.sync.write(png), data: Buffer.from(png.data) };
}

const AWS_FIELDS: BannerFields = {
  url: 'https://console.aws.amazon.com/iam/home#/users',
  capturedAt: '2026-11-26T04:30:12.345Z',
  capturedBy: { name: 'Dana Founder', email: 'dana@acme.example' },
  aws: {
    accountId: '111122223333',
    accountAlias: 'example-prod',
    principalArn: 'arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_AuditRole_0123456789abcdef/jane@example.com',
  },
};

/** Rows of the banner that hold drawn text: pixels much lighter than the dark background. */
function textRows(png: PNG, rows: number): number[] {
  const out: number[] = [];
  for (let y = 0; y < rows; y++) {
    let lit = 0;
    for (let x = 0; x < png.width; x++) if (png.data[(y * png.width + x) * 4]! > 160) lit++;
    if (lit > 3) out.push(y);
  }
  return out;
}

describe('banner composition', () => {
  it('grows the PNG by the banner height and leaves every page pixel unchanged below it', () => {
    const page = pagePng(640, 900);
    const out = composeBanner(page.png, AWS_FIELDS);
    const decoded = PNG.sync.read(out.png);
    expect(decoded.width).toBe(640);
    expect(out.bannerHeight).toBeGreaterThan(60);
    expect(decoded.height).toBe(900 + out.bannerHeight);
    const below = decoded.data.subarray(640 * out.bannerHeight * 4);
    expect(Buffer.compare(below, page.data)).toBe(0);
  });

  it('writes every field into the banner text, and draws each line as visible text on a dark strip', () => {
    const out = composeBanner(pagePng(1400, 200).png, AWS_FIELDS);
    const text = out.lines.join('\n');
    for (const expected of [
      'https://console.aws.amazon.com/iam/home#/users',
      '2026-11-26 04:30:12 UTC',
      '111122223333',
      'example-prod',
      AWS_FIELDS.aws!.principalArn,
      'Dana Founder',
      'dana@acme.example',
    ]) {
      expect(text).toContain(expected);
    }
    const decoded = PNG.sync.read(out.png);
    const rows = textRows(decoded, out.bannerHeight);
    // Text occupies a band for every line, and the strip's first row is background.
    expect(rows.length).toBeGreaterThan(out.lines.length * 8);
    expect(rows[0]).toBeGreaterThan(0);
    expect(decoded.data[0]).toBeLessThan(40);
  });

  it('wraps a long URL onto more lines instead of cutting it off, and omits AWS fields for web tools', () => {
    const url = `https://github.com/acme/platform/settings/branches?${'x'.repeat(300)}`;
    const web = composeBanner(pagePng(500, 50).png, {
      url,
      capturedAt: AWS_FIELDS.capturedAt,
      capturedBy: AWS_FIELDS.capturedBy,
    });
    expect(web.lines.join('')).toContain(url);
    expect(web.lines.length).toBeGreaterThan(3);
    expect(web.lines.join('\n')).not.toMatch(/AWS account|Principal/);
    expect(bannerText({ url, capturedAt: AWS_FIELDS.capturedAt, capturedBy: AWS_FIELDS.capturedBy })).toHaveLength(2);
  });

  it("draws at the page's pixel ratio, so the text keeps its size on a HiDPI capture", () => {
    const one = composeBanner(pagePng(1400, 10).png, AWS_FIELDS, 1);
    const two = composeBanner(pagePng(2800, 10).png, AWS_FIELDS, 2);
    expect(two.lines).toEqual(one.lines);
    expect(two.bannerHeight).toBe(2 * one.bannerHeight);
    expect(textRows(PNG.sync.read(two.png), two.bannerHeight).length).toBeGreaterThan(
      1.6 * textRows(PNG.sync.read(one.png), one.bannerHeight).length,
    );
  });

  it('refuses something that is not a PNG', () => {
    expect(() => composeBanner(Buffer.from('not an image'), AWS_FIELDS)).toThrow();
  });
});

describe('banner composition in a worker thread', () => {
  it('gives the same PNG as composing in place, and the calling thread keeps running meanwhile', async () => {
    const page = pagePng(800, 1600);
    const order: string[] = [];
    const composing = composeBannerInWorker(page.png, AWS_FIELDS, 1).then((c) => {
      order.push('composed');
      return c;
    });
    setImmediate(() => order.push('event loop turned'));
    const inWorker = await composing;
    // Drawn on this thread, the banner would finish before the event loop turned once.
    expect(order).toEqual(['event loop turned', 'composed']);
    const inPlace = composeBanner(page.png, AWS_FIELDS, 1);
    expect(inWorker.bannerHeight).toBe(inPlace.bannerHeight);
    expect(inWorker.lines).toEqual(inPlace.lines);
    expect(Buffer.compare(inWorker.png, inPlace.png)).toBe(0);
  });

  it('rejects with the drawing error itself when the page is not a PNG', async () => {
    const notPng = Buffer.from('not a png');
    const inPlace = (() => {
      try {
        composeBanner(notPng, AWS_FIELDS, 1);
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(inPlace).toBeTruthy();
    await expect(composeBannerInWorker(notPng, AWS_FIELDS, 1)).rejects.toThrow(inPlace);
  });
});
