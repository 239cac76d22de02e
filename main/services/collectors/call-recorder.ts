import type { ApiCall } from '../../../shared/domain/evidence';
import type { Limit } from '../map-limit';

interface WithMetadata {
  $metadata?: { requestId?: string };
}

/** One raw API answer as stored in evidence: the response without SDK bookkeeping. */
export interface RawPage {
  operation: string;
  requestId?: string;
  at: string;
  input?: Record<string, unknown>;
  response?: unknown;
  /** An AWS error that is itself evidence (NoSuchEntity: no password policy). */
  error?: { code: string; message: string };
}

/** Fields AWS returns only when a device is created; never kept even if an endpoint sends them. */
const NEVER_STORED = new Set(['$metadata', 'Base32StringSeed', 'QRCodePNG']);

export function stripForEvidence(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripForEvidence);
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return `<${value.byteLength} bytes>`;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !NEVER_STORED.has(k))
        .map(([k, v]) => [k, stripForEvidence(v)]),
    );
  }
  return value;
}

/**
 * Records every AWS operation of a run with its request id and time, so each piece of
 * evidence can name the calls behind it and an auditor can find them in CloudTrail.
 */
export class CallRecorder {
  readonly calls: ApiCall[] = [];

  constructor(
    private readonly service: string,
    private readonly region: string,
    private readonly now: () => Date,
    private readonly limit: Limit,
  ) {}

  async call<T extends WithMetadata>(
    operation: string,
    send: () => Promise<T>,
    input?: Record<string, unknown>,
  ): Promise<{ output: T; page: RawPage; call: ApiCall }> {
    return this.limit(() => this.timed(operation, send, input));
  }

  private async timed<T extends WithMetadata>(
    operation: string,
    send: () => Promise<T>,
    input?: Record<string, unknown>,
  ): Promise<{ output: T; page: RawPage; call: ApiCall }> {
    const at = this.now().toISOString();
    try {
      const output = await send();
      const call = this.record(operation, at, output.$metadata?.requestId);
      return {
        output,
        call,
        page: {
          operation,
          at,
          ...(call.requestId ? { requestId: call.requestId } : {}),
          ...(input ? { input } : {}),
          response: stripForEvidence(output),
        },
      };
    } catch (error) {
      this.record(operation, at, (error as WithMetadata).$metadata?.requestId);
      throw error;
    }
  }

  private record(operation: string, at: string, requestId: string | undefined): ApiCall {
    const call: ApiCall = {
      service: this.service,
      operation,
      at,
      region: this.region,
      ...(requestId ? { requestId } : {}),
    };
    this.calls.push(call);
    return call;
  }
}
