// Every command Cluster Pass contributes, each a thin adapter from VS Code arguments to the generic services.
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AwsApi } from '../aws/api';
import { COMMANDS, SETTINGS } from '../constants';
import type { CredentialService, GetOptions } from '../credentials/credentialService';
import { parseDiscoveredProfile } from '../aws/discovered';
import type { Chooser } from '../credentials/choose';
import type { CredentialMethod, Target } from '../services/types';
import { canOpenTerminal } from '../terminals/credentialTerminal';
import { pickAction, pickSession } from '../sessions/sessionPicker';
import type { Session, SessionStore } from '../sessions/sessionStore';
import type { TreeNode } from '../tree/nodes';
import { methodsFor } from '../services/methods';
import type { TargetTreeModel } from '../tree/targetTree';
import { selectAccounts, signInToIdentityCenter } from './identityCenter';
import { settings } from './settings';
import type { CredentialTerminals } from './terminals';

export interface CommandDeps {
  readonly model: TargetTreeModel;
  readonly credentials: CredentialService;
  readonly store: SessionStore;
  readonly log: vscode.LogOutputChannel;
  readonly terminals: CredentialTerminals;
  readonly chooser: Chooser;
  loadAws(): Promise<AwsApi>;
}

/** What a command returns to callers (tests, other extensions): never the secret. */
export interface SessionSummary {
  readonly key: string;
  readonly target: string;
  readonly user?: string;
  readonly expiresAt: string;
}

export const COMMON_REGIONS = ['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ca-central-1', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1', 'eu-north-1', 'eu-south-1', 'ap-south-1', 'ap-northeast-1', 'ap-northeast-2', 'ap-southeast-1', 'ap-southeast-2', 'sa-east-1'];

export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  const { model, credentials, store, log } = deps;
  const summary = (s: Session | undefined): SessionSummary | undefined =>
    s && { key: s.key, target: s.target.name, user: s.credential.user, expiresAt: s.credential.expiresAt.toISOString() };

  const register = (id: string, run: (...args: never[]) => unknown) => vscode.commands.registerCommand(id, run);

  return [
    register(COMMANDS.getCredentials, async (arg?: TreeNode | Target, options?: GetOptions) => {
      const target = targetOf(arg) ?? (await chooseTarget(deps));
      if (!target) return undefined;
      // A tree row already knows its methods: no need to search for them again.
      const methodIds = arg && 'methodIds' in arg ? arg.methodIds : undefined;
      return summary(await credentials.getCredentials(target, { methodIds, ...options }));
    }),
    register(COMMANDS.openTerminal, async (arg?: TreeNode | Target, options?: Pick<GetOptions, 'methodId' | 'input'>) => {
      const target = targetOf(arg) ?? (await chooseTarget(deps, canOpenTerminal));
      if (!target) return undefined;
      return deps.terminals.openFor(target, options);
    }),
    register(COMMANDS.copyCredentials, async (key?: string, formatId?: string) => {
      const session = key ? store.get(key) : await pickSession(vscode.window, store, Date.now(), vscode.l10n.t('Copy credentials'));
      if (!session) return noSessions(store);
      return credentials.copy(session, formatId ?? 'ask');
    }),
    register(COMMANDS.showSessions, async () => {
      const session = await pickSession(vscode.window, store, Date.now(), vscode.l10n.t('Cluster Pass sessions'));
      if (!session) return noSessions(store);
      const action = await pickAction(vscode.window, session, Date.now());
      if (action === 'copy') await credentials.copy(session, 'ask');
      if (action === 'renew') await credentials.renew(session);
      if (action === 'forget') store.forget(session.key);
      return undefined;
    }),
    register(COMMANDS.renewSession, async (key?: string) => {
      const session = key ? store.get(key) : await pickSession(vscode.window, store, Date.now(), vscode.l10n.t('Renew a session'));
      if (!session) return noSessions(store);
      return summary(await credentials.renew(session));
    }),
    register(COMMANDS.forgetSession, async (key?: string) => {
      const session = key ? store.get(key) : await pickSession(vscode.window, store, Date.now(), vscode.l10n.t('Forget a session'));
      if (!session) return noSessions(store);
      return store.forget(session.key);
    }),
    register(COMMANDS.openAwsConfig, () => vscode.commands.executeCommand('vscode.open', vscode.Uri.file(awsConfigFile()))),
    register(COMMANDS.refresh, () => model.refresh()),
    register(COMMANDS.refreshNode, (node?: TreeNode) => model.refresh(node)),
    register(COMMANDS.retry, async (node?: TreeNode) => {
      const aws = await deps.loadAws();
      aws.resetCredentials(node && node.kind === 'message' ? node.profile : undefined);
      model.refresh(node?.parent);
    }),
    register(COMMANDS.loadMore, async (node?: TreeNode) => {
      if (node?.kind !== 'loadMore') return;
      try {
        await model.loadMore(node);
      } catch (error) {
        void vscode.window.showErrorMessage(vscode.l10n.t('Could not load more: {0}', (error as Error).message));
      }
    }),
    register(COMMANDS.copyId, async (node?: TreeNode) => {
      const target = targetOf(node);
      if (!target) return;
      await vscode.env.clipboard.writeText(target.arn ?? target.id);
      void vscode.window.setStatusBarMessage(target.arn ? vscode.l10n.t('Copied ARN of {0}', target.name) : vscode.l10n.t('Copied id of {0}', target.name), 3000);
    }),
    register(COMMANDS.signIn, async (arg?: TreeNode | string) => {
      if (typeof arg === 'object' && arg?.kind === 'message' && arg.ssoSource) return signInToSource(deps, arg.ssoSource);
      const profile = typeof arg === 'string' ? arg : arg?.kind === 'message' ? arg.profile : undefined;
      const discovered = parseDiscoveredProfile(profile);
      return discovered ? signInToSource(deps, discovered.sourceId) : signIn(deps, profile);
    }),
    register(COMMANDS.selectAccounts, () => selectAccounts(deps)),
    register(COMMANDS.selectProfiles, async () => {
      const aws = await deps.loadAws();
      const profiles = await aws.listProfiles();
      const current = settings.profiles();
      const picked = await vscode.window.showQuickPick(
        profiles.map((p) => ({ label: p.name, description: [p.region, p.source].filter(Boolean).join(' · '), picked: !current.length || current.includes(p.name) })),
        { canPickMany: true, ignoreFocusOut: true, title: vscode.l10n.t('Profiles to show in Cluster Pass'), placeHolder: vscode.l10n.t('None picked means all') },
      );
      if (!picked) return;
      await settings.update(SETTINGS.profiles, picked.length === profiles.length ? [] : picked.map((p) => p.label));
    }),
    register(COMMANDS.selectRegions, async () => {
      const current = settings.regions();
      const all = [...new Set([...COMMON_REGIONS, ...current])];
      const picked = await vscode.window.showQuickPick(
        all.map((r) => ({ label: r, picked: current.includes(r) })),
        { canPickMany: true, ignoreFocusOut: true, title: vscode.l10n.t('Regions to show in Cluster Pass'), placeHolder: vscode.l10n.t("None picked means each profile's own region") },
      );
      if (!picked) return;
      await settings.update(SETTINGS.regions, picked.map((p) => p.label));
    }),
    register(COMMANDS.toggleInactive, async () => settings.update(SETTINGS.showInactive, !settings.includeInactive())),
    register(COMMANDS.openLog, () => log.show()),
  ];
}

function targetOf(arg: TreeNode | Target | undefined): Target | undefined {
  if (!arg || typeof arg !== 'object') return undefined;
  if ('kind' in arg && arg.kind === 'target' && 'target' in arg) return (arg as { target: Target }).target;
  if ('location' in arg && 'id' in arg && 'kind' in arg && typeof arg.kind === 'string' && arg.kind.includes(':')) return arg as Target;
  return undefined;
}

/** A target that has a usable credential method: loaded ones first (with a way to list the rest), else everything listed. */
async function chooseTarget(deps: CommandDeps, usable: (m: CredentialMethod) => boolean = () => true): Promise<Target | undefined> {
  const methods = (await deps.loadAws()).services.flatMap((m) => m.methods).filter(usable);
  return deps.chooser.target({
    usable: (t) => methodsFor(methods, t).length > 0,
    offerListEverything: true,
    includeInactive: settings.includeInactive(),
    listingTitle: vscode.l10n.t('Listing clusters in every profile, account and region'),
    nothingFound: () => vscode.l10n.t('Cluster Pass found no cluster, endpoint or workgroup to get credentials for.'),
  });
}

async function signIn(deps: CommandDeps, profile: string | undefined): Promise<void> {
  const aws = await deps.loadAws();
  const profiles = await aws.listProfiles();
  const info = profiles.find((p) => p.name === profile);
  if (info?.source === 'sso') {
    const terminal = vscode.window.createTerminal({ name: vscode.l10n.t('AWS sign-in ({0})', info.name) });
    terminal.show();
    terminal.sendText(`aws sso login --profile ${shellQuote(info.name)}`);
  }
  const hint = info?.source === 'sso'
    ? vscode.l10n.t('Finish the sign-in in the terminal, then retry.')
    : vscode.l10n.t('Refresh the credentials of profile "{0}" (aws configure, or your usual sign-in), then retry.', profile ?? 'default');
  const retry = { id: 'retry', title: vscode.l10n.t('Retry') };
  const chosen = await vscode.window.showInformationMessage(hint, retry);
  if (chosen?.id === retry.id) {
    aws.resetCredentials(profile);
    deps.model.refresh();
  }
}

async function signInToSource(deps: CommandDeps, sourceId: string): Promise<void> {
  const aws = await deps.loadAws();
  const source = (await aws.listSsoSources()).find((s) => s.id === sourceId);
  if (!source) {
    void vscode.window.showErrorMessage(vscode.l10n.t('The AWS config no longer has the IAM Identity Center sign-in "{0}".', sourceId));
    return;
  }
  await signInToIdentityCenter(deps, source);
}

function noSessions(store: SessionStore): undefined {
  if (!store.size) void vscode.window.showInformationMessage(vscode.l10n.t('No active Cluster Pass session. Get credentials from the Cluster Pass view first.'));
  return undefined;
}

/** The shared config file the AWS CLI and SDK read. */
function awsConfigFile(): string {
  return process.env.AWS_CONFIG_FILE ?? path.join(os.homedir(), '.aws', 'config');
}

function shellQuote(value: string): string {
  return /^[\w.@-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
