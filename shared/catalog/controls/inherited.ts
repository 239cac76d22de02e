import { awsReport } from '../evidence';
import type { ControlDef } from '../types';

/**
 * Controls AWS operates for the layers customers cannot reach: buildings, hardware, the backbone
 * network and the virtualisation layer. AWS's SOC 2 report is the proof; the company's part is to
 * review it (see `vendor-risk-management`) and to operate the complementary user entity controls.
 */
const inherited = (
  c: Omit<ControlDef, 'responsibility' | 'frequency' | 'category'> & Partial<Pick<ControlDef, 'category'>>,
): ControlDef => ({
  responsibility: 'inherited',
  frequency: 'annually',
  category: 'security',
  ...c,
});

export const INHERITED_CONTROLS: ControlDef[] = [
  inherited({
    id: 'aws-physical-security',
    title: 'Physical security of data centers',
    intent:
      'Only authorised people can enter the buildings and rooms where the servers holding your data run; entry is badged, guarded, recorded and reviewed.',
    whyResponsibility:
      'You do not own or enter AWS data centers, and AWS does not let customers in. AWS runs these controls and its SOC 2 report shows an auditor tested them.',
    criteria: ['CC6.4'],
    evidence: [
      awsReport(
        'Confirm the report covers physical access to data centers (badges, guards, visitor logs, access reviews) with no exceptions that affect you.',
      ),
    ],
  }),
  inherited({
    id: 'aws-environmental-protections',
    title: 'Power, cooling and fire protection in data centers',
    intent:
      'Data centers have backup power, climate control, fire detection and suppression, and these are maintained and tested.',
    whyResponsibility:
      "These protect AWS buildings you cannot access or change, so they are wholly AWS's; the report shows they were tested.",
    criteria: ['A1.2'],
    category: 'availability',
    evidence: [
      awsReport(
        'Confirm the report covers environmental protections (UPS and generators, fire suppression, climate monitoring) and their maintenance.',
      ),
    ],
  }),
  inherited({
    id: 'aws-hardware-lifecycle',
    title: 'Hardware maintenance and end-of-life media disposal',
    intent:
      "Servers and network equipment are maintained, and disks that held customer data are wiped or destroyed before they leave AWS's control.",
    whyResponsibility:
      'AWS owns the physical hardware and decides when it is repaired or retired; you never handle the disks. Deleting your own data from your accounts stays yours.',
    criteria: ['CC6.5', 'C1.2'],
    evidence: [
      awsReport(
        'Confirm the report covers media sanitisation and destruction (for example to NIST 800-88) and hardware maintenance.',
      ),
    ],
  }),
  inherited({
    id: 'aws-network-backbone',
    title: 'Network redundancy and backbone resilience',
    intent:
      "AWS's global network, its links between Availability Zones and Regions, and its edge are redundant and protected against attacks such as DDoS.",
    whyResponsibility:
      'The backbone and the physical network below your VPC belong to AWS. Designing your own workload across zones is yours (see the shared availability control).',
    criteria: ['CC6.6', 'CC9.1', 'A1.2'],
    evidence: [
      awsReport("Confirm the report covers network redundancy, boundary protection and monitoring of AWS's network."),
    ],
  }),
  inherited({
    id: 'aws-hypervisor-isolation',
    title: 'Hypervisor security and tenant isolation',
    intent:
      "The virtualisation layer keeps each customer's instances, memory and storage separate from every other customer's.",
    whyResponsibility:
      'Customers cannot see or change the hypervisor (Nitro) or the host it runs on. AWS builds, patches and tests it, and its report shows that.',
    criteria: ['CC6.1', 'CC6.6'],
    evidence: [
      awsReport(
        'Confirm the report covers logical separation of customer environments and hardening of the virtualisation layer.',
      ),
    ],
  }),
  inherited({
    id: 'aws-personnel-access',
    title: 'AWS staff access to infrastructure',
    intent:
      'AWS employees get access to AWS systems only after screening and approval, with least privilege, and lose it when they leave.',
    whyResponsibility:
      "These are AWS's own employees and systems; you cannot manage or review their accounts. Your own people's access is covered by your IAM and HR controls.",
    criteria: ['CC6.2', 'CC6.3'],
    evidence: [
      awsReport(
        'Confirm the report covers provisioning, review and removal of AWS employee access, and background checks for AWS staff.',
      ),
    ],
  }),
  inherited({
    id: 'aws-infrastructure-change-management',
    title: 'Changes to AWS infrastructure',
    intent:
      'Changes AWS makes to its hardware, firmware, hypervisor and service software are authorised, tested and approved before deployment.',
    whyResponsibility:
      "You do not see or approve changes inside AWS services; AWS's change process is tested in its report. Changes to your own systems are yours (change management).",
    criteria: ['CC8.1', 'CC7.1'],
    evidence: [
      awsReport('Confirm the report covers AWS change management and vulnerability management for its infrastructure.'),
    ],
  }),
];
