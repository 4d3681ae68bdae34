// Puts the tree model into a VS Code TreeView.
import * as vscode from 'vscode';
import { TREE_VIEW } from '../constants';
import type { TreeNode } from '../tree/nodes';
import type { TargetTreeModel } from '../tree/targetTree';
import { toTreeItem } from '../tree/treeItem';

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
