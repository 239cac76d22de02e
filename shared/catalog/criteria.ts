import type { Category } from '../domain/workspace';
import type { Criterion, CriteriaGroup } from './types';

/**
 * The 61 criteria of the 2017 Trust Services Criteria (AICPA TSP 100, points of focus revised
 * 2022), in the AICPA's order. Summaries are our own plain-language paraphrases, not the
 * AICPA's text.
 */
const cc = (id: string, summary: string): Criterion => ({
  id,
  group: id.split('.')[0] as CriteriaGroup,
  category: 'security',
  summary,
});
const opt = (id: string, group: CriteriaGroup, category: Category, summary: string): Criterion => ({
  id,
  group,
  category,
  summary,
});

export const CRITERIA: readonly Criterion[] = [
  cc('CC1.1', 'The company shows it is committed to integrity and ethical values.'),
  cc('CC1.2', 'A board (or equivalent) independent of management oversees internal control.'),
  cc('CC1.3', 'Management defines structures, reporting lines, authorities and responsibilities.'),
  cc('CC1.4', 'The company attracts, develops and keeps competent people.'),
  cc('CC1.5', 'People are held accountable for their internal control responsibilities.'),

  cc('CC2.1', 'The company obtains and uses relevant, good-quality information to run its controls.'),
  cc('CC2.2', 'Control objectives and responsibilities are communicated inside the company.'),
  cc('CC2.3', 'The company communicates with customers, vendors and others about matters affecting controls.'),

  cc('CC3.1', 'Objectives are stated clearly enough that risks to them can be identified.'),
  cc('CC3.2', 'Risks to those objectives are identified and analysed to decide how to manage them.'),
  cc('CC3.3', 'The potential for fraud is considered when assessing risks.'),
  cc('CC3.4', 'Changes that could significantly affect internal control are identified and assessed.'),

  cc('CC4.1', 'Ongoing or separate evaluations check that controls are present and working.'),
  cc('CC4.2', 'Control deficiencies are evaluated and reported promptly to those who must fix them.'),

  cc('CC5.1', 'Control activities are chosen and built to bring risks down to acceptable levels.'),
  cc('CC5.2', 'General controls over technology are chosen and built to support the objectives.'),
  cc('CC5.3', 'Controls are put in place through policies that say what is expected, and procedures that do it.'),

  cc('CC6.1', 'Logical access security software, infrastructure and architecture protect information assets.'),
  cc('CC6.2', 'Users are registered and authorised before they get access, and removed when access ends.'),
  cc('CC6.3', 'Access is granted, changed and removed by role, least privilege and separation of duties.'),
  cc('CC6.4', 'Physical access to facilities and protected information assets is restricted.'),
  cc('CC6.5', 'Protection of data continues until it is removed or destroyed when assets are disposed of.'),
  cc('CC6.6', 'Logical access measures protect against threats from outside the system boundary.'),
  cc('CC6.7', 'Moving and transmitting information is restricted to authorised users and processes, and protected.'),
  cc('CC6.8', 'Unauthorised or malicious software is prevented or detected, and acted on.'),

  cc('CC7.1', 'Detection and monitoring find configuration changes and newly discovered vulnerabilities.'),
  cc('CC7.2', 'Components are monitored for anomalies that suggest malicious acts, disasters or errors.'),
  cc('CC7.3', 'Security events are evaluated to decide whether they are incidents.'),
  cc('CC7.4', 'Incidents are responded to with a defined programme: understand, contain, fix, communicate.'),
  cc('CC7.5', 'Activities to recover from identified security incidents are identified and carried out.'),

  cc(
    'CC8.1',
    'Changes to infrastructure, data, software and procedures are authorised, designed, tested, approved and implemented.',
  ),

  cc('CC9.1', 'Risks of business disruption are identified and mitigated.'),
  cc('CC9.2', 'Risks from vendors and business partners are assessed and managed.'),

  opt(
    'A1.1',
    'A',
    'availability',
    'Current capacity and use are monitored so capacity can be added to meet commitments.',
  ),
  opt(
    'A1.2',
    'A',
    'availability',
    'Environmental protections, software, data backups and recovery infrastructure are in place and maintained.',
  ),
  opt('A1.3', 'A', 'availability', 'Recovery plan procedures are tested to show the system can be recovered.'),

  opt('C1.1', 'C', 'confidentiality', 'Confidential information is identified and kept protected.'),
  opt(
    'C1.2',
    'C',
    'confidentiality',
    'Confidential information is disposed of as committed once it is no longer needed.',
  ),

  opt(
    'PI1.1',
    'PI',
    'processing_integrity',
    'Information about processing objectives, including data definitions, is obtained and used.',
  ),
  opt('PI1.2', 'PI', 'processing_integrity', 'System inputs are checked to be complete and accurate.'),
  opt('PI1.3', 'PI', 'processing_integrity', 'Processing is complete, accurate, timely and authorised.'),
  opt(
    'PI1.4',
    'PI',
    'processing_integrity',
    'Outputs are complete, accurate, timely and delivered only to intended recipients.',
  ),
  opt(
    'PI1.5',
    'PI',
    'processing_integrity',
    'Stored inputs, items in process and outputs are kept complete, accurate and protected.',
  ),

  opt('P1.1', 'P', 'privacy', 'People are told about the privacy practices that apply to their personal information.'),
  opt(
    'P2.1',
    'P',
    'privacy',
    'People are told their choices about collection, use, retention, disclosure and disposal, and consent is obtained.',
  ),
  opt('P3.1', 'P', 'privacy', 'Personal information is collected only as needed for the stated objectives.'),
  opt('P3.2', 'P', 'privacy', 'Explicit consent is obtained and recorded where it is required.'),
  opt('P4.1', 'P', 'privacy', 'Personal information is used only for the purposes people were told about.'),
  opt('P4.2', 'P', 'privacy', 'Personal information is kept only as long as needed.'),
  opt('P4.3', 'P', 'privacy', 'Personal information is disposed of securely.'),
  opt('P5.1', 'P', 'privacy', 'People can see the personal information held about them.'),
  opt('P5.2', 'P', 'privacy', 'People can have their personal information corrected, and disagreements are recorded.'),
  opt('P6.1', 'P', 'privacy', 'Personal information is disclosed to third parties only with consent or as allowed.'),
  opt('P6.2', 'P', 'privacy', 'Authorised disclosures of personal information are recorded completely and accurately.'),
  opt('P6.3', 'P', 'privacy', 'Unauthorised disclosures, including breaches, are recorded completely and accurately.'),
  opt(
    'P6.4',
    'P',
    'privacy',
    'Vendors and other third parties with access commit to privacy obligations, and are checked.',
  ),
  opt('P6.5', 'P', 'privacy', 'Vendors must tell the company about unauthorised disclosures of personal information.'),
  opt('P6.6', 'P', 'privacy', 'Affected people are notified of breaches and incidents as committed or required.'),
  opt('P6.7', 'P', 'privacy', 'People can get an account of the personal information held and its disclosures.'),
  opt('P7.1', 'P', 'privacy', 'Personal information is kept accurate, complete and relevant.'),
  opt('P8.1', 'P', 'privacy', 'Privacy inquiries, complaints and disputes are received, handled and monitored.'),
];

export const CRITERIA_GROUPS: readonly CriteriaGroup[] = [
  'CC1',
  'CC2',
  'CC3',
  'CC4',
  'CC5',
  'CC6',
  'CC7',
  'CC8',
  'CC9',
  'A',
  'C',
  'PI',
  'P',
];

export const GROUP_LABELS: Record<CriteriaGroup, string> = {
  CC1: 'Control environment',
  CC2: 'Information and communication',
  CC3: 'Risk assessment',
  CC4: 'Monitoring activities',
  CC5: 'Control activities',
  CC6: 'Logical and physical access',
  CC7: 'System operations',
  CC8: 'Change management',
  CC9: 'Risk mitigation',
  A: 'Availability',
  C: 'Confidentiality',
  PI: 'Processing integrity',
  P: 'Privacy',
};

const GROUP_CATEGORY: Record<CriteriaGroup, Category> = {
  CC1: 'security',
  CC2: 'security',
  CC3: 'security',
  CC4: 'security',
  CC5: 'security',
  CC6: 'security',
  CC7: 'security',
  CC8: 'security',
  CC9: 'security',
  A: 'availability',
  C: 'confidentiality',
  PI: 'processing_integrity',
  P: 'privacy',
};

/** Groups shown for a workspace's categories, in the AICPA's order. */
export const groupsForCategories = (categories: readonly Category[]): CriteriaGroup[] =>
  CRITERIA_GROUPS.filter((g) => categories.includes(GROUP_CATEGORY[g]));

const BY_ID = new Map(CRITERIA.map((c) => [c.id, c]));
export const criterionById = (id: string): Criterion | undefined => BY_ID.get(id);

export const criteriaForCategories = (categories: readonly Category[]): Criterion[] =>
  CRITERIA.filter((c) => categories.includes(c.category));
