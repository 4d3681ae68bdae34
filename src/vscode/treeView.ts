// The explorer: the tree model, put into a VS Code TreeView.
import * as vscode from 'vscode';
import type { AwsApi } from '../aws/api';
import { CONTEXT_KEYS, TREE_VIEW } from '../constants';
import type { TreeNode } from '../tree/nodes';
import { TargetTreeModel, type Logger } from '../tree/targetTree';
import { toTreeItem } from '../tree/treeItem';
import { settings } from './settings';

export function createTreeModel(loadAws: () => Promise<AwsApi>, log: Logger): TargetTreeModel {
  return new TargetTreeModel({
    loadAws,
    settings,
    log,
    withProgress: (task) => Promise.resolve(vscode.window.withProgress({ location: { viewId: TREE_VIEW } }, task)),
    // Shows the view's welcome content (how to configure a profile) when there is none.
    onProfilesFound: (count) => void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.noProfiles, count === 0),
  });
}

export function createTreeView(model: TargetTreeModel): { view: vscode.TreeView<TreeNode>; provider: vscode.TreeDataProvider<TreeNode>; disposables: vscode.Disposable[] } {
  const changed = new vscode.EventEmitter<TreeNode | undefined>();
  const provider: vscode.TreeDataProvider<TreeNode> = {
    onDidChangeTreeData: changed.event,
    getChildren: (node) => model.getChildren(node),
    getParent: (node) => model.getParent(node),
    getTreeItem: (node) => toTreeItem(node, vscode),
  };
  const view = vscode.window.createTreeView(TREE_VIEW, { treeDataProvider: provider, showCollapseAll: true });
  const subscription = model.onDidChange((node) => changed.fire(node));
  return { view, provider, disposables: [view, changed, { dispose: () => subscription.dispose() }] };
}
