import { Button, Card, Checkbox, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { CATEGORIES, CATEGORY_LABELS, type Category } from '../../../shared/domain/workspace';
import { api } from '../../api/client';
import { useAction } from '../../api/use-action';
import { ErrorNotice } from '../../components/ErrorNotice';

const today = () => new Date().toISOString().slice(0, 10);

export function CreateWorkspaceForm({ onCreated, onCancel }: { onCreated: () => void; onCancel: () => void }) {
  const [form, setForm] = useState({
    companyName: '',
    systemName: '',
    asOfDate: today(),
    folder: '',
    name: '',
    email: '',
  });
  const [categories, setCategories] = useState<Category[]>(['security']);
  const create = useAction(api().workspace.create);
  const set = (key: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setForm({ ...form, [key]: e.currentTarget.value });

  const chooseFolder = async () => {
    const picked = await api().workspace.pickFolder({ purpose: 'create' });
    if (picked.ok && picked.value) setForm((f) => ({ ...f, folder: picked.value! }));
  };

  const submit = async () => {
    const created = await create.run({
      folder: form.folder,
      companyName: form.companyName,
      systemName: form.systemName,
      asOfDate: form.asOfDate,
      categories,
      me: { name: form.name, email: form.email },
    });
    if (created) onCreated();
  };

  return (
    <Card withBorder>
      <Title order={4} mb="sm">
        New workspace
      </Title>
      <Stack gap="sm">
        <Group grow>
          <TextInput
            label="Company name"
            value={form.companyName}
            onChange={set('companyName')}
            data-testid="ws-company"
            required
          />
          <TextInput
            label="System name"
            description="The product or service being audited"
            value={form.systemName}
            onChange={set('systemName')}
            data-testid="ws-system"
            required
          />
        </Group>
        <Group grow>
          <TextInput label="Audit type" value="SOC 2 Type 1" readOnly />
          <TextInput
            label={'"As of" date'}
            type="date"
            value={form.asOfDate}
            onChange={set('asOfDate')}
            data-testid="ws-asof"
            required
          />
        </Group>
        <div>
          <Text size="sm" fw={500}>
            Trust services categories in scope
          </Text>
          <Group mt={4}>
            {CATEGORIES.map((c) => (
              <Checkbox
                key={c}
                label={CATEGORY_LABELS[c]}
                checked={categories.includes(c)}
                disabled={c === 'security'}
                data-testid={`ws-category-${c}`}
                onChange={(e) =>
                  setCategories(e.currentTarget.checked ? [...categories, c] : categories.filter((x) => x !== c))
                }
              />
            ))}
          </Group>
        </div>
        <Group grow>
          <TextInput label="Your name" value={form.name} onChange={set('name')} data-testid="ws-me-name" required />
          <TextInput label="Your email" value={form.email} onChange={set('email')} data-testid="ws-me-email" required />
        </Group>
        <Group align="end">
          <TextInput
            style={{ flex: 1 }}
            label="Folder"
            value={form.folder}
            onChange={set('folder')}
            data-testid="ws-folder"
            required
          />
          <Button variant="default" onClick={() => void chooseFolder()}>
            Choose…
          </Button>
        </Group>
        <ErrorNotice error={create.error} title="The workspace was not created" />
        <Group justify="flex-end">
          <Button variant="subtle" onClick={onCancel}>
            Cancel
          </Button>
          <Button loading={create.busy} onClick={() => void submit()} data-testid="ws-create">
            Create workspace
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
