import { Button, Group, Text } from '@mantine/core';

/** The heading of one entry in a list the reviewer builds (CUEC 2, Exception 1), with its Remove button. */
export function NumberedRowHeader({
  label,
  disabled,
  onRemove,
  removeTestId,
}: {
  label: string;
  disabled: boolean;
  onRemove(): void;
  removeTestId: string;
}) {
  return (
    <Group justify="space-between" mb={4}>
      <Text size="sm" fw={600}>
        {label}
      </Text>
      <Button
        size="xs"
        variant="subtle"
        color="red"
        disabled={disabled}
        onClick={onRemove}
        aria-label={`Remove ${label}`}
        data-testid={removeTestId}
      >
        Remove
      </Button>
    </Group>
  );
}
