// The single function that turns a tree node into a TreeItem. Takes the few vscode constructors it needs.
import type * as vscode from 'vscode';
import { COMMANDS, CONTEXT_VALUES } from '../constants';
import { l10n } from '../l10n';
import type { StateCategory } from '../services/types';
import type { TreeNode } from './nodes';

export type TreeItemApi = Pick<typeof vscode, 'TreeItem' | 'ThemeIcon' | 'ThemeColor' | 'MarkdownString' | 'TreeItemCollapsibleState'>;

const STATE_ICONS: Record<StateCategory, [string, string | undefined]> = {
  active: ['pass-filled', 'charts.green'],
  starting: ['loading~spin', 'charts.yellow'],
  stopping: ['debug-pause', 'charts.orange'],
  inactive: ['circle-slash', 'disabledForeground'],
  failed: ['error', 'charts.red'],
};

export function toTreeItem(node: TreeNode, api: TreeItemApi): vscode.TreeItem {
  const { TreeItem, ThemeIcon, ThemeColor, TreeItemCollapsibleState: State } = api;
  switch (node.kind) {
    case 'profile': {
      const role = node.profile.discovered;
      if (role) {
        const item = new TreeItem(role.roleName, State.Collapsed);
        item.id = node.id;
        item.iconPath = new ThemeIcon('shield');
        item.description = node.profile.region;
        item.tooltip = l10n.t('Role {0} in {1} ({2}), through IAM Identity Center', role.roleName, role.accountName, role.accountId);
        item.contextValue = 'profile.discovered';
        return item;
      }
      const item = new TreeItem(node.profile.name, State.Collapsed);
      item.id = node.id;
      item.iconPath = new ThemeIcon('account');
      item.description = node.account ?? node.profile.region;
      item.tooltip = node.account ? l10n.t('AWS profile {0} ({1}), account {2}', node.profile.name, node.profile.source, node.account) : l10n.t('AWS profile {0} ({1})', node.profile.name, node.profile.source);
      item.contextValue = CONTEXT_VALUES.profile;
      return item;
    }
    case 'account': {
      const item = new TreeItem(node.account.accountName, State.Collapsed);
      item.id = node.id;
      item.iconPath = new ThemeIcon('organization');
      item.description = node.account.accountId;
      item.tooltip = l10n.t('AWS account {0} ({1}), from IAM Identity Center sign-in "{2}"', node.account.accountName, node.account.accountId, node.source.name);
      item.accessibilityInformation = { label: l10n.t('{0}, account {1}', node.account.accountName, node.account.accountId) };
      item.contextValue = 'account';
      return item;
    }
    case 'region': {
      const item = new TreeItem(node.location.region, State.Collapsed);
      item.id = node.id;
      item.iconPath = new ThemeIcon('globe');
      item.contextValue = CONTEXT_VALUES.region;
      return item;
    }
    case 'group': {
      const item = new TreeItem(node.label, State.Collapsed);
      item.id = node.id;
      item.iconPath = new ThemeIcon(node.icon);
      item.contextValue = CONTEXT_VALUES.group;
      return item;
    }
    case 'target': {
      const { target } = node;
      const item = new TreeItem(target.name, target.hasChildren ? State.Collapsed : State.None);
      item.id = node.id;
      // An endpoint's type (as AWS names it) beside its state: which clients it serves.
      item.description = target.type ? `${target.state} · ${target.type}` : target.state;
      const [icon, color] = STATE_ICONS[target.stateCategory];
      item.iconPath = new ThemeIcon(icon, color ? new ThemeColor(color) : undefined);
      const lines = [`**${escapeMarkdown(target.name)}** — ${target.state}`, '', l10n.t('Id: {0}', `\`${target.id}\``)];
      if (target.arn) lines.push(l10n.t('ARN: {0}', `\`${target.arn}\``));
      if (target.createdAt) lines.push(l10n.t('Created: {0} UTC', target.createdAt.toISOString().replace('T', ' ').slice(0, 19)));
      if (target.type) lines.push(l10n.t('Type: {0}', escapeMarkdown(target.type)));
      if (target.endpoint) lines.push(l10n.t('Endpoint: {0}', `\`${target.endpoint}\``));
      lines.push(l10n.t('Profile {0}, {1}', target.location.profile, target.location.region));
      item.tooltip = new api.MarkdownString(lines.join('  \n'));
      item.accessibilityInformation = { label: [target.name, target.state, target.type].filter(Boolean).join(', ') };
      item.contextValue = node.methodIds.length ? CONTEXT_VALUES.targetWithCredentials : CONTEXT_VALUES.target;
      return item;
    }
    case 'loadMore': {
      const item = new TreeItem(l10n.t('Load more…'), State.None);
      item.id = node.id;
      item.iconPath = new ThemeIcon('ellipsis');
      item.command = { command: COMMANDS.loadMore, title: l10n.t('Load more'), arguments: [node] };
      item.contextValue = CONTEXT_VALUES.loadMore;
      return item;
    }
    case 'message': {
      const item = new TreeItem(node.message, State.None);
      item.id = node.id;
      item.tooltip = node.message;
      item.iconPath = new ThemeIcon(node.severity === 'error' ? 'warning' : 'info', node.severity === 'error' ? new ThemeColor('problemsWarningIcon.foreground') : undefined);
      item.contextValue = CONTEXT_VALUES.message(node.next);
      if (node.next === 'signIn') item.command = { command: COMMANDS.signIn, title: l10n.t('Sign in again'), arguments: [node] };
      else if (node.next === 'retry' || node.next === 'refresh') item.command = { command: COMMANDS.retry, title: l10n.t('Retry'), arguments: [node] };
      else if (node.next === 'configure') item.command = { command: COMMANDS.openAwsConfig, title: l10n.t('Open AWS Config') };
      return item;
    }
  }
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
