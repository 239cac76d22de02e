import { Alert, Button, Code, Group, Radio, Select, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { AgentKeys, SigningKeyChoice, SshPublicKey } from '../../../shared/domain/signing';
import { api } from '../../api/client';
import { useAction } from '../../api/use-action';
import { ErrorNotice } from '../../components/ErrorNotice';

type Source = 'none' | 'agent' | 'file';

const keyLabel = (k: SshPublicKey) => `${k.type} ${k.fingerprint}${k.comment ? ` (${k.comment})` : ''}`;

/**
 * Sign the bundle: not at all, with a key ssh-agent holds, or with a key file ssh-keygen reads.
 * Only public keys reach this screen; `onChange` gets the choice the export signs with, or null.
 */
export function SigningField({
  signer,
  onChange,
}: {
  signer: string;
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
    <Stack gap="xs" data-testid="export-signing">
      <Radio.Group
        label="Sign the bundle with your SSH key"
        description={`The auditor checks it with ssh-keygen; the signer is ${signer}. The key never leaves your agent, and no passphrase is asked for or kept.`}
        value={source}
        onChange={(v) => setSource(v as Source)}
      >
        <Group mt={4}>
          <Radio value="none" label="Not signed" data-testid="export-sign-none" />
          <Radio value="agent" label="ssh-agent key" data-testid="export-sign-agent" />
          <Radio value="file" label="Key file" data-testid="export-sign-file" />
        </Group>
      </Radio.Group>
      {source === 'agent' && (
        <Group align="flex-end">
          <Select
            label="Key"
            w={560}
            placeholder={listAgent.busy ? 'Asking ssh-agent…' : 'No key'}
            data={(agent?.keys ?? []).map((k) => ({ value: k.line, label: keyLabel(k) }))}
            value={agentKey}
            onChange={setAgentKey}
            allowDeselect={false}
            data-testid="export-sign-agent-key"
          />
          <Button variant="default" size="xs" onClick={() => void loadAgent(undefined).then((v) => v && setAgent(v))}>
            Look again
          </Button>
        </Group>
      )}
      {source === 'agent' && agent?.problem && (
        <Alert color="orange" data-testid="export-sign-agent-problem">
          {agent.problem}
        </Alert>
      )}
      <ErrorNotice error={listAgent.error} />
      {source === 'file' && (
        <Group>
          <Button variant="default" size="xs" onClick={() => void choose()} data-testid="export-sign-choose-file">
            Choose key file…
          </Button>
          {file && (
            <Text size="sm" data-testid="export-sign-file-key">
              <Code>{file.path}</Code> {keyLabel(file.key)}
            </Text>
          )}
        </Group>
      )}
      {source === 'file' && <ErrorNotice error={pickFile.error} title="This key cannot sign" />}
    </Stack>
  );
}
