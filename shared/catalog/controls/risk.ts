import { awsReport, doc, shot } from '../evidence';
import type { ControlDef } from '../types';
import { owned } from './build';

/** Risk, vendors, and what the company knows and says about its system (CC2, CC3, CC9). */
export const RISK_CONTROLS: ControlDef[] = [
  owned({
    id: 'risk-assessment',
    title: 'Risk assessment',
    intent:
      'At least once a year the company states its objectives, lists what could threaten them (including fraud and big changes such as new products or vendors), rates each risk and decides how to treat it.',
    whyResponsibility: "Your risks depend on your business, data and people; AWS's risk assessment covers only AWS.",
    criteria: ['CC3.1', 'CC3.2', 'CC3.3', 'CC3.4', 'CC5.1', 'CC9.1'],
    evidence: [
      doc(
        'doc.risk-register',
        'Risk register',
        'Each risk with likelihood, impact, owner, treatment and status, including fraud risks.',
      ),
      doc(
        'doc.risk-assessment-report',
        'Annual risk assessment',
        "The dated assessment, who took part, the objectives it assessed against, and management's approval.",
      ),
    ],
    frequency: 'annually',
  }),
  owned({
    id: 'asset-inventory',
    title: 'System description and asset inventory',
    intent:
      'The company keeps an up-to-date description of its system: AWS accounts, services, data stores, the data they hold and how it flows, so controls and risks apply to the right things.',
    whyResponsibility: 'Only you know which AWS accounts and resources make up your product and what data they hold.',
    criteria: ['CC2.1', 'CC3.2', 'CC6.1'],
    evidence: [
      doc(
        'doc.system-description',
        'System description',
        "The system's components, boundaries, data flows and the AWS services in use (with regions).",
      ),
      doc(
        'doc.asset-inventory',
        'Asset inventory',
        'AWS accounts, key resources and data stores with owner and data classification.',
      ),
    ],
    frequency: 'quarterly',
  }),
  owned({
    id: 'vendor-risk-management',
    title: 'Vendor risk management, including the AWS SOC 2 report review',
    intent:
      'Critical vendors are listed and reviewed at least yearly. For AWS this means reading its SOC 2 report: checking the period, opinion, services and regions in scope and any exceptions, and mapping each complementary user entity control (CUEC) to one of your controls.',
    whyResponsibility:
      'Relying on a vendor is your decision, so checking it deserves that reliance is yours. Every inherited control rests on this review.',
    criteria: ['CC9.2', 'CC2.3', 'CC3.2'],
    evidence: [
      awsReport(
        'The dated review: report name, type and period, service auditor and opinion, categories and your services and regions in scope, exceptions and their impact, each CUEC mapped to your control, any gap to your audit date, reviewer and conclusion.',
      ),
      shot('shot.artifact-soc2-report'),
      doc(
        'doc.vendor-inventory',
        'Vendor inventory',
        'Every vendor with access to your data or systems, its criticality, the data it holds and the date of its last review.',
      ),
      doc(
        'doc.vendor-reviews',
        'Vendor reviews',
        'The latest review of each critical vendor (its SOC 2 or security questionnaire) with the conclusion.',
      ),
    ],
    frequency: 'annually',
  }),
  owned({
    id: 'external-communication',
    title: 'Commitments and security contact for customers',
    intent:
      'Customers know what you commit to (terms, security page, SLA) and how to report a security issue or complaint, and the company tells them of changes and incidents that affect them.',
    whyResponsibility: 'Your commitments to your customers are your own; AWS has no relationship with them.',
    criteria: ['CC2.3'],
    evidence: [
      shot('shot.trust-page'),
      doc(
        'doc.customer-terms',
        'Customer terms and security commitments',
        'The terms of service, data processing terms or SLA that state your security and availability commitments.',
      ),
    ],
    frequency: 'annually',
  }),
];
