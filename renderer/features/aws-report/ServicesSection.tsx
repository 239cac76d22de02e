import { Autocomplete, Button, Card, Checkbox, Group, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { ServiceInScope } from '../../../shared/domain/aws-report-review';
import type { SectionProps } from './section-props';

/** Suggestions only: any name can be typed. */
const COMMON_SERVICES = [
  'Amazon EC2',
  'Amazon S3',
  'Amazon RDS',
  'Amazon Aurora',
  'Amazon DynamoDB',
  'AWS Lambda',
  'Amazon ECS',
  'Amazon EKS',
  'AWS Fargate',
  'Amazon VPC',
  'Elastic Load Balancing',
  'Amazon CloudFront',
  'Amazon Route 53',
  'AWS IAM',
  'AWS IAM Identity Center',
  'AWS KMS',
  'AWS Secrets Manager',
  'AWS CloudTrail',
  'Amazon CloudWatch',
  'AWS Config',
  'Amazon GuardDuty',
  'AWS Backup',
  'Amazon SQS',
  'Amazon SNS',
  'Amazon SES',
  'Amazon ElastiCache',
  'Amazon Cognito',
  'Amazon API Gateway',
  'Amazon ECR',
  'Amazon Bedrock',
];

/** The AWS services the system uses, and whether AWS's report lists each in its scope. */
export function ServicesSection({ draft, setDraft, disabled }: SectionProps) {
  const [name, setName] = useState('');
  const setRow = (i: number, patch: Partial<ServiceInScope>) =>
    setDraft((d) => ({ ...d, services: d.services.map((s, j) => (j === i ? { ...s, ...patch } : s)) }));
  const add = () => {
    const service = name.trim();
    if (!service) return;
    setDraft((d) => ({ ...d, services: [...d.services, { service, inScope: true, note: '' }] }));
    setName('');
  };
  const used = new Set(draft.services.map((s) => s.service));
  return (
    <Card withBorder data-field="services" data-testid="review-services">
      <Title order={5}>2. Services and regions in scope</Title>
      <Text size="sm" c="dimmed" mb="sm">
        List the AWS services your system uses and check each against the report's list of services in scope (also on
        AWS's "Services in scope" page, SOC tab). For a service the report does not cover, say how you get assurance for
        it.
      </Text>
      {draft.services.length > 0 && (
        <Table data-testid="services-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Service</Table.Th>
              <Table.Th>In the report's scope</Table.Th>
              <Table.Th>Note</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {draft.services.map((s, i) => {
              // Every row has the same inputs: their names say which service they belong to.
              const name = s.service.trim() || `service ${i + 1}`;
              return (
                <Table.Tr key={i} data-field={`services.${i}`} data-testid="service-row">
                  <Table.Td>
                    <TextInput
                      size="xs"
                      value={s.service}
                      onChange={(e) => setRow(i, { service: e.currentTarget.value })}
                      error={s.service.trim() ? undefined : 'Name the service, or remove the row.'}
                      disabled={disabled}
                      aria-label={`Service ${i + 1} name`}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Checkbox
                      checked={s.inScope}
                      onChange={(e) => setRow(i, { inScope: e.currentTarget.checked })}
                      disabled={disabled}
                      label={s.inScope ? 'Yes' : 'No'}
                      aria-label={`${name} is in the report's scope`}
                      data-testid="service-in-scope"
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      size="xs"
                      value={s.note}
                      placeholder={s.inScope ? '' : 'How you get assurance for it'}
                      onChange={(e) => setRow(i, { note: e.currentTarget.value })}
                      disabled={disabled}
                      aria-label={`Note on ${name}`}
                      data-testid="service-note"
                    />
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      disabled={disabled}
                      onClick={() => setDraft((d) => ({ ...d, services: d.services.filter((_, j) => j !== i) }))}
                      aria-label={`Remove ${name}`}
                      data-testid="service-remove"
                    >
                      Remove
                    </Button>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      <Group align="end" mt="xs">
        <Autocomplete
          size="xs"
          label="Add a service"
          placeholder="Amazon EC2"
          data={COMMON_SERVICES.filter((s) => !used.has(s))}
          value={name}
          onChange={setName}
          disabled={disabled}
          w={280}
          data-testid="service-new"
        />
        <Button size="xs" variant="light" onClick={add} disabled={disabled || !name.trim()} data-testid="service-add">
          Add service
        </Button>
      </Group>
      <TextInput
        mt="sm"
        label="Regions your system runs in"
        placeholder="eu-west-1, us-east-1"
        value={draft.regions}
        onChange={(e) => {
          const regions = e.currentTarget.value;
          setDraft((d) => ({ ...d, regions }));
        }}
        disabled={disabled}
        data-field="regions"
        data-testid="review-regions"
      />
    </Card>
  );
}
