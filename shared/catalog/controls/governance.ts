import { doc, shot } from '../evidence';
import type { ControlDef } from '../types';
import { owned } from './build';

const PEOPLE_WHY = 'These are about your own people and leadership; no cloud provider can do them for you.';

/** Control environment and people (CC1, CC2, CC4, CC5): the part of SOC 2 that is not about AWS at all. */
export const GOVERNANCE_CONTROLS: ControlDef[] = [
  owned({
    id: 'code-of-conduct',
    title: 'Code of conduct',
    intent:
      'Everyone signs a code of conduct on joining and yearly; breaking it, or the security policies, has stated consequences.',
    whyResponsibility: PEOPLE_WHY,
    criteria: ['CC1.1', 'CC1.5'],
    evidence: [
      doc(
        'doc.code-of-conduct',
        'Code of conduct',
        'The code of conduct with its approval date, including the disciplinary process.',
      ),
      doc(
        'doc.code-acknowledgements',
        'Signed acknowledgements',
        'Signatures or e-sign records from every employee and contractor.',
      ),
    ],
    frequency: 'annually',
  }),
  owned({
    id: 'board-oversight',
    title: 'Board oversight of security',
    intent:
      'The board, or advisors independent of day-to-day management, reviews security, risks and audit results at least once a year and records it.',
    whyResponsibility: PEOPLE_WHY,
    criteria: ['CC1.2', 'CC4.2'],
    evidence: [
      doc(
        'doc.board-minutes',
        'Board or advisory meeting minutes',
        'Minutes of a meeting where security, risks and the audit were presented and discussed.',
      ),
      doc(
        'doc.board-charter',
        'Board or advisory charter',
        'Who oversees the company, their independence from management, and what they review.',
      ),
    ],
    frequency: 'annually',
  }),
  owned({
    id: 'org-structure',
    title: 'Organisation, roles and security ownership',
    intent:
      'An org chart and role descriptions show reporting lines and who is responsible for security and for each control.',
    whyResponsibility: PEOPLE_WHY,
    criteria: ['CC1.3', 'CC1.5', 'CC2.2'],
    evidence: [
      doc('doc.org-chart', 'Organisation chart', 'The current org chart with reporting lines.'),
      doc(
        'doc.role-descriptions',
        'Role descriptions',
        'Job descriptions including security responsibilities, and the named security lead.',
      ),
    ],
    frequency: 'annually',
  }),
  owned({
    id: 'background-checks',
    title: 'Hiring and background checks',
    intent:
      'People are hired against role descriptions and screened (background check as local law allows) before they get access to customer data.',
    whyResponsibility: PEOPLE_WHY,
    criteria: ['CC1.4'],
    evidence: [
      shot('shot.hr-background-check'),
      doc(
        'doc.hiring-procedure',
        'Hiring and screening procedure',
        'How candidates are assessed and screened, and which roles need which checks.',
      ),
    ],
    frequency: 'per_event',
  }),
  owned({
    id: 'security-policies-training',
    title: 'Security policies and training',
    intent:
      'A set of written security policies is approved by management, reviewed yearly and acknowledged by everyone, who also complete security awareness training on joining and yearly.',
    whyResponsibility: PEOPLE_WHY,
    criteria: ['CC5.3', 'CC5.2', 'CC2.2', 'CC1.4'],
    evidence: [
      doc(
        'doc.information-security-policy',
        'Information security policy set',
        'The policies (access, encryption, logging, incident, change, vendor, backup, acceptable use…) with owners and approval dates.',
      ),
      shot('shot.training-completion'),
      doc(
        'doc.policy-acknowledgements',
        'Policy acknowledgements',
        'Records that every employee and contractor accepted the current policies.',
      ),
    ],
    frequency: 'annually',
  }),
  owned({
    id: 'control-monitoring',
    title: 'Monitoring of controls and fixing deficiencies',
    intent:
      "The security lead reviews the state of every control on a schedule (this workbench's dashboard), records deficiencies, assigns owners and deadlines, and reports them to leadership.",
    whyResponsibility: 'Checking that your own controls keep working is a management duty no vendor can take on.',
    criteria: ['CC4.1', 'CC4.2', 'CC5.1'],
    evidence: [
      doc(
        'doc.control-review',
        'Control review record',
        'The dated review of control status, the deficiencies found, their owners and how they were fixed.',
      ),
    ],
    frequency: 'quarterly',
  }),
];
