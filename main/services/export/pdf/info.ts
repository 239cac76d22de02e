import { SAMPLE_MARK } from '../../../../shared/domain/workspace';
import type { BundleContent } from '../content';

/** The document information of index.pdf (title, author, subject, creator). */
export interface PdfInfo {
  title: string;
  author: string;
  subject: string;
  creator: string;
  /** A sample company's bundle: every page's footer says so. */
  sample: boolean;
}

export function pdfInfo({ model, fingerprint }: BundleContent): PdfInfo {
  return {
    title: `${model.meta.sample ? `${SAMPLE_MARK}: ` : ''}${model.meta.companyName} SOC 2 Type 1 bundle as of ${model.options.asOfDate}`,
    author: model.preparedBy.name,
    subject: `Bundle fingerprint ${fingerprint}`,
    creator: `Audit Workbench ${model.appVersion}`,
    sample: model.meta.sample === true,
  };
}
