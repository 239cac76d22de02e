import { doc, shot } from '../evidence';
import type { ControlDef } from '../types';
import { owned } from './build';

/** Running the system day to day: incidents, changes, backups. */
export const OPERATIONS_CONTROLS: ControlDef[] = [
  owned({
    id: 'incident-response',
    title: 'Incident response',
    intent:
      'A written plan says how security incidents are reported, triaged, contained, fixed, communicated to customers and learned from; it is tested at least once a year.',
    whyResponsibility:
      'AWS handles incidents in its own infrastructure; incidents in your account, application and data are yours to handle, and AWS expects you to tell it promptly of any suspected compromise.',
    criteria: ['CC7.3', 'CC7.4', 'CC7.5', 'CC2.3', 'CC4.2'],
    evidence: [
      doc(
        'doc.incident-response-plan',
        'Incident response plan',
        'Roles, severity levels, steps, contacts (including AWS and customers) and the approval date.',
      ),
      doc(
        'doc.incident-log',
        'Incident log',
        'Every security incident or event in the period with dates, severity, actions and follow-ups (or a statement that there were none).',
      ),
      doc(
        'doc.incident-tabletop',
        'Tabletop exercise record',
        'The latest exercise of the plan: scenario, participants, date and lessons learned.',
      ),
    ],
    frequency: 'per_event',
  }),
  owned({
    id: 'change-management',
    title: 'Change management',
    intent:
      'Changes to production code and infrastructure go through a pull request, are reviewed by someone other than the author, pass automated tests, and are deployed by a pipeline.',
    whyResponsibility:
      "What you deploy and how is decided by your team; AWS's change process covers only AWS's own services.",
    criteria: ['CC8.1', 'CC3.4', 'CC5.2', 'PI1.3'],
    evidence: [
      shot('shot.github-branch-protection'),
      shot('shot.github-pr-approval'),
      doc(
        'doc.change-management-policy',
        'Change management policy',
        'How changes are requested, reviewed, tested, approved and deployed, including emergency changes.',
      ),
    ],
    frequency: 'per_event',
  }),
  owned({
    id: 'backup-recovery',
    title: 'Backups and restore tests',
    intent:
      'Production data is backed up automatically, kept for a set period (ideally in a separate account or region), and restores are tested.',
    whyResponsibility:
      "AWS keeps its services running, but it does not decide what of your data is backed up or for how long; backups are a customer responsibility in AWS's report.",
    criteria: ['A1.2', 'A1.3', 'CC7.5', 'CC9.1', 'PI1.5'],
    evidence: [
      shot('shot.backup-plans'),
      doc(
        'doc.backup-policy',
        'Backup policy',
        'What is backed up, how often, how long it is kept, where, and the recovery objectives (RPO, RTO).',
      ),
      doc(
        'doc.restore-test',
        'Restore test record',
        'The latest restore test: what was restored, when, by whom, how long it took and the result.',
      ),
    ],
    frequency: 'daily',
  }),
];
