import {
  Card,
  Checkbox,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import {
  OPINION_LABELS,
  SUBSERVICE_TREATMENT_LABELS,
  type ReportDetails,
} from '../../../shared/domain/aws-report-review';
import type { AppErrorData } from '../../../shared/ipc/result';
import { CATEGORIES, CATEGORY_LABELS, type Category } from '../../../shared/domain/workspace';
import { dateOrUndefined } from './review-draft';
import { ReportFileField } from './ReportFileField';
import { labelled, type SectionProps } from './section-props';

/** The report as read from its cover, section I (management) and section II (the opinion). */
export function ReportDetailsSection({
  draft,
  setDraft,
  disabled,
  onChooseFile,
  choosing,
  otherBusy,
  chooseError,
}: SectionProps & { onChooseFile(): void; choosing: boolean; otherBusy: boolean; chooseError: AppErrorData | null }) {
  const report = draft.report;
  const set = (patch: Partial<ReportDetails>) => setDraft((d) => ({ ...d, report: { ...d.report, ...patch } }));
  // A Type 1 report speaks as of one date: a period start typed for Type 2 is dropped, not kept hidden.
  const setType = (reportType: ReportDetails['reportType']) =>
    setDraft((d) => {
      const { periodStart: _dropped, ...rest } = d.report;
      return { ...d, report: reportType === 'type1' ? { ...rest, reportType } : { ...d.report, reportType } };
    });
  const type2 = report.reportType === 'type2';
  return (
    <Card withBorder data-testid="review-report">
      <Title order={5}>1. The report</Title>
      <Text size="sm" c="dimmed" mb="sm">
        From the cover, the auditor's opinion (section II) and the system description (section III) of the report you
        downloaded from AWS Artifact.
      </Text>
      <Stack gap="sm">
        <TextInput
          label="Title"
          placeholder="Amazon Web Services System and Organization Controls (SOC) 2 Report"
          value={report.title}
          onChange={(e) => set({ title: e.currentTarget.value })}
          disabled={disabled}
          data-field="report.title"
          data-testid="report-title"
        />
        <Group align="end" data-field="report.reportType">
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              Type
            </Text>
            <SegmentedControl
              size="xs"
              value={report.reportType}
              onChange={(v) => setType(v as ReportDetails['reportType'])}
              disabled={disabled}
              data={[
                { value: 'type2', label: 'Type 2 (a period)' },
                { value: 'type1', label: 'Type 1 (a date)' },
              ]}
              data-testid="report-type"
            />
          </Stack>
        </Group>
        <SimpleGrid cols={3}>
          {type2 && (
            <TextInput
              label="Period start"
              type="date"
              value={report.periodStart ?? ''}
              onChange={(e) => set({ periodStart: dateOrUndefined(e.currentTarget.value) })}
              disabled={disabled}
              data-field="report.periodStart"
              data-testid="report-period-start"
            />
          )}
          <TextInput
            label={type2 ? 'Period end' : 'As of'}
            type="date"
            value={report.periodEnd ?? ''}
            onChange={(e) => set({ periodEnd: dateOrUndefined(e.currentTarget.value) })}
            disabled={disabled}
            data-field="report.periodEnd"
            data-testid="report-period-end"
          />
          <TextInput
            label="Issued on"
            type="date"
            value={report.issuedOn ?? ''}
            onChange={(e) => set({ issuedOn: dateOrUndefined(e.currentTarget.value) })}
            disabled={disabled}
            data-field="report.issuedOn"
            data-testid="report-issued-on"
          />
        </SimpleGrid>
        <SimpleGrid cols={2}>
          <TextInput
            label="Service auditor"
            placeholder="The firm that signed the opinion"
            value={report.serviceAuditor}
            onChange={(e) => set({ serviceAuditor: e.currentTarget.value })}
            disabled={disabled}
            data-field="report.serviceAuditor"
            data-testid="report-auditor"
          />
          <Select
            label="Opinion"
            placeholder="Choose"
            data={labelled(OPINION_LABELS)}
            value={report.opinion ?? null}
            onChange={(v) => set({ opinion: (v ?? undefined) as ReportDetails['opinion'] })}
            disabled={disabled}
            data-field="report.opinion"
            data-testid="report-opinion"
          />
        </SimpleGrid>
        <Checkbox.Group
          label="Trust services categories the report covers"
          value={report.categories}
          onChange={(v) => set({ categories: CATEGORIES.filter((c) => v.includes(c)) as Category[] })}
          data-field="report.categories"
        >
          <Group mt={6}>
            {CATEGORIES.map((c) => (
              <Checkbox
                key={c}
                value={c}
                label={CATEGORY_LABELS[c]}
                disabled={disabled}
                data-testid={`report-category-${c}`}
              />
            ))}
          </Group>
        </Checkbox.Group>
        <Select
          label="How AWS's report treats its own subservice organizations"
          placeholder="Choose"
          data={labelled(SUBSERVICE_TREATMENT_LABELS)}
          value={report.subserviceTreatment ?? null}
          onChange={(v) => set({ subserviceTreatment: (v ?? undefined) as ReportDetails['subserviceTreatment'] })}
          disabled={disabled}
          data-field="report.subserviceTreatment"
          data-testid="report-treatment"
          w={360}
        />
        <ReportFileField
          file={report.file}
          onChoose={onChooseFile}
          busy={choosing}
          error={chooseError}
          disabled={disabled || otherBusy}
        />
      </Stack>
    </Card>
  );
}
