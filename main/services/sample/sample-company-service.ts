import { CONTROLS } from '../../../shared/catalog';
import type { Person } from '../../../shared/domain/common';
import type { ControlStatus } from '../../../shared/domain/control-state';
import type { CheckRun } from '../../../shared/domain/findings';
import type { WorkspaceSnapshot } from '../../../shared/ipc/channels/workspace';
import { AppError } from '../../../shared/ipc/result';
import { controlsInScope } from '../../../shared/rules/coverage';
import { SAMPLE_PEOPLE, SAMPLE_PRODUCTION, SAMPLE_STAGING } from '../../sandbox/aws-endpoint/scenarios/sample-company';
import {
  SAMPLE_PROFILE,
  SAMPLE_REGION,
  startSampleSession,
  type SampleSession,
} from '../../sandbox/sample-company/sample-session';
import type { AwsService } from '../aws/aws-service';
import type { Partition, PartitionEndpoints } from '../capture/partitions';
import type { ChecksService } from '../collectors/checks-service';
import type { ControlsService } from '../controls/controls-service';
import type { TeamService } from '../team/team-service';
import type { OpenWorkspace } from '../workspace/open-workspace';
import type { WorkspaceService } from '../workspace/workspace-service';

export interface SampleCompanyDeps {
  workspaces: WorkspaceService;
  team: TeamService;
  controls: ControlsService;
  aws: Pick<AwsService, 'signIn' | 'clients'>;
  checks: Pick<ChecksService, 'run'>;
  now: () => Date;
  startSession?: (now: Date) => Promise<SampleSession>;
}

const SAMPLE_COMPANY = 'Example Corp (sample company)';
const SAMPLE_SYSTEM = 'Example Cloud Platform';

/** A spread of statuses, so the dashboard shows progress and what still blocks. */
const STATUS_CYCLE: ControlStatus[] = ['in_progress', 'ready_for_review', 'accepted', 'not_started', 'in_progress'];

/**
 * The sample company: a workspace backed by the built-in sandbox instead of AWS. The sandbox runs
 * on 127.0.0.1 only while a sample workspace is open (started and stopped by the workspace's
 * open and close hooks); the workspace signs in through the sandbox's SSO device flow, which
 * this service approves itself, so there is no browser step.
 */
export class SampleCompanyService {
  private session: SampleSession | null = null;

  constructor(private readonly deps: SampleCompanyDeps) {}

  /** Open hook: a sample workspace gets its sandbox and is signed in to it; any other workspace gets none. */
  async workspaceOpened(open: OpenWorkspace): Promise<void> {
    await this.stop();
    if (!open.meta.sample) return;
    this.session = await (this.deps.startSession ?? startSampleSession)(this.deps.now());
    this.deps.aws.clients.resolveHostsWith(this.session.lookup);
    await this.signIn();
  }

  /** Close hook: the sandbox stops and the AWS environment is as it was. */
  async stop(): Promise<void> {
    const session = this.session;
    this.session = null;
    if (!session) return;
    this.deps.aws.clients.resolveHostsWith(undefined);
    await session.close();
  }

  /** The sandbox's address while a sample workspace is open. */
  sandboxUrl(): string | null {
    return this.session?.endpoint.url ?? null;
  }

  /** Where capture windows sign in while a sample workspace is open: the sandbox's console, never AWS's. */
  captureEndpoints(): Partial<Record<Partition, PartitionEndpoints>> | undefined {
    const url = this.session?.console.url;
    return url ? { aws: { signin: url, console: url } } : undefined;
  }

  /**
   * Creates the sample company's workspace in `folder` (signed in to the sandbox when it opens),
   * fills the team, owners and a few statuses, and runs every check, so every screen has something to show.
   */
  async create(folder: string, me?: Person): Promise<WorkspaceSnapshot> {
    const { workspaces, team, controls } = this.deps;
    const person = me ?? workspaces.me() ?? { name: SAMPLE_PEOPLE[0].name, email: SAMPLE_PEOPLE[0].email };
    await workspaces.create(
      {
        folder,
        companyName: SAMPLE_COMPANY,
        systemName: SAMPLE_SYSTEM,
        asOfDate: this.asOfDate(),
        categories: ['security', 'availability', 'confidentiality'],
        me: person,
      },
      {
        sample: {
          aws: { profile: SAMPLE_PROFILE, region: SAMPLE_REGION, accountIds: [SAMPLE_PRODUCTION, SAMPLE_STAGING] },
        },
      },
    );
    const members = [...workspaces.require().team.members];
    for (const p of SAMPLE_PEOPLE) {
      if (p.email === person.email) continue;
      members.push(await team.add({ name: p.name, email: p.email, role: p.role }));
    }
    const owned = controlsInScope(workspaces.require().meta.categories, CONTROLS).filter(
      (c) => c.responsibility !== 'inherited',
    );
    for (const [i, control] of owned.entries()) {
      if (i % 6 === 5) continue;
      await controls.setOwner(control.id, members[i % members.length]!.id);
      const status = STATUS_CYCLE[i % STATUS_CYCLE.length]!;
      if (status !== 'not_started') await controls.setStatus(control.id, status);
    }
    await this.runChecks();
    return workspaces.snapshot();
  }

  /** Signs the open sample workspace in to its sandbox (device flow, approved here). */
  async signIn(): Promise<void> {
    const session = this.requireSession();
    await this.deps.aws.signIn(
      SAMPLE_PROFILE,
      (p) => {
        if (p.stage === 'waiting') session.approve(p.userCode);
      },
      'device',
    );
  }

  runChecks(): Promise<CheckRun> {
    return this.deps.checks.run({});
  }

  private requireSession(): SampleSession {
    if (!this.session)
      throw new AppError('NO_WORKSPACE', 'No sample workspace is open.', {
        hint: 'Choose "Try with a sample company" on the welcome screen.',
      });
    return this.session;
  }

  /** The end of next month: an audit date a few weeks ahead, as a company preparing would have. */
  private asOfDate(): string {
    const now = this.deps.now();
    return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 2, 0)).toISOString().slice(0, 10);
  }
}
