// The explorer's data: profile (or discovered account → role) → region → service group → targets (→ children), loaded lazily per expansion.
// Generic over the service modules: it only calls TargetSource.listPage / listChildren.
import { isSignInRequired, type AwsApi, type ProfileInfo } from '../aws/api';
import { discoveredProfileName, selectedAccounts, sourceEnabled, type AccountSelection, type SsoSource } from '../aws/discovered';
import { explainError } from '../aws/explain';
import { mapBounded } from '../aws/listing';
import { Emitter, type Event } from '../events';
import { l10n } from '../l10n';
import { methodsFor } from '../services/methods';
import type { ListOptions, Location, TargetPage, TargetSource } from '../services/types';
import { childId, type AccountNode, type GroupNode, type LoadMoreNode, type MessageNode, type ProfileNode, type RegionNode, type TargetNode, type TreeNode } from './nodes';

export interface TreeSettings {
  /** Profiles to show; empty means every profile found. */
  profiles(): string[];
  /** Regions to show; empty means each profile's own region. */
  regions(): string[];
  includeInactive(): boolean;
  /** Accounts chosen per IAM Identity Center sign-in; absent or `{}`: each sign-in's default. */
  ssoAccounts?(): AccountSelection;
  /** How many listings run at once (sign-ins listed side by side). */
  parallelRegions?(): number;
}

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface TargetTreeDeps {
  loadAws(): Promise<AwsApi>;
  settings: TreeSettings;
  log: Logger;
  /** Shows progress in the view while a listing runs. */
  withProgress<T>(task: () => Promise<T>): Promise<T>;
  /** Told how many profiles were found, so the view can show its welcome content when there are none. */
  onProfilesFound?(count: number): void;
}

const FALLBACK_REGION = 'us-east-1';

export class TargetTreeModel {
  /** Children already loaded for group and target nodes, so "load more" appends instead of reloading. */
  private readonly loaded = new Map<string, TreeNode[]>();
  private readonly changed = new Emitter<TreeNode | undefined>();
  /** Called with the node whose children changed (undefined: the root). */
  readonly onDidChange: Event<TreeNode | undefined> = this.changed.event;
  private abort = new AbortController();

  constructor(private readonly deps: TargetTreeDeps) {}

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) return this.rootChildren();
    switch (node.kind) {
      case 'profile':
        return this.profileChildren(node, true);
      case 'account':
        return this.accountChildren(node);
      case 'region':
        return this.groups(node.location, node);
      case 'group':
      case 'target':
        return this.listedChildren(node);
      default:
        return [];
    }
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  /** Reloads one node (or everything), cancelling listings in flight. */
  refresh(node?: TreeNode): void {
    if (!node) {
      this.abort.abort();
      this.abort = new AbortController();
      this.loaded.clear();
    } else {
      for (const key of [...this.loaded.keys()]) if (key === node.id || key.startsWith(`${node.id}/`)) this.loaded.delete(key);
    }
    this.emit(node);
  }

  /** Fetches the next page and appends it in place of the "load more" node. */
  async loadMore(node: LoadMoreNode): Promise<void> {
    const parent = node.parent;
    const current = this.loaded.get(parent.id) ?? [];
    const api = await this.deps.loadAws();
    const page = await this.deps.withProgress(() => this.fetchPage(api, parent, node.pageToken));
    const kept = current.filter((n) => n !== node);
    this.loaded.set(parent.id, [...kept, ...this.pageNodes(api, parent, page)]);
    this.emit(parent);
  }

  /** Every target loaded so far, across profiles and regions (for the command palette). */
  loadedTargets(): TargetNode[] {
    return [...this.loaded.values()].flat().filter((n): n is TargetNode => n.kind === 'target');
  }

  private async rootChildren(): Promise<TreeNode[]> {
    const api = await this.deps.loadAws();
    let profiles: ProfileInfo[];
    try {
      profiles = await api.listProfiles();
    } catch (error) {
      return [this.message(undefined, 'config', l10n.t('Could not read the AWS config files: {0}', (error as Error).message), 'configure')];
    }
    const wanted = this.deps.settings.profiles();
    const shown = wanted.length ? profiles.filter((p) => wanted.includes(p.name)) : profiles;
    const discovered = await this.discoveredRoots(api);
    this.deps.onProfilesFound?.(profiles.length + discovered.length);
    if (!profiles.length) return discovered;
    if (!shown.length) return [this.message(undefined, 'no-profile', l10n.t('None of the profiles in clusterPass.profiles ({0}) exists in your AWS config.', wanted.join(', ')), 'configure'), ...discovered];
    const nodes: ProfileNode[] = shown.map((profile) => ({ kind: 'profile', id: `p:${profile.name}`, profile }));
    return nodes.length === 1 && !discovered.length ? this.profileChildren(nodes[0], false) : [...nodes, ...discovered];
  }

  /** The accounts of every IAM Identity Center sign-in that discovery covers, or a row saying why a sign-in lists none. */
  private async discoveredRoots(api: AwsApi): Promise<TreeNode[]> {
    let sources: SsoSource[];
    try {
      sources = await api.listSsoSources();
    } catch {
      return []; // the profile listing already reports an unreadable config
    }
    const selection = this.deps.settings.ssoAccounts?.() ?? {};
    const enabled = sources.filter((s) => sourceEnabled(s, selection));
    const lists = await mapBounded(enabled, this.deps.settings.parallelRegions?.() ?? 4, async (source): Promise<TreeNode[]> => {
      try {
        const accounts = await this.deps.withProgress(() => api.listSsoAccounts(source.id, this.abort.signal));
        return selectedAccounts(source, accounts, selection).map((account): AccountNode => ({ kind: 'account', id: `a:${source.id}/${account.accountId}`, source, account }));
      } catch (error) {
        const row = this.ssoError(undefined, source, l10n.t('Listing the accounts of "{0}"', source.name), error);
        return row ? [row] : [];
      }
    });
    return lists.flat();
  }

  /** The roles the sign-in may use in a discovered account; each lists like a profile. An error stays in this account. */
  private async accountChildren(node: AccountNode): Promise<TreeNode[]> {
    const api = await this.deps.loadAws();
    const { source, account } = node;
    try {
      const roles = await this.deps.withProgress(() => api.listSsoRoles(source.id, account.accountId, this.abort.signal));
      if (!roles.length) return [this.message(node, 'empty', l10n.t('No role is assigned to you in this account.'), 'none')];
      return roles.map((roleName): ProfileNode => {
        const discovered = { sourceId: source.id, accountId: account.accountId, roleName, accountName: account.accountName };
        const name = discoveredProfileName(discovered);
        return { kind: 'profile', id: `p:${name}`, parent: node, profile: { name, region: source.region, source: 'sso', discovered }, account: account.accountId };
      });
    } catch (error) {
      const row = this.ssoError(node, source, l10n.t('Listing your roles in {0} ({1})', account.accountName, account.accountId), error);
      return row ? [row] : [];
    }
  }

  private ssoError(parent: TreeNode | undefined, source: SsoSource, doing: string, error: unknown): MessageNode | undefined {
    if (isSignInRequired(error)) {
      this.deps.log.warn(`${doing}: ${error.message}`);
      return { ...this.message(parent, `sso:${source.id}`, `${source.name}: ${error.message}`, 'signIn'), ssoSource: source.id };
    }
    const explanation = explainError(error, { doing, profile: source.anchorProfile ?? source.name, iamActions: [] });
    if (explanation.cancelled) return undefined;
    this.deps.log.warn(explanation.message);
    return { ...this.message(parent, `sso:${source.id}`, explanation.message, explanation.next === 'signIn' ? 'signIn' : 'retry'), ssoSource: source.id };
  }

  /** Regions of a profile, or its groups when it has one region. `shown` is false when the profile level is skipped. */
  private async profileChildren(profileNode: ProfileNode, shown: boolean): Promise<TreeNode[]> {
    const { profile } = profileNode;
    const shownParent = shown ? profileNode : undefined;
    const regions = this.regionsOf(profile);
    const api = await this.deps.loadAws();
    try {
      const who = await this.deps.withProgress(() => api.whoAmI({ profile: profile.name, region: regions[0] }, this.abort.signal));
      if (who.account && profileNode.account !== who.account) {
        profileNode.account = who.account;
        if (shownParent) this.emit(profileNode);
      }
    } catch (error) {
      const explanation = explainError(error, { doing: l10n.t('Profile "{0}"', profile.name), profile: profile.name, iamActions: ['sts:GetCallerIdentity'] });
      this.deps.log.warn(explanation.message);
      // Access denied on GetCallerIdentity is unusual but not fatal: listing may still work.
      if (explanation.next === 'signIn' || explanation.next === 'configure' || explanation.next === 'retry') {
        return [this.message(shownParent, 'signin', explanation.message, explanation.next === 'retry' ? 'retry' : 'signIn', profile.name)];
      }
    }
    if (regions.length === 1) return this.groups({ profile: profile.name, region: regions[0] }, shownParent);
    return regions.map((region): RegionNode => ({ kind: 'region', id: `${profileNode.id}/r:${region}`, parent: shownParent, location: { profile: profile.name, region } }));
  }

  private regionsOf(profile: ProfileInfo): string[] {
    const configured = this.deps.settings.regions();
    if (configured.length) return configured;
    return [profile.region ?? FALLBACK_REGION];
  }

  private async groups(location: Location, parent: TreeNode | undefined): Promise<TreeNode[]> {
    const api = await this.deps.loadAws();
    return api.services.flatMap((m) => m.sources).map((source): GroupNode => ({
      kind: 'group',
      id: `p:${location.profile}/r:${location.region}/g:${source.id}`,
      parent,
      location,
      sourceId: source.id,
      label: source.label,
      icon: source.icon,
    }));
  }

  private async listedChildren(node: GroupNode | TargetNode): Promise<TreeNode[]> {
    const cached = this.loaded.get(node.id);
    if (cached) return cached;
    const api = await this.deps.loadAws();
    let nodes: TreeNode[];
    try {
      const page = await this.deps.withProgress(() => this.fetchPage(api, node, undefined));
      nodes = this.pageNodes(api, node, page);
      if (!nodes.length) nodes = [this.emptyMessage(node, api)];
    } catch (error) {
      const location = node.kind === 'group' ? node.location : node.target.location;
      const source = this.source(api, node.sourceId);
      const explanation = explainError(error, { doing: l10n.t('Listing {0}', node.kind === 'group' ? node.label : node.target.name), profile: location.profile, iamActions: source?.listActions ?? [] });
      if (explanation.cancelled) return [];
      this.deps.log.warn(explanation.message);
      nodes = [this.message(node, 'error', explanation.message, explanation.next === 'none' ? 'retry' : explanation.next, location.profile)];
      return nodes; // errors are not cached: expanding again retries
    }
    this.loaded.set(node.id, nodes);
    return nodes;
  }

  private fetchPage(api: AwsApi, node: GroupNode | TargetNode, pageToken: string | undefined): Promise<TargetPage> {
    const source = this.source(api, node.sourceId);
    if (!source) throw new Error(`No service lists "${node.sourceId}".`);
    const location = node.kind === 'group' ? node.location : node.target.location;
    const ctx = { location, clientConfig: api.clientConfig(location), signal: this.abort.signal };
    const options: ListOptions = { includeInactive: this.deps.settings.includeInactive(), pageToken };
    if (node.kind === 'group') return source.listPage(ctx, options);
    if (!source.listChildren) return Promise.resolve({ targets: [] });
    return source.listChildren(ctx, node.target, options);
  }

  private pageNodes(api: AwsApi, parent: GroupNode | TargetNode, page: TargetPage): TreeNode[] {
    const methods = api.services.flatMap((m) => m.methods);
    const nodes: TreeNode[] = page.targets.map((target): TargetNode => ({
      kind: 'target',
      id: `${parent.id}/t:${target.kind}:${target.id}`,
      parent,
      target,
      sourceId: parent.sourceId,
      methodIds: methodsFor(methods, target).map((m) => m.id),
    }));
    if (page.next) nodes.push({ kind: 'loadMore', id: `${parent.id}/more:${page.next}`, parent, pageToken: page.next });
    return nodes;
  }

  private emptyMessage(node: GroupNode | TargetNode, api: AwsApi): MessageNode {
    const what = node.kind === 'group' ? node.label : l10n.t('{0}: children', node.target.name);
    const inactive = this.deps.settings.includeInactive() ? '' : ' active';
    const source = this.source(api, node.sourceId);
    const shown = source && node.kind === 'group' ? what : l10n.t('items');
    return this.message(node, 'empty', inactive ? l10n.t('No active {0} here.', shown) : l10n.t('No {0} here.', shown), 'none');
  }

  private source(api: AwsApi, id: string): TargetSource | undefined {
    return api.services.flatMap((m) => m.sources).find((s) => s.id === id);
  }

  private message(parent: TreeNode | undefined, part: string, message: string, next: MessageNode['next'], profile?: string): MessageNode {
    return { kind: 'message', id: childId(parent, `m:${part}`), parent, severity: part === 'empty' ? 'info' : 'error', message, next, profile };
  }

  private emit(node: TreeNode | undefined): void {
    this.changed.fire(node);
  }

  dispose(): void {
    this.abort.abort();
    this.changed.dispose();
  }
}
