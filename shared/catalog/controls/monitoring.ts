import { doc, shot } from '../evidence';
import type { ControlDef } from '../types';
import { owned } from './build';

const SWITCHED_ON_BY_YOU =
  'AWS offers the service, but it does nothing until you turn it on in your account and act on what it reports.';

/** Seeing what happens in the account: logs, alarms, threat detection, vulnerabilities, configuration drift. */
export const MONITORING_CONTROLS: ControlDef[] = [
  owned({
    id: 'logging-monitoring',
    title: 'Audit logging and alerting',
    intent:
      'CloudTrail records every API action in every region into tamper-evident, encrypted logs kept for at least a year, and alarms notify someone of root use, unauthorised calls and sign-in failures.',
    whyResponsibility: `${SWITCHED_ON_BY_YOU} Logging your own resources is a customer responsibility in AWS's report.`,
    criteria: ['CC7.2', 'CC7.3', 'CC4.1', 'CC2.1', 'CC8.1'],
    evidence: [
      shot('shot.cloudtrail-trails'),
      shot('shot.cloudwatch-alarms'),
      doc(
        'doc.logging-standard',
        'Logging and monitoring standard',
        'What is logged, how long logs are kept, who receives alerts and how quickly they respond.',
      ),
    ],
    frequency: 'continuous',
  }),
  owned({
    id: 'threat-detection',
    title: 'Threat detection (GuardDuty)',
    intent:
      'GuardDuty watches the account in every region you use for signs of compromise, and its findings reach someone who triages them.',
    whyResponsibility: SWITCHED_ON_BY_YOU,
    criteria: ['CC6.8', 'CC7.2', 'CC7.3'],
    evidence: [
      shot('shot.guardduty-settings'),
      doc(
        'doc.guardduty-triage',
        'Finding triage record',
        'How GuardDuty findings are routed and an example of a finding that was triaged, with the outcome.',
      ),
    ],
    frequency: 'continuous',
  }),
  owned({
    id: 'vulnerability-management',
    title: 'Vulnerability management',
    intent:
      "Servers, container images, functions and your code's dependencies are scanned for known vulnerabilities, and critical and high ones are fixed within set deadlines.",
    whyResponsibility:
      'Your application code, its libraries and the software on your instances are yours; AWS only patches what is below them.',
    criteria: ['CC7.1', 'CC6.8', 'CC3.2'],
    evidence: [
      shot('shot.inspector-status'),
      shot('shot.github-dependabot'),
      doc(
        'doc.vulnerability-policy',
        'Vulnerability management policy',
        'Scanning scope, fix deadlines by severity (for example critical 15 days, high 30 days) and how exceptions are approved.',
      ),
      doc(
        'doc.pentest-report',
        'Penetration test or external scan',
        'The latest penetration test or external vulnerability scan and the status of its findings.',
      ),
    ],
    frequency: 'monthly',
  }),
  owned({
    id: 'configuration-monitoring',
    title: 'Configuration recording (AWS Config)',
    intent:
      "AWS Config records every change to your resources' configuration, so changes can be detected, reviewed and traced.",
    whyResponsibility: SWITCHED_ON_BY_YOU,
    criteria: ['CC7.1', 'CC8.1', 'CC3.4'],
    evidence: [shot('shot.config-status')],
    frequency: 'continuous',
  }),
];
