import type { Services } from '../../services/create-services';
import type { DomainHandlers } from '../router';

export const awsReportHandlers = (s: Services): DomainHandlers<'awsReport'> => ({
  get: () => s.awsReport.get(),
  save: (input) => s.awsReport.save(input),
  chooseReportFile: () => s.awsReport.chooseReportFile(),
  sign: (input) => s.awsReport.sign(input.key),
  reopen: (input) => s.awsReport.reopen(input.reason),
});
