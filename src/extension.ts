// Wiring only: each feature is created by a factory that returns its disposables.
import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Cluster Pass', { log: true });
  context.subscriptions.push(log);
}

export function deactivate(): void {}
