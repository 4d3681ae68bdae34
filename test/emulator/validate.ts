// Constraint checks shared by the services. Each throws the service's own validation error via `fail`.

export type Fail = (message: string) => never;

export function optionalString(params: Record<string, unknown>, name: string, fail: Fail): string | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') fail(`${name} must be a string.`);
  return value as string;
}

export function requiredString(params: Record<string, unknown>, name: string, fail: Fail): string {
  const value = optionalString(params, name, fail);
  if (value === undefined) fail(`${name} is required.`);
  return value as string;
}

export function optionalInteger(params: Record<string, unknown>, name: string, fail: Fail): number | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n)) fail(`${name} must be an integer.`);
  return n as number;
}

/** Length (in characters) and an optional pattern, as the API reference states them. */
export function checkString(name: string, value: string, min: number, max: number, fail: Fail, pattern?: RegExp): void {
  const length = [...value].length;
  if (length < min || length > max) {
    fail(`${name} must be between ${min} and ${max} characters long (was ${length}).`);
  }
  if (pattern && !pattern.test(value)) fail(`${name} must match the pattern ${pattern.source}.`);
}

export function checkRange(name: string, value: number, min: number, max: number, fail: Fail): void {
  if (value < min || value > max) fail(`${name} must be between ${min} and ${max} (was ${value}).`);
}

/** Opaque paging tokens: base64url JSON of the next offset. */
export function encodeToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64url');
}

export function decodeToken(token: string | undefined, fail: Fail): number {
  if (token === undefined) return 0;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (parsed && typeof parsed === 'object' && 'offset' in parsed && Number.isInteger(parsed.offset) && (parsed.offset as number) >= 0) {
      return parsed.offset as number;
    }
  } catch {
    // falls through to the error below
  }
  return fail('The pagination token is invalid.');
}

/** One page of `items` from `offset`, with the token for the next page if there is one. */
export function page<T>(items: readonly T[], offset: number, size: number): { items: T[]; next?: string } {
  const slice = items.slice(offset, offset + size);
  const nextOffset = offset + size;
  return { items: slice, next: nextOffset < items.length ? encodeToken(nextOffset) : undefined };
}
