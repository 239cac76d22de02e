import { Checkbox, Group, NumberInput, Switch, TextInput } from '@mantine/core';
import { CATEGORY_LABELS, type Category } from '../../../shared/domain/workspace';

export interface ExportFormState {
  asOfDate: string;
  categories: Category[];
  includeNotes: boolean;
  freshnessDays: number;
}

/** As-of date, categories (within the workspace's), notes, and the freshness window. */
export function ExportOptionsForm({
  value,
  available,
  onChange,
}: {
  value: ExportFormState;
  available: Category[];
  onChange(next: ExportFormState): void;
}) {
  return (
    <Group align="flex-end" gap="lg">
      <TextInput
        label={'"As of" date'}
        type="date"
        value={value.asOfDate}
        onChange={(e) => onChange({ ...value, asOfDate: e.currentTarget.value })}
        data-testid="export-asof"
      />
      <NumberInput
        label="Freshness window (days)"
        w={170}
        min={1}
        max={3650}
        value={value.freshnessDays}
        onChange={(v) => onChange({ ...value, freshnessDays: Number(v) || 1 })}
        data-testid="export-freshness"
      />
      <Group gap="sm">
        {available.map((c) => (
          <Checkbox
            key={c}
            label={CATEGORY_LABELS[c]}
            checked={value.categories.includes(c)}
            disabled={c === 'security'}
            onChange={(e) =>
              onChange({
                ...value,
                categories: e.currentTarget.checked
                  ? [...value.categories, c]
                  : value.categories.filter((x) => x !== c),
              })
            }
            data-testid={`export-category-${c}`}
          />
        ))}
      </Group>
      <Switch
        label="Include control notes"
        checked={value.includeNotes}
        onChange={(e) => onChange({ ...value, includeNotes: e.currentTarget.checked })}
        data-testid="export-notes"
      />
    </Group>
  );
}
