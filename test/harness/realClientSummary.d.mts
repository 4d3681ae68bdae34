import type { RealClientRecord } from './realClients';

export interface RealClientStatus {
  readonly name: string;
  readonly ok: boolean;
  readonly text: string;
}

export function realClientSummary(records: readonly RealClientRecord[], clients: readonly string[], required: readonly string[]): RealClientStatus[];
export function realClientsLine(summary: readonly RealClientStatus[], names?: ReadonlyMap<string, string>): string;
