import type { z } from 'zod';
import { contract, type Contract } from '../../shared/ipc/contract';
import type { OutputOf, ParsedInputOf } from '../../shared/ipc/define';
import { AppError, fail, ok, type Result } from '../../shared/ipc/result';
import type { Logger } from '../services/logger';
import { describeZodError } from '../../shared/ipc/describe-zod-error';
import { safeErrorData } from '../services/security/safe-text';

/** Who is calling: Electron fills it from the IPC event, the UI test bridge from the page. */
export interface Sender {
  url: string;
  isMainFrame: boolean;
}

export type Handler<M> = (input: ParsedInputOf<M>) => Promise<OutputOf<M>> | OutputOf<M>;
export type DomainHandlers<D extends keyof Contract> = { [M in keyof Contract[D]]: Handler<Contract[D][M]> };
export type Handlers = { [D in keyof Contract]: DomainHandlers<D> };

export interface Router {
  invoke(channel: string, input: unknown, sender: Sender): Promise<Result<unknown>>;
}

export interface RouterOptions {
  handlers: Handlers;
  isTrustedSender: (sender: Sender) => boolean;
  logger: Logger;
  /** Where the logger writes, named in the hint of unexpected failures. */
  logFile?: string;
}

/**
 * Channel -> schema -> handler. Validates every input, checks the sender, and never lets an
 * exception cross IPC: thrown `AppError`s become `Result` failures with their stable code.
 */
export function createRouter({ handlers, isTrustedSender, logger, logFile }: RouterOptions): Router {
  const table = new Map<string, { schema: z.ZodType; handler: (input: unknown) => unknown }>();
  for (const [domain, methods] of Object.entries(contract)) {
    for (const [name, spec] of Object.entries(methods as Record<string, { input: z.ZodType }>)) {
      const handler = (handlers as unknown as Record<string, Record<string, (input: unknown) => unknown>>)[domain]?.[
        name
      ];
      if (!handler) throw new Error(`No handler for IPC channel ${domain}.${name}`);
      table.set(`${domain}.${name}`, { schema: spec.input, handler });
    }
  }

  return {
    async invoke(channel, input, sender) {
      if (!isTrustedSender(sender)) {
        logger.warn('ipc: refused call from untrusted sender', { channel, url: sender.url });
        return fail({ code: 'FORBIDDEN_SENDER', message: 'This window is not allowed to use the workbench API.' });
      }
      const entry = typeof channel === 'string' ? table.get(channel) : undefined;
      if (!entry) {
        return fail({ code: 'UNKNOWN_CHANNEL', message: `Unknown request "${String(channel).slice(0, 80)}".` });
      }
      const parsed = entry.schema.safeParse(input);
      if (!parsed.success) {
        return fail({
          code: 'INVALID_INPUT',
          message: `The request was not valid: ${describeZodError(parsed.error)}`,
          hint: 'Check the highlighted fields and try again.',
        });
      }
      try {
        return ok(await entry.handler(parsed.data));
      } catch (error) {
        if (error instanceof AppError) return fail(safeErrorData(error.toData()));
        logger.error('ipc: unexpected failure', {
          channel,
          error: error instanceof Error ? error.message : String(error),
        });
        return fail({
          code: 'INTERNAL',
          message: 'Something went wrong inside the workbench; nothing was changed.',
          hint: logFile
            ? `Try again. If it keeps happening, the log file ${logFile} names the cause.`
            : 'Try again. If it keeps happening, the log names the cause.',
        });
      }
    },
  };
}
