import { describe, expect, it } from 'vitest';
import { leakedSecrets } from '../../fixtures/secret-scan';

describe('the secret scan the leak tests share', () => {
  it('names each secret found and where', () => {
    expect(
      leakedSecrets(
        ['wJalrXUtnFEMI', 'aoaEXAMPLE'],
        [
          ['ipc', 'token=aoaEXAMPLE'],
          ['disk', 'nothing'],
        ],
      ),
    ).toEqual(['aoaEXA… in ipc']);
  });

  it('refuses to scan for nothing, which would pass whatever leaked', () => {
    expect(() => leakedSecrets([], [['ipc', 'wJalrXUtnFEMI']])).toThrow('no secrets to look for');
    expect(() => leakedSecrets([''], [['ipc', 'wJalrXUtnFEMI']])).toThrow('no secrets to look for');
    expect(() => leakedSecrets(['wJalrXUtnFEMI'], [])).toThrow('nowhere to look');
  });
});
