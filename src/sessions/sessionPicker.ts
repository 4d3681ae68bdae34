// The sessions QuickPick (status-bar click, clusterPass.showSessions): copy again, renew or forget.
import type * as vscode from 'vscode';
import { l10n } from '../l10n';
import { describeSession } from './statusBar';
import type { Session, SessionStore } from './sessionStore';

export type SessionAction = 'copy' | 'renew' | 'forget';

export async function pickSession(window: Pick<typeof vscode.window, 'showQuickPick'>, store: SessionStore, now: number, title: string): Promise<Session | undefined> {
  const sessions = store.list();
  if (sessions.length <= 1) return sessions[0];
  const picked = await window.showQuickPick(
    sessions.map((s) => ({ label: s.target.name, description: describeSession(s, now).slice(s.target.name.length).trim(), session: s })),
    { title, placeHolder: l10n.t('Choose a session') },
  );
  return picked?.session;
}

export async function pickAction(window: Pick<typeof vscode.window, 'showQuickPick'>, session: Session, now: number): Promise<SessionAction | undefined> {
  const items: { label: string; action: SessionAction }[] = [
    { label: l10n.t('$(copy) Copy again…'), action: 'copy' },
    { label: l10n.t('$(refresh) Renew'), action: 'renew' },
    { label: l10n.t('$(trash) Forget'), action: 'forget' },
  ];
  const picked = await window.showQuickPick(items, { title: describeSession(session, now), placeHolder: l10n.t('What to do with this session') });
  return picked?.action;
}
