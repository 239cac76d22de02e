import { Badge, Grid, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useWorkspace } from '../../app/workspace-context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { BeforeYouSignPanel } from './BeforeYouSignPanel';
import { ConclusionSection } from './ConclusionSection';
import { CuecsSection } from './CuecsSection';
import { ExceptionsSection } from './ExceptionsSection';
import { ReportDetailsSection } from './ReportDetailsSection';
import { ServicesSection } from './ServicesSection';
import { SignControls } from './SignControls';
import { SignedSignOff } from '../reviews/SignedSignOff';
import { useAwsReportReview } from './use-review';
import { standingBadge } from '../../../shared/rules/reviews/review-standing';

/**
 * The review of AWS's SOC 2 report: AWS is a carved-out subservice organization, so the
 * auditor relies on this signed review for every inherited control, and on the company's own
 * controls for each CUEC. Evidence for CC9.2.
 */
export function AwsReportScreen() {
  const { snapshot } = useWorkspace();
  const review = useAwsReportReview();
  const { view, draft } = review;

  if (!view || !draft) {
    return (
      <Stack>
        <Title order={3}>AWS SOC 2 report</Title>
        {review.loadError ? (
          <ErrorNotice error={review.loadError} title="The review could not be loaded" />
        ) : (
          <Loader size="sm" />
        )}
      </Stack>
    );
  }
  const signed = view.review.signed;
  const stale = view.standing.state === 'signature_stale';
  const forged = view.standing.state === 'signature_forged';
  const disabled = !!signed;
  const blocking = review.problems.filter((p) => p.severity === 'blocking').length;
  const section = { draft, setDraft: review.setDraft, disabled };

  return (
    <Stack data-testid="aws-report-screen" data-review-state={forged ? 'forged' : signed ? 'signed' : 'draft'}>
      <Group justify="space-between" align="start">
        <div>
          <Title order={3}>Review of AWS's SOC 2 report</Title>
          <Text size="sm" c="dimmed" maw={760}>
            AWS runs the data centres, hardware and managed services under your system. Your auditor does not test AWS:
            they rely on AWS's own SOC 2 report, and on this review of it. Record what the report says, check that it
            covers the services and regions you use, and map what it leaves to you (the CUECs) to your own controls.
          </Text>
        </div>
        <Badge
          size="lg"
          color={forged ? 'red' : stale ? 'orange' : signed ? 'green' : 'gray'}
          variant="light"
          data-testid="review-state"
        >
          {standingBadge(view.standing)}
        </Badge>
      </Group>
      {signed && (
        <SignedSignOff
          standing={view.standing}
          idPrefix="review"
          detail={
            signed.reportSha256 ? (
              <>
                {' '}
                for report SHA-256 <span title={signed.reportSha256}>{signed.reportSha256.slice(0, 16)}…</span>
              </>
            ) : null
          }
          readOnlyNote="The review is read-only; reopening it needs a reason and a new sign-off."
          staleNote="Until it is reopened, checked and signed again, the controls inherited from AWS count as in progress at most, and the bundle says the sign-off does not stand."
          reopenPlaceholder="e.g. AWS issued a newer report"
          busy={review.busy === 'reopen'}
          error={review.errorOf('reopen')}
          onReopen={review.reopen}
        />
      )}
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack>
            <ReportDetailsSection
              {...section}
              onChooseFile={() => void review.chooseFile()}
              choosing={review.busy === 'choose'}
              otherBusy={review.busy !== null && review.busy !== 'choose'}
              chooseError={review.errorOf('choose')}
            />
            <ServicesSection {...section} />
            <ExceptionsSection {...section} />
            <CuecsSection {...section} />
            <ConclusionSection {...section} asOfDate={view.asOfDate} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack style={{ position: 'sticky', top: 72 }}>
            {!signed && (
              <SignControls
                dirty={review.dirty}
                blocking={blocking}
                me={snapshot.me}
                busy={review.busy}
                onSave={() => void review.save()}
                onSign={(key) => void review.sign(key)}
              />
            )}
            <ErrorNotice
              error={review.errorOf('save', 'sign')}
              title={review.errorOf('sign') ? 'Not signed' : 'Not saved'}
            />
            <BeforeYouSignPanel problems={review.problems} signed={!!signed} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
