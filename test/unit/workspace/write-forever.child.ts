/** Writes evidence (or log lines) into a workspace until killed; prints a line after each. */
import { join } from 'node:path';
import { testServices } from '../helpers/services';
import { tinyPng } from '../evidence/files';

const [folder, what, userDataDir] = process.argv.slice(2) as [string, 'evidence' | 'log', string];
const { services } = testServices({ userDataDir });

async function main() {
  await services.workspaces.open(folder, { takeOverStaleLock: true });
  const ws = services.workspaces.require();
  for (let i = 0; i < 100_000; i++) {
    if (what === 'evidence') {
      await ws.evidence.addBytes(tinyPng(i % 200), {
        title: `Evidence ${i}`,
        kind: 'screenshot',
        mediaType: 'image/png',
        fileName: `e-${i}.png`,
        controlIds: ['iam-root-account'],
        source: { type: 'import', originalName: join('x', `e-${i}.png`) },
        effectiveDate: '2026-11-20',
        capturedBy: { name: 'Dana', email: 'dana@acme.example' },
      });
    } else {
      await ws.record({ action: 'test.line', summary: `Line ${i} `.repeat(200) });
    }
    process.stdout.write(`${i}\n`);
  }
}

void main();
