// Types for install-code-server.mjs, so TypeScript tests and scripts can import it.
export const CODE_SERVER_VERSION: string;
export const CHROMIUM: string;
export const SCRIPTS_DIR: string;
export function cacheRoot(): string;
export function checkSystemTools(options?: { needChromium?: boolean }): void;
export function ensureCodeServer(options?: { log?: (line: string) => void }): Promise<string>;
