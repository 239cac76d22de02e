/** Inspects one file in a fresh process and prints the outcome: run by json-import.test.ts with a small heap. */
import { inspectImport } from '../../../main/services/evidence/import-validation';

inspectImport(process.argv[2]!, process.argv[3]!).then(
  (inspected) =>
    process.stdout.write(
      JSON.stringify({
        mediaType: inspected.mediaType,
        size: inspected.size,
        rssMB: Math.round(process.memoryUsage().rss / 1024 / 1024),
      }),
    ),
  (error: Error) => process.stdout.write(JSON.stringify({ error: error.message })),
);
