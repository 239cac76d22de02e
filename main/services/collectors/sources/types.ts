import type { RegionalKey } from '../../../../shared/checks/sources';
import type { SourceKey, SourceValues } from '../../../../shared/checks/types';
import type { InRegion } from '../../../../shared/rules/regional';
import type { ApiCall } from '../../../../shared/domain/evidence';
import type { RunClients } from '../../aws/run-clients';
import type { CallRecorder } from '../call-recorder';

/** A raw file the source stores as evidence, exactly as collected. */
export interface RawFile {
  fileName: string;
  title: string;
  mediaType: string;
  content: string | Uint8Array;
  meta?: Record<string, unknown>;
}

export interface SourceResult<K extends SourceKey> {
  value: SourceValues[K];
  files: RawFile[];
  calls: ApiCall[];
}

export interface PollOptions {
  /** Waits between GenerateCredentialReport polls (and LimitExceeded retries); the last repeats. */
  delaysMs: number[];
  /** How long to keep polling before giving up. */
  maxWaitMs: number;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
}

export interface SourceContext {
  accountId: string;
  /** The account's clients for this run. */
  clients: RunClients;
  /** Where the source is read: the region itself, or the account's home region for account-wide sources. */
  region: string;
  signal: AbortSignal;
  recorder: CallRecorder;
  poll: PollOptions;
  /** Sources this one builds on in the same account and region (AWS-managed documents need the authorization details). */
  dependency: <K extends SourceKey>(key: K) => Promise<SourceResult<K>>;
}

export type Fetcher<K extends SourceKey> = (ctx: SourceContext) => Promise<SourceResult<K>>;

/** What a regional source reads in one region; the engine gathers the regions into `InRegion` entries. */
export type RegionalValue<K extends RegionalKey> = SourceValues[K] extends InRegion<infer T>[] ? T : never;

export interface RegionalResult<K extends RegionalKey> {
  value: RegionalValue<K>;
  files: RawFile[];
  calls: ApiCall[];
}

export type RegionalFetcher<K extends RegionalKey> = (ctx: SourceContext) => Promise<RegionalResult<K>>;

export const jsonFile = (fileName: string, title: string, body: unknown): RawFile => ({
  fileName,
  title,
  mediaType: 'application/json',
  content: `${JSON.stringify(body, null, 2)}\n`,
});
