export declare function bundledLicenses(lock: unknown): { name: string; version: string; license: string }[];
