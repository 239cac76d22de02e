import { doc, shot } from '../evidence';
import type { ControlDef } from '../types';
import { owned } from './build';

/** How data and networks are protected in the company's own AWS account and on its laptops. */
export const INFRASTRUCTURE_CONTROLS: ControlDef[] = [
  owned({
    id: 'encryption-at-rest',
    title: 'Encryption at rest',
    intent: 'Customer data is encrypted wherever it is stored: S3 buckets, EBS disks, databases and backups.',
    whyResponsibility:
      'AWS provides encryption but most of it is a setting on resources you create; whether it is on, and with which key, is your configuration.',
    criteria: ['CC6.1', 'C1.1', 'PI1.5'],
    evidence: [shot('shot.s3-bucket-encryption'), shot('shot.ebs-encryption-default'), shot('shot.rds-multi-az')],
    frequency: 'continuous',
  }),
  owned({
    id: 'encryption-in-transit',
    title: 'Encryption in transit',
    intent:
      'Data travelling to and from your service, and between your services, uses TLS; plain HTTP is redirected or refused.',
    whyResponsibility:
      'You choose the listeners, certificates and TLS policies of your endpoints, and how your own services talk to each other.',
    criteria: ['CC6.7', 'CC6.1'],
    evidence: [
      shot('shot.elb-listeners'),
      doc(
        'doc.tls-configuration',
        'TLS configuration',
        'An external TLS scan of your public endpoints (for example SSL Labs) and the policy requiring TLS 1.2 or later.',
      ),
    ],
    frequency: 'continuous',
  }),
  owned({
    id: 'network-security',
    title: 'Security groups, VPC and flow logs',
    intent:
      'Production runs in VPCs whose security groups admit only needed traffic, with no administrative ports open to the internet, no public buckets, and flow logs recording traffic.',
    whyResponsibility:
      'AWS runs the network underneath; the firewall rules, subnets and logging of your VPCs are what you configure.',
    criteria: ['CC6.6', 'CC6.1', 'CC7.2'],
    evidence: [
      shot('shot.security-groups'),
      shot('shot.vpc-flow-logs'),
      shot('shot.s3-block-public-access'),
      doc(
        'doc.network-diagram',
        'Network diagram',
        'The production network: VPCs, subnets, public entry points and what talks to what.',
      ),
    ],
    frequency: 'continuous',
  }),
  owned({
    id: 'endpoint-security',
    title: 'Laptop and device security',
    intent:
      'Company laptops used to reach production have disk encryption, screen lock, current OS updates and malware protection, and are wiped before being reused or disposed of.',
    whyResponsibility:
      "Your people's devices are outside AWS entirely; they hold the credentials that reach your account.",
    criteria: ['CC6.8', 'CC6.7', 'CC6.5', 'CC6.4'],
    evidence: [
      shot('shot.mdm-compliance'),
      doc(
        'doc.device-inventory',
        'Device inventory',
        'The list of company devices with owner, encryption status and disposal records.',
      ),
    ],
    frequency: 'continuous',
  }),
];
