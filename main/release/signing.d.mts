export declare function signingPlan(
  platform: string,
  env: Record<string, string | undefined>,
): { sign: boolean; notarize: boolean; lines: string[] };
