import { doc } from '../evidence';
import type { ControlDef } from '../types';
import { owned } from './build';

const PRIVACY_WHY =
  'You decide what personal information you collect and what you do with it; AWS only stores and processes it on your instructions.';

const privacy = (c: Omit<ControlDef, 'responsibility' | 'category' | 'whyResponsibility'>): ControlDef =>
  owned({ ...c, whyResponsibility: PRIVACY_WHY, category: 'privacy' });

/** Privacy (P1-P8): only when Privacy is in scope. */
export const PRIVACY_CONTROLS: ControlDef[] = [
  privacy({
    id: 'privacy-notice',
    title: 'Privacy notice',
    intent:
      'A privacy notice tells people what personal information is collected, why, how long it is kept, who it is shared with and how to exercise their rights.',
    criteria: ['P1.1'],
    evidence: [
      doc(
        'doc.privacy-notice',
        'Privacy notice',
        'The published privacy notice with its effective date and the history of changes.',
      ),
    ],
    frequency: 'annually',
  }),
  privacy({
    id: 'privacy-consent',
    title: 'Choice and consent',
    intent:
      'People are told their choices, and consent is obtained and recorded where needed (including explicit consent for sensitive data), and can be withdrawn.',
    criteria: ['P2.1', 'P3.2'],
    evidence: [
      doc(
        'doc.consent-records',
        'Consent records',
        'Where consent is asked for, how it is recorded, and an example consent record with its timestamp.',
      ),
    ],
    frequency: 'continuous',
  }),
  privacy({
    id: 'data-minimization',
    title: 'Collect and use only what is needed',
    intent:
      'Only the personal information needed for the stated purposes is collected, and it is used only for those purposes.',
    criteria: ['P3.1', 'P4.1'],
    evidence: [
      doc(
        'doc.data-inventory',
        'Personal data inventory',
        'Each kind of personal information collected, its purpose, legal basis and the systems holding it.',
      ),
    ],
    frequency: 'annually',
  }),
  privacy({
    id: 'privacy-retention-disposal',
    title: 'Retention and disposal of personal information',
    intent: 'Personal information is kept only as long as its purpose needs, then securely deleted or anonymised.',
    criteria: ['P4.2', 'P4.3'],
    evidence: [
      doc(
        'doc.privacy-retention',
        'Personal data retention schedule',
        'Retention periods for personal information and records of scheduled deletion.',
      ),
    ],
    frequency: 'per_event',
  }),
  privacy({
    id: 'data-subject-requests',
    title: 'Access, correction and accounting requests',
    intent:
      'People can ask to see, correct or get an account of their personal information and its disclosures; requests are verified, answered on time and logged.',
    criteria: ['P5.1', 'P5.2', 'P6.7'],
    evidence: [
      doc(
        'doc.dsr-procedure',
        'Data subject request procedure',
        'How requests are received, identity verified, answered and within what time.',
      ),
      doc('doc.dsr-log', 'Request log', 'Every request in the period with dates, type and outcome.'),
    ],
    frequency: 'per_event',
  }),
  privacy({
    id: 'third-party-disclosure',
    title: 'Disclosure to third parties',
    intent:
      'Personal information goes to third parties only for purposes people were told of or consented to, and each disclosure is recorded.',
    criteria: ['P6.1', 'P6.2'],
    evidence: [
      doc(
        'doc.subprocessor-list',
        'Subprocessor list and disclosure log',
        'The published subprocessor list and the record of other disclosures (for example to authorities).',
      ),
    ],
    frequency: 'per_event',
  }),
  privacy({
    id: 'privacy-vendor-commitments',
    title: 'Privacy commitments from vendors',
    intent:
      'Vendors handling personal information sign data processing terms that bind them to your privacy commitments and require them to report unauthorised disclosures.',
    criteria: ['P6.4', 'P6.5'],
    evidence: [
      doc(
        'doc.dpas',
        'Data processing agreements',
        'Signed DPAs with each vendor handling personal information, including their breach notification duty.',
      ),
    ],
    frequency: 'annually',
  }),
  privacy({
    id: 'breach-notification',
    title: 'Privacy breach recording and notification',
    intent:
      'Unauthorised disclosures of personal information are recorded, assessed, and notified to affected people and regulators within required deadlines.',
    criteria: ['P6.3', 'P6.6'],
    evidence: [
      doc(
        'doc.breach-procedure',
        'Breach notification procedure',
        'How privacy incidents are assessed and who is notified, by when.',
      ),
      doc(
        'doc.breach-register',
        'Breach register',
        'Each privacy incident with its assessment and notifications (or a statement that there were none).',
      ),
    ],
    frequency: 'per_event',
  }),
  privacy({
    id: 'data-quality',
    title: 'Accuracy of personal information',
    intent:
      'Personal information is kept accurate and complete: people can update it themselves and it is validated when collected.',
    criteria: ['P7.1'],
    evidence: [
      doc(
        'doc.data-quality',
        'Data quality measures',
        'How personal information is validated at collection and how people update it.',
      ),
    ],
    frequency: 'continuous',
  }),
  privacy({
    id: 'privacy-inquiries',
    title: 'Privacy inquiries and complaints',
    intent:
      'There is a published way to raise privacy questions and complaints; each is logged, answered and tracked to resolution.',
    criteria: ['P8.1'],
    evidence: [
      doc(
        'doc.privacy-complaints',
        'Privacy inquiry log',
        'The contact channel and the log of inquiries and complaints with their resolution.',
      ),
    ],
    frequency: 'per_event',
  }),
];
