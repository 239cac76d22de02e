import { Alert, Button, Code, Group, Radio, Select, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { AgentKeys, SigningKeyChoice, SshPublicKey } from '../../shared/domain/signing';
import { api } from '../api/client';
import { useAction } from '../api/use-action';
import { ErrorNotice } from './ErrorNotice';

type Source = 'none' | 'agent' | 'file';

const keyLabel = (k: SshPublicKey) => `${k.type} ${k.fingerprint}${k.comment ? ` (${k.comment})` : ''}`;

/**
 * Choosing the SSH key something is signed with (a bundle on the Export screen, a review's
 * sign-off): not at all, a key ssh-agent holds, or a key file ssh-keygen reads. Only public keys
 * reach the screen; `onChange` gets the choice to sign with, or null. `idPrefix` names the test
 * ids (`export-sign` gives `export-signing`, `export-sign-agent`, …).
 */
export function SshKeyField({
  label,
  description,
  noneLabel = 'Not signed',
  idPrefix,
  onChange,
}: {
  label: string;
  description: string;
  noneLabel?: string;
  idPrefix: string;
  onChange(choice: SigningKeyChoice | null): void;
}) {
  const [source, setSource] = useState<Source>('none');
  const [agent, setAgent] = useState<AgentKeys | null>(null);
  const [agentKey, setAgentKey] = useState<string | null>(null);
  const [file, setFile] = useState<{ path: string; key: SshPublicKey } | null>(null);
  const listAgent = useAction(api().signing.agentKeys);
  const pickFile = useAction(api().signing.pickKeyFile);
  const loadAgent = listAgent.run;

  useEffect(() => {
    if (source !== 'agent') return;
    void loadAgent(undefined).then((value) => {
      if (!value) return;
      setAgent(value);
      setAgentKey((current) => current ?? value.keys[0]?.line ?? null);
    });
  }, [source, loadAgent]);

  useEffect(() => {
    if (source === 'agent' && agentKey) onChange({ source: 'agent', publicKey: agentKey });
    else if (source === 'file' && file) onChange({ source: 'file', path: file.path });
    else onChange(null);
  }, [source, agentKey, file, onChange]);

  const choose = async () => {
    const picked = await pickFile.run(undefined);
    if (picked) setFile(picked);
  };

  return (
    <Stack gap="xs" data-testid={`${idPrefix}ing`}>
      <Radio.Group label={label} description={description} value={source} onChange={(v) => setSource(v as Source)}>
        <Group mt={4}>
          <Radio value="none" label={noneLabel} data-testid={`${idPrefix}-none`} />
          <Radio value="agent" label="ssh-agent key" data-testid={`${idPrefix}-agent`} />
          <Radio value="file" label="Key file" data-testid={`${idPrefix}-file`} />
        </Group>
      </Radio.Group>
      {source === 'agent' && (
        <Group align="flex-end">
          <Select
            label="Key"
            style={{ flex: 1, minWidth: 240 }}
            placeholder={listAgent.busy ? 'Asking ssh-agent…' : 'No key'}
            data={(agent?.keys ?? []).map((k) => ({ value: k.line, label: keyLabel(k) }))}
            value={agentKey}
            onChange={setAgentKey}
            allowDeselect={false}
            data-testid={`${idPrefix}-agent-key`}
          />
          <Button variant="default" size="xs" onClick={() => void loadAgent(undefined).then((v) => v && setAgent(v))}>
            Look again
          </Button>
        </Group>
      )}
      {source === 'agent' && agent?.problem && (
        <Alert color="orange" data-testid={`${idPrefix}-agent-problem`}>
          {agent.problem}
        </Alert>
      )}
      <ErrorNotice error={listAgent.error} />
      {source === 'file' && (
        <Group>
          <Button variant="default" size="xs" onClick={() => void choose()} data-testid={`${idPrefix}-choose-file`}>
            Choose key file…
          </Button>
          {file && (
            <Text size="sm" data-testid={`${idPrefix}-file-key`}>
              <Code>{file.path}</Code> {keyLabel(file.key)}
            </Text>
          )}
        </Group>
      )}
      {source === 'file' && <ErrorNotice error={pickFile.error} title="This key cannot sign" />}
    </Stack>
  );
}
