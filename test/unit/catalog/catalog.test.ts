import { describe, expect, it } from 'vitest';
import {
  AWS_REPORT_REVIEW_CONTROL_ID,
  CHECKS,
  CONTROLS,
  CRITERIA,
  SCREENSHOTS,
  controlById,
  controlsForCheck,
  criterionById,
  screenshotRequest,
} from '../../../shared/catalog';

const evidenceOf = <T extends string>(type: T) =>
  CONTROLS.flatMap((c) => c.evidence.filter((e) => e.type === type).map((e) => ({ control: c.id, e })));

describe('criteria', () => {
  it('lists the 61 criteria of the 2017 TSC once each, grouped by their id prefix', () => {
    expect(CRITERIA).toHaveLength(61);
    expect(new Set(CRITERIA.map((c) => c.id)).size).toBe(61);
    for (const c of CRITERIA) {
      expect(c.id.startsWith(c.group), c.id).toBe(true);
      expect(c.summary.length, c.id).toBeGreaterThan(20);
    }
    const counts = Object.fromEntries(
      ['security', 'availability', 'confidentiality', 'processing_integrity', 'privacy'].map((cat) => [
        cat,
        CRITERIA.filter((c) => c.category === cat).length,
      ]),
    );
    expect(counts).toEqual({ security: 33, availability: 3, confidentiality: 2, processing_integrity: 5, privacy: 18 });
  });
});

describe('controls', () => {
  it('have unique kebab-case ids', () => {
    const ids = CONTROLS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('reference only known criteria, without repeats', () => {
    for (const c of CONTROLS) {
      expect(c.criteria.length, c.id).toBeGreaterThan(0);
      expect(new Set(c.criteria).size, c.id).toBe(c.criteria.length);
      for (const id of c.criteria) expect(criterionById(id), `${c.id} -> ${id}`).toBeDefined();
    }
  });

  it('explain themselves in plain language and say what will prove them', () => {
    for (const c of CONTROLS) {
      expect(c.title.trim(), c.id).not.toBe('');
      expect(c.intent.length, c.id).toBeGreaterThan(40);
      expect(c.whyResponsibility.length, c.id).toBeGreaterThan(40);
      expect(c.evidence.length, c.id).toBeGreaterThan(0);
    }
  });

  it('give a split exactly when shared, and inherited ones are proved by the AWS report review', () => {
    for (const c of CONTROLS) {
      expect(c.split !== undefined, c.id).toBe(c.responsibility === 'shared');
      if (c.split) expect(c.split.aws.length * c.split.company.length, c.id).toBeGreaterThan(0);
      if (c.responsibility === 'inherited')
        expect(
          c.evidence.map((e) => e.type),
          c.id,
        ).toEqual(['aws_report']);
    }
  });

  it('in an optional category support at least one criterion of that category', () => {
    for (const c of CONTROLS.filter((c) => c.category !== 'security')) {
      expect(
        c.criteria.some((id) => criterionById(id)?.category === c.category),
        c.id,
      ).toBe(true);
    }
  });

  it('include the controls later work links to, with the right responsibility', () => {
    const expected = {
      inherited: [
        'aws-physical-security',
        'aws-hardware-lifecycle',
        'aws-network-backbone',
        'aws-hypervisor-isolation',
      ],
      owned: [
        'iam-root-account',
        'iam-mfa-enforcement',
        'iam-password-policy',
        'iam-access-key-rotation',
        'iam-least-privilege',
        'access-reviews',
        'encryption-at-rest',
        'encryption-in-transit',
        'network-security',
        'logging-monitoring',
        'threat-detection',
        'vulnerability-management',
        'configuration-monitoring',
        'incident-response',
        'vendor-risk-management',
        'change-management',
        'backup-recovery',
        'security-policies-training',
      ],
      shared: ['patch-management', 'key-management', 'availability-resilience', 'configuration-management'],
    } as const;
    for (const [responsibility, ids] of Object.entries(expected)) {
      for (const id of ids) expect(controlById(id)?.responsibility, id).toBe(responsibility);
    }
    expect(controlById('no-such-control')).toBeUndefined();
  });

  it('record the AWS report review on an owned control that carries it as evidence', () => {
    const review = controlById(AWS_REPORT_REVIEW_CONTROL_ID);
    expect(review?.responsibility).toBe('owned');
    expect(review?.criteria).toContain('CC9.2');
    expect(review?.evidence.some((e) => e.type === 'aws_report')).toBe(true);
  });
});

describe('checks', () => {
  it('every check id a control refers to is a known check, and titles match', () => {
    const known = new Map(CHECKS.map((c) => [c.id as string, c]));
    expect(known.size).toBe(CHECKS.length);
    for (const { control, e } of evidenceOf('check')) {
      if (e.type !== 'check') continue;
      expect(known.has(e.checkId), `${control} -> ${e.checkId}`).toBe(true);
      expect(e.title).toBe(known.get(e.checkId)?.title);
    }
  });

  it('link each IAM check to the controls the collectors rely on', () => {
    const links = Object.fromEntries(
      CHECKS.filter((c) => c.id.startsWith('iam.')).map((c) => [
        c.id,
        controlsForCheck(c.id)
          .map((x) => x.id)
          .sort(),
      ]),
    );
    expect(links).toEqual({
      'iam.root-mfa': ['iam-root-account'],
      'iam.root-access-keys': ['iam-root-account'],
      'iam.root-recent-use': ['iam-root-account'],
      'iam.console-users-mfa': ['iam-mfa-enforcement'],
      'iam.password-policy': ['iam-password-policy'],
      'iam.access-key-rotation': ['iam-access-key-rotation'],
      'iam.unused-credentials': ['access-reviews', 'iam-access-key-rotation'],
      'iam.admin-access': ['access-reviews', 'iam-least-privilege'],
      'iam.users-direct-policies': ['iam-least-privilege'],
    });
    expect(controlsForCheck('iam.nope')).toEqual([]);
  });
});

describe('screenshot requests', () => {
  it('have unique ids, and every one is requested by some control', () => {
    const ids = SCREENSHOTS.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    const used = new Set(evidenceOf('screenshot').map(({ e }) => (e.type === 'screenshot' ? e.id : '')));
    for (const id of ids) expect(used.has(id), id).toBe(true);
  });

  it('with one id always describe the same request, wherever a control uses it', () => {
    for (const { control, e } of evidenceOf('screenshot')) {
      if (e.type !== 'screenshot') continue;
      expect(
        SCREENSHOTS.find((s) => s.id === e.id),
        `${control} -> ${e.id}`,
      ).toEqual(e);
    }
  });

  it('give AWS console paths after the host, without a region (the capture code adds it)', () => {
    for (const s of SCREENSHOTS) {
      expect(s.id).toMatch(/^shot\.[a-z0-9]+(-[a-z0-9]+)*$/);
      if (s.where.kind !== 'aws') {
        expect(s.where.tool.length * s.where.hint.length, s.id).toBeGreaterThan(0);
        continue;
      }
      expect(s.where.path, s.id).toMatch(/^\/[a-z0-9-]+\//);
      expect(s.where.path, s.id).not.toMatch(/region=|amazon\.com|^https?:/);
    }
  });

  it('cover the pages the capture issue asks for', () => {
    const required = [
      'shot.iam-dashboard',
      'shot.iam-account-settings',
      'shot.iam-users',
      'shot.iam-roles-admin',
      'shot.cloudtrail-trails',
      'shot.cloudwatch-alarms',
      'shot.guardduty-settings',
      'shot.s3-bucket-encryption',
      'shot.ebs-encryption-default',
      'shot.security-groups',
      'shot.vpc-flow-logs',
      'shot.kms-key-rotation',
      'shot.backup-plans',
      'shot.inspector-status',
      'shot.config-status',
    ];
    for (const id of required) expect(screenshotRequest(id)?.where.kind, id).toBe('aws');
    for (const id of ['shot.github-branch-protection', 'shot.idp-mfa-policy', 'shot.hr-onboarding'])
      expect(screenshotRequest(id)?.where.kind, id).toBe('web');
    expect(screenshotRequest('shot.iam-account-settings')?.where).toEqual({
      kind: 'aws',
      service: 'IAM',
      path: '/iam/home#/account_settings',
      regional: false,
    });
  });

  it('name every control a shared request proves', () => {
    expect(screenshotRequest('shot.iam-users')?.controlIds.sort()).toEqual([
      'iam-access-key-rotation',
      'iam-mfa-enforcement',
    ]);
    expect(screenshotRequest('shot.nope')).toBeUndefined();
  });
});

describe('document requests', () => {
  it('have unique ids across the catalog and say what the document must contain', () => {
    const docs = evidenceOf('document');
    const ids = docs.map(({ e }) => (e.type === 'document' ? e.id : ''));
    expect(new Set(ids).size).toBe(ids.length);
    for (const { e } of docs) {
      if (e.type !== 'document') continue;
      expect(e.id).toMatch(/^doc\.[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(e.description.length, e.id).toBeGreaterThan(20);
    }
  });
});
