import { awsReport, doc, shot } from '../evidence';
import type { ControlDef } from '../types';
import { shared } from './build';

/** Where AWS and the company each operate part of the same control; `split` says who does what. */
export const SHARED_CONTROLS: ControlDef[] = [
  shared({
    id: 'patch-management',
    title: 'Patching',
    intent: 'Every layer of software is kept patched: AWS patches what it runs, you patch what you run.',
    whyResponsibility: "The line sits at the guest operating system: below it is AWS's, on and above it is yours.",
    split: {
      aws: 'Patches the physical hosts, the hypervisor, and the operating systems and engines of managed services (for example RDS minor versions when you allow it, Lambda runtimes).',
      company:
        'Patches the guest operating system of EC2 instances, container base images, your application and its libraries, and schedules managed-service upgrades.',
    },
    criteria: ['CC7.1', 'CC6.8'],
    evidence: [
      awsReport('Confirm the report covers patching of AWS hosts and managed service infrastructure.'),
      shot('shot.ssm-patch-compliance'),
      doc(
        'doc.patching-procedure',
        'Patching procedure',
        'What you patch, how often, how urgent patches are fast-tracked, and the latest patch report.',
      ),
    ],
    frequency: 'monthly',
  }),
  shared({
    id: 'key-management',
    title: 'Encryption key management',
    intent:
      'The keys that protect your data are held in hardware AWS cannot read, used only by the people and services that need them, and rotated.',
    whyResponsibility:
      'AWS runs the KMS service and its hardware security modules; who may use each key, and its rotation, are set by you.',
    split: {
      aws: 'Operates KMS and its FIPS-validated hardware security modules, and keeps key material from ever leaving them in plaintext.',
      company:
        'Creates customer managed keys, writes key policies that limit who may use them, turns on automatic rotation, and guards against deletion.',
    },
    criteria: ['CC6.1', 'C1.1'],
    evidence: [
      awsReport('Confirm the report covers KMS key storage and the protection of HSMs.'),
      shot('shot.kms-key-rotation'),
      doc(
        'doc.key-management-policy',
        'Key management policy',
        'Which keys exist, who may use or administer them, rotation periods and how key deletion is approved.',
      ),
    ],
    frequency: 'annually',
  }),
  shared({
    id: 'availability-resilience',
    title: 'Resilient architecture',
    intent:
      'Production survives the loss of a data center: it runs across several Availability Zones, with room to grow.',
    whyResponsibility:
      'AWS builds separate zones and regions; only your architecture decides whether your service actually uses them.',
    split: {
      aws: 'Runs Regions made of isolated Availability Zones with independent power and networking, and makes some services (S3, DynamoDB) multi-zone by design.',
      company:
        'Deploys load balancers, instances and databases across at least two zones, sets up auto scaling, and plans for a region failure if its commitments require it.',
    },
    criteria: ['A1.1', 'A1.2', 'CC9.1'],
    category: 'availability',
    evidence: [
      awsReport('Confirm the report covers the availability and redundancy of the AWS services and regions you use.'),
      shot('shot.rds-multi-az'),
      doc(
        'doc.architecture-diagram',
        'Architecture diagram',
        'Production across Availability Zones: load balancers, compute, databases, and how failover works.',
      ),
    ],
    frequency: 'annually',
  }),
  shared({
    id: 'configuration-management',
    title: 'Secure configuration baselines',
    intent:
      'Systems start from hardened, documented configurations, defined as code where possible, so every environment is built the same way.',
    whyResponsibility: 'AWS hardens the services it runs; the settings of what you build on them are yours.',
    split: {
      aws: 'Hardens and configures the infrastructure and managed services it operates, and publishes secure defaults and best practices.',
      company:
        'Defines baselines for its instances, containers and AWS resources (ideally as infrastructure as code), applies them, and reviews deviations.',
    },
    criteria: ['CC7.1', 'CC5.2', 'CC8.1'],
    evidence: [
      awsReport('Confirm the report covers baseline configuration of AWS infrastructure.'),
      doc(
        'doc.configuration-baseline',
        'Configuration baseline',
        'The hardening standard (for example CIS benchmarks) and the infrastructure-as-code repository that applies it.',
      ),
    ],
    frequency: 'annually',
  }),
];
