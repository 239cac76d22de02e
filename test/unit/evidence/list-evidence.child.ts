/**
 * Lists a workspace's evidence in a fresh process (no hashes cached) and prints a summary:
 * run by many-files.test.ts under a low `ulimit -n`.
 */
import { testServices } from '../helpers/services';

async function main() {
  // Run once with --load-only first: tsx's first load of a module writes its cache entry
  // asynchronously, and a cold cache holds a few hundred files open at once, whatever this test limits.
  if (process.argv[2] === '--load-only') return;
  const { services } = testServices();
  await services.workspaces.open(process.argv[2]!);
  const items = await services.evidence.list();
  const integrity: Record<string, number> = {};
  for (const item of items) integrity[item.integrity] = (integrity[item.integrity] ?? 0) + 1;
  process.stdout.write(
    JSON.stringify({
      count: items.length,
      integrity,
      readErrors: [...new Set(items.flatMap((i) => (i.readError ? [i.readError] : [])))],
    }),
  );
  await services.workspaces.close();
}

main().catch((error: Error) => {
  process.stderr.write(`${(error as NodeJS.ErrnoException).code ?? ''} ${error.message}\n`);
  // Rethrown: the unhandled rejection ends the child with exit code 1, whatever handles are open.
  throw error;
});
