export interface SkippedTest {
  readonly name: string;
  readonly reason: string;
}

export const EXPECTED_SKIPS: readonly RegExp[];
export function skipsIn(output: string): SkippedTest[];
export function unexpected(skips: readonly SkippedTest[], expected?: readonly RegExp[]): SkippedTest[];
