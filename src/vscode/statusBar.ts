// The countdown in the status bar, with the optional "expires soon" notification and its Renew button.
import * as vscode from 'vscode';
import { COMMANDS, STATUS_ITEM } from '../constants';
import type { CredentialService } from '../credentials/credentialService';
import { formatRemaining } from '../sessions/countdown';
import type { SessionStore } from '../sessions/sessionStore';
import { CountdownStatusBar } from '../sessions/statusBar';
import { settings } from './settings';

export function createStatusBar(store: SessionStore, credentials: CredentialService): CountdownStatusBar {
  return new CountdownStatusBar(store, {
    item: vscode.window.createStatusBarItem(STATUS_ITEM, vscode.StatusBarAlignment.Left, 100),
    warningColor: new vscode.ThemeColor('statusBarItem.warningBackground'),
    clock: Date.now,
    warningMinutes: settings.warningMinutes,
    command: COMMANDS.showSessions,
    onWarning: (session) => {
      if (!settings.notifyBeforeExpiry()) return;
      const left = formatRemaining(session.credential.expiresAt.getTime() - Date.now());
      const renew = { id: 'renew', title: vscode.l10n.t('Renew') };
      void vscode.window.showWarningMessage(vscode.l10n.t('Cluster Pass: credentials for {0} expire in {1}.', session.target.name, left), renew).then((chosen) => {
        if (chosen?.id === renew.id && store.get(session.key)) void credentials.renew(session);
      });
    },
  });
}
