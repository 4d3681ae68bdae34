// Recently used Jupyter targets (non-secret notebook links), newest first, in globalState.
import type { Memento } from 'vscode';
import { STATE_KEYS } from '../constants';
import { linkKey } from './serverProvider';
import { readLink, type NotebookLink } from './notebookMetadata';

export const RECENT_LINKS_KEY = STATE_KEYS.recentLinks;
const MAX = 10;

export class RecentLinks {
  constructor(private readonly state: Pick<Memento, 'get' | 'update'>) {}

  list(): NotebookLink[] {
    const raw = this.state.get<unknown[]>(RECENT_LINKS_KEY, []);
    return (Array.isArray(raw) ? raw : []).map((r) => readLink({ metadata: { clusterPass: r } })).filter((l): l is NotebookLink => l !== undefined);
  }

  async remember(link: NotebookLink): Promise<void> {
    const key = linkKey(link);
    await this.state.update(RECENT_LINKS_KEY, [link, ...this.list().filter((l) => linkKey(l) !== key)].slice(0, MAX));
  }
}
