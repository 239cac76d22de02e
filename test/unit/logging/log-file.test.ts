import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../../main/ipc/handlers';
import { createRouter } from '../../../main/ipc/router';
import { fileLogSink } from '../../../main/services/log-file';
import { createLogger } from '../../../main/services/logger';
import { createTestWorkspace, tempDir } from '../helpers/services';

const APP = { url: 'file:///app/out/renderer/index.html', isMainFrame: true };

describe('the log file', () => {
  it('records an unexpected failure that the window only sees as INTERNAL, and names the file in the hint', async () => {
    const logFile = join(tempDir('aw-logs-'), 'logs', 'main.log');
    const { services } = await createTestWorkspace();
    // A defect, not a user error: the router must not pass its details to the window.
    services.workspaces.current = () => {
      throw new TypeError("Cannot read properties of undefined (reading 'meta')");
    };
    const router = createRouter({
      handlers: createHandlers(services),
      isTrustedSender: () => true,
      logger: createLogger('main', fileLogSink(logFile, { echo: false })),
      logFile,
    });
    const answer = await router.invoke('workspace.current', undefined, APP);
    expect(answer).toEqual({
      ok: false,
      error: {
        code: 'INTERNAL',
        message: 'Something went wrong inside the workbench; nothing was changed.',
        hint: `Try again. If it keeps happening, the log file ${logFile} names the cause.`,
      },
    });
    const line = JSON.parse(readFileSync(logFile, 'utf8').trim());
    expect(line).toMatchObject({
      level: 'error',
      scope: 'main',
      message: 'ipc: unexpected failure',
      channel: 'workspace.current',
      error: "Cannot read properties of undefined (reading 'meta')",
    });
  });

  it('moves a full log aside instead of growing without bound, and never writes secret fields', () => {
    const logFile = join(tempDir('aw-logs-'), 'main.log');
    const logger = createLogger('main', fileLogSink(logFile, { maxBytes: 400, echo: false }));
    for (let i = 0; i < 10; i++) logger.info(`line ${i}`, { sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLETOKEN', n: i });
    expect(existsSync(`${logFile}.1`)).toBe(true);
    const current = readFileSync(logFile, 'utf8');
    expect(current.length).toBeLessThanOrEqual(400);
    expect(current).toContain('"message":"line 9"');
    expect(current + readFileSync(`${logFile}.1`, 'utf8')).not.toContain('EXAMPLETOKEN');
  });

  it('keeps working when the log cannot be written', () => {
    const blocker = join(tempDir('aw-logs-'), 'not-a-folder');
    writeFileSync(blocker, 'a file where the log folder should be');
    const logger = createLogger('main', fileLogSink(join(blocker, 'main.log'), { echo: false }));
    expect(() => logger.error('still fine')).not.toThrow();
  });
});
