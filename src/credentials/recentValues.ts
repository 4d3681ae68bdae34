// Values a user typed for a target's parameters (role ARNs, database users), remembered in globalState.
// Only parameters marked `remember` are kept, and none of them is a secret.
import type { Memento } from 'vscode';
import { STATE_KEYS } from '../constants';
import type { Target } from '../services/types';

const MAX_REMEMBERED = 10;

export class RecentValues {
  constructor(private readonly state: Pick<Memento, 'get' | 'update'>) {}

  get(target: Target, key: string): string[] {
    return this.state.get<string[]>(this.storageKey(target, key), []);
  }

  async remember(target: Target, key: string, value: string): Promise<void> {
    if (!value) return;
    const values = [value, ...this.get(target, key).filter((v) => v !== value)].slice(0, MAX_REMEMBERED);
    await this.state.update(this.storageKey(target, key), values);
  }

  private storageKey(target: Target, key: string): string {
    const { profile, region } = target.location;
    return `${STATE_KEYS.recentValues}/${profile}/${region}/${target.kind}/${target.id}/${key}`;
  }
}
