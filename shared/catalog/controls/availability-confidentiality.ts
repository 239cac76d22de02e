import { doc, shot } from '../evidence';
import type { ControlDef } from '../types';
import { owned } from './build';

/** Controls that matter when Availability or Confidentiality is in the audit's scope. */
export const AVAILABILITY_CONFIDENTIALITY_CONTROLS: ControlDef[] = [
  owned({
    id: 'capacity-monitoring',
    title: 'Capacity monitoring and planning',
    intent:
      'Usage of compute, storage, databases and AWS service quotas is watched, with alerts before limits are reached, and capacity is added in time.',
    whyResponsibility:
      'AWS has the capacity; how much of it your workload reserves, and when it needs more, only you can tell.',
    criteria: ['A1.1'],
    category: 'availability',
    evidence: [
      shot('shot.cloudwatch-dashboards'),
      doc(
        'doc.capacity-review',
        'Capacity review',
        'The latest review of usage against limits and quotas, with the actions taken.',
      ),
    ],
    frequency: 'monthly',
  }),
  owned({
    id: 'business-continuity',
    title: 'Business continuity and disaster recovery plan',
    intent:
      'A written plan says how the service is restored after a major outage, with recovery objectives, and the plan is exercised at least once a year.',
    whyResponsibility:
      'AWS recovers its own services; bringing your product back, in the order your customers need, is your plan.',
    criteria: ['A1.2', 'A1.3', 'CC9.1'],
    category: 'availability',
    evidence: [
      doc(
        'doc.bcdr-plan',
        'Business continuity and disaster recovery plan',
        'Scenarios, recovery objectives (RTO, RPO), roles, steps and the approval date.',
      ),
      doc(
        'doc.dr-test',
        'Disaster recovery test',
        'The latest exercise: scenario, date, participants, time to recover against the objective, and lessons.',
      ),
    ],
    frequency: 'annually',
  }),
  owned({
    id: 'confidential-data-handling',
    title: 'Identifying and protecting confidential information',
    intent:
      'Data is classified; confidential data (customer data, secrets, contracts) is labelled, kept only where allowed, encrypted, and shared only under NDA.',
    whyResponsibility: 'What counts as confidential, and where it may go, is set by your commitments to customers.',
    criteria: ['C1.1'],
    category: 'confidentiality',
    evidence: [
      doc(
        'doc.data-classification-policy',
        'Data classification policy',
        'The classification levels, examples, and the handling rules for each.',
      ),
      doc(
        'doc.nda-template',
        'Confidentiality agreements',
        'The NDA or confidentiality clause signed by employees, contractors and vendors.',
      ),
    ],
    frequency: 'annually',
  }),
  owned({
    id: 'data-retention-disposal',
    title: 'Retention and deletion of confidential data',
    intent:
      'Confidential data is kept only as long as committed, then deleted from databases, buckets, backups and laptops, and the deletion is recorded.',
    whyResponsibility:
      'AWS destroys disks it retires, but deleting your data from your own resources, on time and on request, is yours.',
    criteria: ['C1.2', 'CC6.5'],
    category: 'confidentiality',
    evidence: [
      doc(
        'doc.retention-schedule',
        'Data retention schedule',
        'How long each kind of data is kept and how it is deleted (including S3 lifecycle rules and backup expiry).',
      ),
      doc(
        'doc.deletion-records',
        'Deletion records',
        'Examples of customer data deleted at contract end or on request, with dates.',
      ),
    ],
    frequency: 'per_event',
  }),
];
