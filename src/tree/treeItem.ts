// The single function that turns a tree node into a TreeItem. Takes the few vscode constructors it needs.
import type * as vscode from 'vscode';
import { COMMANDS, CONTEXT_VALUES } from '../constants';
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
      const item = new TreeItem(node.profile.name, State.Collapsed);
      item.id = node.id;
      item.iconPath = new ThemeIcon('account');
      item.description = node.account ?? node.profile.region;
      item.tooltip = `AWS profile ${node.profile.name} (${node.profile.source})${node.account ? `, account ${node.account}` : ''}`;
      item.contextValue = CONTEXT_VALUES.profile;
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
      const lines = [`**${escapeMarkdown(target.name)}** — ${target.state}`, '', `Id: \`${target.id}\``];
      if (target.arn) lines.push(`ARN: \`${target.arn}\``);
      if (target.createdAt) lines.push(`Created: ${target.createdAt.toISOString().replace('T', ' ').slice(0, 19)} UTC`);
      if (target.type) lines.push(`Type: ${escapeMarkdown(target.type)}`);
      if (target.endpoint) lines.push(`Endpoint: \`${target.endpoint}\``);
      lines.push(`Profile ${target.location.profile}, ${target.location.region}`);
      item.tooltip = new api.MarkdownString(lines.join('  \n'));
      item.accessibilityInformation = { label: [target.name, target.state, target.type].filter(Boolean).join(', ') };
      item.contextValue = node.methodIds.length ? CONTEXT_VALUES.targetWithCredentials : CONTEXT_VALUES.target;
      return item;
    }
    case 'loadMore': {
      const item = new TreeItem('Load more…', State.None);
      item.id = node.id;
      item.iconPath = new ThemeIcon('ellipsis');
      item.command = { command: COMMANDS.loadMore, title: 'Load more', arguments: [node] };
      item.contextValue = CONTEXT_VALUES.loadMore;
      return item;
    }
    case 'message': {
      const item = new TreeItem(node.message, State.None);
      item.id = node.id;
      item.tooltip = node.message;
      item.iconPath = new ThemeIcon(node.severity === 'error' ? 'warning' : 'info', node.severity === 'error' ? new ThemeColor('problemsWarningIcon.foreground') : undefined);
      item.contextValue = CONTEXT_VALUES.message(node.next);
      if (node.next === 'signIn') item.command = { command: COMMANDS.signIn, title: 'Sign in again', arguments: [node] };
      else if (node.next === 'retry' || node.next === 'refresh') item.command = { command: COMMANDS.retry, title: 'Retry', arguments: [node] };
      else if (node.next === 'configure') item.command = { command: COMMANDS.openAwsConfig, title: 'Open AWS Config' };
      return item;
    }
  }
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
