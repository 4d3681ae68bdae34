// IAM Identity Center in VS Code: signing in to a sign-in's portal in a terminal (then refreshing the tree), and
// *Select Accounts…*, which saves the accounts the tree shows in the machine-scoped clusterPass.identityCenter.accounts.
import * as vscode from 'vscode';
import type { AwsApi } from '../aws/api';
import { nextSelection, selectedAccounts, type SsoAccount, type SsoSource } from '../aws/discovered';
import { mapBounded } from '../aws/listing';
import { SETTINGS } from '../constants';
import type { TargetTreeModel } from '../tree/targetTree';
import { settings } from './settings';

export interface IdentityCenterDeps {
  readonly model: TargetTreeModel;
  readonly log: vscode.LogOutputChannel;
  loadAws(): Promise<AwsApi>;
}

/** Runs `aws sso login` for the sign-in in a terminal; when the command ends (or on Retry), refreshes the tree. */
export async function signInToIdentityCenter(deps: IdentityCenterDeps, source: SsoSource): Promise<void> {
  const aws = await deps.loadAws();
  const terminal = vscode.window.createTerminal({ name: vscode.l10n.t('AWS sign-in ({0})', source.name), isTransient: true });
  terminal.show();
  terminal.sendText(['aws', ...source.signInArgs.map(shellWord)].join(' '));
  const refresh = () => {
    aws.resetCredentials();
    deps.model.refresh();
  };
  const ended = vscode.window.onDidEndTerminalShellExecution((e) => {
    if (e.terminal !== terminal || !/\bsso\s+login\b/.test(e.execution.commandLine.value)) return;
    ended.dispose();
    if (e.exitCode === 0) refresh();
  });
  const closed = vscode.window.onDidCloseTerminal((t) => {
    if (t !== terminal) return;
    closed.dispose();
    ended.dispose();
  });
  const chosen = await vscode.window.showInformationMessage(vscode.l10n.t('Finish the IAM Identity Center sign-in for "{0}" in the terminal; Cluster Pass refreshes when it ends.', source.name), vscode.l10n.t('Refresh Now'));
  if (chosen) refresh();
}

/** Asks which discovered accounts to show, sign-in by sign-in, and saves the choice (machine scope). */
export async function selectAccounts(deps: IdentityCenterDeps): Promise<void> {
  const aws = await deps.loadAws();
  const sources = await aws.listSsoSources();
  if (!sources.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Your AWS config has no IAM Identity Center sign-in ([sso-session NAME], or a profile with sso_start_url). Add one with "aws configure sso".'));
    return;
  }
  const current = settings.ssoAccounts();
  const listed = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Listing IAM Identity Center accounts'), cancellable: true },
    (_p, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return mapBounded(sources, settings.parallelRegions(), async (source) => {
        try {
          return { source, accounts: await aws.listSsoAccounts(source.id, abort.signal) };
        } catch (error) {
          deps.log.warn(`Select Accounts: ${source.name}: ${(error as Error).message}`);
          return { source, accounts: undefined };
        }
      });
    },
  );
  type Item = vscode.QuickPickItem & { source?: SsoSource; account?: SsoAccount };
  const items: Item[] = [];
  for (const { source, accounts } of listed) {
    items.push({ label: `${source.name} (${source.startUrl})`, kind: vscode.QuickPickItemKind.Separator });
    if (!accounts) {
      items.push({ label: vscode.l10n.t('$(warning) Not signed in, or the portal did not answer: kept as it is'), description: `aws ${source.signInArgs.join(' ')}` });
      continue;
    }
    const shown = new Set(selectedAccounts(source, accounts, current).map((a) => a.accountId));
    for (const account of accounts) items.push({ label: account.accountName, description: account.accountId, picked: shown.has(account.accountId), source, account });
  }
  const picked = await vscode.window.showQuickPick(items, { canPickMany: true, ignoreFocusOut: true, title: vscode.l10n.t('Accounts to show in Cluster Pass'), placeHolder: vscode.l10n.t('Discovered through IAM Identity Center'), matchOnDescription: true });
  if (!picked) return;
  const chosen = picked.filter((p) => p.source && p.account).map((p) => ({ sourceId: p.source!.id, accountId: p.account!.accountId }));
  await settings.update(SETTINGS.ssoAccounts, nextSelection(current, listed, chosen));
}

function shellWord(value: string): string {
  return /^[\w.@/-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
