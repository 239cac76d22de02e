import { Button, Card, Checkbox, Group, NumberInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { CATEGORIES, CATEGORY_LABELS, type Category, type CheckSettings } from '../../../shared/domain/workspace';
import { api } from '../../api/client';
import { useAction } from '../../api/use-action';
import { useWorkspace } from '../../app/workspace-context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { AppearanceAndHelp } from './AppearanceAndHelp';
import { RegionsCard } from './RegionsCard';
import { AccessReviewCadenceCard } from '../access-reviews/AccessReviewCadenceCard';

const LIMITS: { key: keyof CheckSettings; label: string }[] = [
  { key: 'passwordMinLength', label: 'Minimum password length' },
  { key: 'passwordReusePrevention', label: 'Passwords remembered (reuse prevention)' },
  { key: 'accessKeyMaxAgeDays', label: 'Access key rotation limit (days)' },
  { key: 'unusedCredentialDays', label: 'Unused credential limit (days)' },
  { key: 'rootRecentUseDays', label: 'Root user "recent use" window (days)' },
];

export function SettingsScreen() {
  const { snapshot } = useWorkspace();
  const { meta } = snapshot;
  const [form, setForm] = useState({
    companyName: meta.companyName,
    systemName: meta.systemName,
    asOfDate: meta.asOfDate,
  });
  const [categories, setCategories] = useState<Category[]>(meta.categories);
  const [limits, setLimits] = useState<CheckSettings>(meta.checkSettings);
  const save = useAction(api().workspace.updateSettings);

  return (
    <Stack>
      <Title order={3}>Settings</Title>
      <Card withBorder>
        <Stack gap="sm">
          <Group grow>
            <TextInput
              label="Company name"
              value={form.companyName}
              onChange={(e) => setForm({ ...form, companyName: e.currentTarget.value })}
            />
            <TextInput
              label="System name"
              value={form.systemName}
              onChange={(e) => setForm({ ...form, systemName: e.currentTarget.value })}
            />
            <TextInput
              label={'"As of" date'}
              type="date"
              value={form.asOfDate}
              onChange={(e) => setForm({ ...form, asOfDate: e.currentTarget.value })}
            />
          </Group>
          <Group>
            {CATEGORIES.map((c) => (
              <Checkbox
                key={c}
                label={CATEGORY_LABELS[c]}
                checked={categories.includes(c)}
                disabled={c === 'security'}
                onChange={(e) =>
                  setCategories(e.currentTarget.checked ? [...categories, c] : categories.filter((x) => x !== c))
                }
              />
            ))}
          </Group>
          <Title order={5} mt="sm">
            Limits the automated checks apply
          </Title>
          <Text size="xs" c="dimmed">
            They are recorded in every finding, so the auditor sees the rule each result used.
          </Text>
          <Group grow>
            {LIMITS.map(({ key, label }) => (
              <NumberInput
                key={key}
                label={label}
                value={limits[key]}
                min={0}
                onChange={(v) => setLimits({ ...limits, [key]: Number(v) })}
              />
            ))}
          </Group>
          <ErrorNotice error={save.error} title="Settings not saved" />
          <Group justify="flex-end">
            <Button
              loading={save.busy}
              onClick={() => void save.run({ ...form, categories, checkSettings: limits })}
              data-testid="settings-save"
            >
              Save settings
            </Button>
          </Group>
        </Stack>
      </Card>
      <RegionsCard />
      <AccessReviewCadenceCard />
      <AppearanceAndHelp />
    </Stack>
  );
}
