import { doc } from '../evidence';
import type { ControlDef } from '../types';
import { owned } from './build';

const PI_WHY =
  'Whether your product processes data correctly depends on your code and operations; AWS only runs the machines.';

/** Processing integrity (PI1): only when the company commits to complete, accurate processing. */
export const PROCESSING_INTEGRITY_CONTROLS: ControlDef[] = [
  owned({
    id: 'processing-specifications',
    title: 'Processing specifications',
    intent:
      'What the system must do with data is written down: the inputs it accepts, the processing, the outputs, and the data definitions, and customers can see what applies to them.',
    whyResponsibility: PI_WHY,
    criteria: ['PI1.1'],
    category: 'processing_integrity',
    evidence: [
      doc(
        'doc.processing-specs',
        'Processing specifications',
        'Product documentation or specifications describing inputs, processing rules, outputs and data definitions.',
      ),
    ],
    frequency: 'annually',
  }),
  owned({
    id: 'input-validation',
    title: 'Input validation',
    intent:
      'Data entering the system is checked for completeness and accuracy (schema validation, required fields, limits), and rejected inputs are reported.',
    whyResponsibility: PI_WHY,
    criteria: ['PI1.2'],
    category: 'processing_integrity',
    evidence: [
      doc(
        'doc.input-validation',
        'Input validation design',
        'Where and how inputs are validated, with an example of a rejected input and its error.',
      ),
    ],
    frequency: 'continuous',
  }),
  owned({
    id: 'processing-monitoring',
    title: 'Processing monitoring and error handling',
    intent:
      'Jobs and transactions are monitored; failures are detected, retried or corrected, and reconciled so nothing is lost or processed twice.',
    whyResponsibility: PI_WHY,
    criteria: ['PI1.3'],
    category: 'processing_integrity',
    evidence: [
      doc(
        'doc.processing-monitoring',
        'Processing monitoring',
        'Alerts on failed jobs or queues, the error-handling procedure, and an example of a failure handled.',
      ),
    ],
    frequency: 'continuous',
  }),
  owned({
    id: 'output-review',
    title: 'Output completeness and delivery',
    intent:
      'Outputs (reports, exports, API results, notifications) are checked for completeness and go only to the intended recipients.',
    whyResponsibility: PI_WHY,
    criteria: ['PI1.4'],
    category: 'processing_integrity',
    evidence: [
      doc(
        'doc.output-controls',
        'Output controls',
        'How outputs are reconciled with inputs and how delivery is restricted to the right tenant or recipient.',
      ),
    ],
    frequency: 'continuous',
  }),
  owned({
    id: 'stored-data-integrity',
    title: 'Integrity of stored data',
    intent:
      'Stored data stays complete and accurate: only authorised processes can change it, changes are logged, and it can be restored to a known good state.',
    whyResponsibility: PI_WHY,
    criteria: ['PI1.5'],
    category: 'processing_integrity',
    evidence: [
      doc(
        'doc.data-integrity',
        'Data integrity controls',
        'Database constraints, write permissions, audit trails and point-in-time recovery settings for production data.',
      ),
    ],
    frequency: 'continuous',
  }),
];
