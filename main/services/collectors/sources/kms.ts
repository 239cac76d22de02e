import { DescribeKeyCommand, GetKeyRotationStatusCommand, ListKeysCommand } from '@aws-sdk/client-kms';
import type { KmsKey } from '../../../../shared/rules/kms';
import type { RawPage } from '../call-recorder';
import { tokenPages } from './pages';
import { readError } from './read-error';
import { jsonFile, type RegionalFetcher } from './types';

/**
 * ListKeys, DescribeKey for each, then GetKeyRotationStatus only for the keys that can rotate
 * (enabled, customer managed, symmetric, KMS key material). KMS has no batch read: one
 * DescribeKey per key is the API's shape.
 */
export const kmsKeys: RegionalFetcher<'kmsKeys'> = async ({ clients, region, signal, recorder }) => {
  const client = clients.kms(region);
  const list = await tokenPages(
    'kms:ListKeys',
    (marker) => {
      const input = { Limit: 1000, ...(marker ? { Marker: marker } : {}) };
      return recorder.call('ListKeys', () => client.send(new ListKeysCommand(input), { abortSignal: signal }), input);
    },
    (o) => (o.Truncated ? o.NextMarker : undefined),
  );
  const pages: RawPage[] = list.map((p) => p.page);
  const ids = list.flatMap((p) => (p.output.Keys ?? []).map((k) => k.KeyId ?? '')).filter(Boolean);
  const keys = await Promise.all(
    ids.map(async (KeyId): Promise<KmsKey | null> => {
      let d;
      try {
        d = await recorder.call(
          'DescribeKey',
          () => client.send(new DescribeKeyCommand({ KeyId }), { abortSignal: signal }),
          { KeyId },
        );
      } catch (e) {
        // A key policy can deny the reader: that key is reported unreadable, the others still count.
        return { KeyId, Arn: KeyId, rotation: { error: readError(e, 'kms:DescribeKey') } };
      }
      pages.push(d.page);
      const m = d.output.KeyMetadata;
      const rotatable =
        m?.KeyManager === 'CUSTOMER' &&
        (m.KeySpec ?? m.CustomerMasterKeySpec) === 'SYMMETRIC_DEFAULT' &&
        m.Origin === 'AWS_KMS' &&
        m.KeyState === 'Enabled';
      if (!m || !rotatable) return null;
      const rotation = await recorder
        .call(
          'GetKeyRotationStatus',
          () => client.send(new GetKeyRotationStatusCommand({ KeyId }), { abortSignal: signal }),
          { KeyId },
        )
        .then(({ output, page }) => {
          pages.push(page);
          return {
            KeyRotationEnabled: output.KeyRotationEnabled ?? false,
            ...(output.RotationPeriodInDays !== undefined ? { RotationPeriodInDays: output.RotationPeriodInDays } : {}),
            ...(output.NextRotationDate ? { NextRotationDate: output.NextRotationDate.toISOString() } : {}),
          };
        })
        .catch((e: unknown) => ({ error: readError(e, 'kms:GetKeyRotationStatus') }));
      return {
        KeyId,
        Arn: m.Arn ?? KeyId,
        ...(m.KeyState ? { KeyState: m.KeyState } : {}),
        ...(m.Description ? { Description: m.Description } : {}),
        rotation,
      };
    }),
  );
  const value = keys.filter((k): k is KmsKey => k !== null);
  return {
    value,
    files: [
      jsonFile('kms-keys.json', `KMS ListKeys, DescribeKey, GetKeyRotationStatus (${ids.length} keys)`, { pages }),
    ],
    calls: recorder.calls,
  };
};
