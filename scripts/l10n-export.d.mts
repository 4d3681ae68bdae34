// Types for l10n-export.mjs, so the TypeScript tests can import it.
export declare const REPO: string;
export declare const BUNDLE: string;
export declare function sourceFiles(dir?: string): string[];
export declare function extractMessages(files?: string[]): Promise<Record<string, string | { message: string; comment: string[] }>>;
