import { Badge, Checkbox, Group, ScrollArea, SegmentedControl, Table, Text, TextInput } from '@mantine/core';
import { useMemo, useState } from 'react';
import {
  ACCESS_FLAG_LABELS,
  DECISION_LABELS,
  IDENTITY_KIND_LABELS,
  type AccessReview,
} from '../../../shared/domain/access-review';
import type { TeamMember } from '../../../shared/domain/team';
import { reviewersOf } from '../../../shared/rules/access/review-rules';
import { rowNavigation } from '../../components/row-navigation';

type Filter = 'all' | 'flagged' | 'undecided' | 'service';

/** A flag or decision is read whole, never cut short to fit its column. */
const WHOLE_LABEL = { root: { height: 'auto' }, label: { whiteSpace: 'normal', overflow: 'visible' } } as const;

/** More rows than this would make the screen slow to draw; the search narrows a large directory. */
const SHOWN = 300;

/**
 * The population, one row per identity: what it is, where it reaches, its flags, who reviews it
 * and what was decided. Service-linked roles are listed apart (AWS owns them; they are reviewed
 * as a group). A row opens with Enter or a click; the arrow keys move between rows. While the
 * review is open, rows can be ticked (each, or every row the filter finds) to assign reviewers
 * to many at once.
 */
export function PopulationTable({
  review,
  members,
  selected,
  onSelect,
  checked,
  onCheck,
}: {
  review: AccessReview;
  members: readonly TeamMember[];
  selected: string | null;
  onSelect(rowId: string): void;
  /** Rows ticked for assigning reviewers; absent when the review cannot change (signed). */
  checked?: ReadonlySet<string>;
  onCheck?(rowIds: string[], on: boolean): void;
}) {
  const [filter, setFilter] = useState<Filter>('all');
  const [search, setSearch] = useState('');
  const names = useMemo(() => new Map(members.map((m) => [m.id, m.name])), [members]);
  const counts = useMemo(
    () => ({
      all: review.rows.filter((r) => !r.serviceLinked).length,
      flagged: review.rows.filter((r) => r.flags.length > 0).length,
      undecided: review.rows.filter((r) => !review.decisions[r.id]).length,
      service: review.rows.filter((r) => r.serviceLinked).length,
    }),
    [review],
  );
  const rows = useMemo(() => {
    const q = search.trim().toLowerCase();
    return review.rows.filter((r) => {
      if (filter === 'all' && r.serviceLinked) return false;
      if (filter === 'service' && !r.serviceLinked) return false;
      if (filter === 'flagged' && r.flags.length === 0) return false;
      if (filter === 'undecided' && review.decisions[r.id]) return false;
      return !q || [r.name, r.arn ?? '', r.email ?? ''].some((s) => s.toLowerCase().includes(q));
    });
  }, [review, filter, search]);

  const tickable = checked !== undefined && onCheck !== undefined;
  const ticked = tickable ? rows.filter((r) => checked.has(r.id)).length : 0;

  return (
    <div data-testid="access-population">
      <Group justify="space-between" mb="xs" wrap="wrap">
        <SegmentedControl
          size="xs"
          value={filter}
          onChange={(v) => setFilter(v as Filter)}
          data-testid="access-filter"
          data={[
            { value: 'all', label: `All (${counts.all})` },
            { value: 'flagged', label: `Flagged (${counts.flagged})` },
            { value: 'undecided', label: `Not decided (${counts.undecided})` },
            { value: 'service', label: `Service-linked roles (${counts.service})` },
          ]}
        />
        <TextInput
          size="xs"
          placeholder="Search name, ARN or email"
          aria-label="Search the population"
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          data-testid="access-search"
        />
      </Group>
      {filter === 'service' && (
        <Text size="xs" c="dimmed" mb="xs">
          Service-linked roles are created and owned by AWS services; their permissions cannot be edited. Keep them
          unless the service they belong to is no longer used.
        </Text>
      )}
      <ScrollArea.Autosize mah={560} tabIndex={0} aria-label="Population of identities">
        <Table highlightOnHover stickyHeader data-testid="access-table" aria-label="Identities under review">
          <Table.Thead>
            <Table.Tr>
              {tickable && (
                <Table.Th w={32}>
                  <Checkbox
                    size="xs"
                    aria-label={`Select all ${rows.length} identities this filter finds`}
                    checked={rows.length > 0 && ticked === rows.length}
                    indeterminate={ticked > 0 && ticked < rows.length}
                    disabled={rows.length === 0}
                    onChange={(e) =>
                      onCheck(
                        rows.map((r) => r.id),
                        e.currentTarget.checked,
                      )
                    }
                    data-testid="access-check-all"
                  />
                </Table.Th>
              )}
              <Table.Th>Identity</Table.Th>
              <Table.Th>Access</Table.Th>
              <Table.Th miw={140}>Flags</Table.Th>
              <Table.Th>Reviewer</Table.Th>
              <Table.Th>Decision</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.slice(0, SHOWN).map((row) => {
              const decision = review.decisions[row.id];
              return (
                <Table.Tr
                  key={row.id}
                  {...rowNavigation(() => onSelect(row.id))}
                  onClick={() => onSelect(row.id)}
                  aria-selected={row.id === selected}
                  bg={row.id === selected ? 'var(--mantine-primary-color-light)' : undefined}
                  style={{ cursor: 'pointer' }}
                  data-testid="access-row"
                  data-row-id={row.id}
                  data-flagged={row.flags.length > 0 ? 'yes' : 'no'}
                  data-decision={decision?.decision ?? 'none'}
                  data-checked={tickable && checked.has(row.id) ? 'yes' : 'no'}
                >
                  {tickable && (
                    <Table.Td onClick={(e) => e.stopPropagation()}>
                      <Checkbox
                        size="xs"
                        aria-label={`Select ${row.name}`}
                        checked={checked.has(row.id)}
                        onChange={(e) => onCheck([row.id], e.currentTarget.checked)}
                        data-testid="access-check"
                      />
                    </Table.Td>
                  )}
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {row.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {IDENTITY_KIND_LABELS[row.kind]}
                      {row.accountIds.length > 0 ? ` · ${row.accountIds.join(', ')}` : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs">{accessSummary(row)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {row.flags.map((f) => (
                        <Badge
                          key={f}
                          size="xs"
                          tt="none"
                          styles={WHOLE_LABEL}
                          color={f === 'full_admin' ? 'red' : 'orange'}
                          variant="light"
                        >
                          {ACCESS_FLAG_LABELS[f]}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td data-testid="access-row-reviewers">
                    <Text size="xs">
                      {reviewersOf(review, row.id)
                        .map((id) => names.get(id) ?? 'no longer on the team')
                        .join(', ') || 'nobody'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {decision ? (
                      <Badge
                        size="sm"
                        tt="none"
                        styles={WHOLE_LABEL}
                        variant="light"
                        color={decision.decision === 'keep' ? 'green' : decision.decision === 'remove' ? 'red' : 'blue'}
                      >
                        {DECISION_LABELS[decision.decision]}
                      </Badge>
                    ) : (
                      <Text size="xs" c="dimmed">
                        not decided
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
      <Text size="xs" c="dimmed" mt={4} data-testid="access-shown">
        {rows.length > SHOWN
          ? `Showing ${SHOWN} of ${rows.length}: search or filter to find the others.`
          : `${rows.length} shown.`}
        {tickable && checked.size > 0 ? ` ${checked.size} selected.` : ''}
      </Text>
    </div>
  );
}

function accessSummary(row: AccessReview['rows'][number]): string {
  const parts = [
    ...row.access,
    ...row.policies.map((p) => p.replace(/^arn:aws:iam::(aws|\d{12}):policy\//, '')),
    ...(row.groups.length > 0 ? [`groups: ${row.groups.join(', ')}`] : []),
  ];
  if (parts.length === 0) return row.trust ?? 'no access found';
  const shown = parts.slice(0, 3).join('; ');
  return parts.length > 3 ? `${shown}; +${parts.length - 3} more` : shown;
}
