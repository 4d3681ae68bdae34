// The commands Connect Notebook, Copy Jupyter URL, Copy Client Settings (bridges to other HTTP APIs) and Restart
// Kernel: adapters from VS Code arguments to the notebook flow, the bridge manager and the clipboard guard.
import * as vscode from 'vscode';
import { COMMANDS } from '../constants';
import type { BridgeConnection, BridgeManager } from '../jupyter/manager';
import type { NotebookFlow } from '../jupyter/notebookFlow';
import type { ClipboardGuard } from '../sessions/clipboardGuard';
import type { SessionStore } from '../sessions/sessionStore';
import type { NotebookControllers } from './notebookController';
import { settings } from './settings';

export interface JupyterCommandDeps {
  readonly manager: BridgeManager;
  readonly flow: NotebookFlow<vscode.NotebookDocument>;
  readonly controllers: NotebookControllers;
  readonly clipboard: ClipboardGuard;
  readonly store: SessionStore;
  /** The notebook named, else the active one; says so when there is none. */
  notebookFor(uri?: vscode.Uri): vscode.NotebookDocument | undefined;
}

/** A bridge to another HTTP API has no Jupyter kernels: say so and offer its clients' settings. */
export function offerClientConfig(c: BridgeConnection): void {
  const what = c.clientConfigs.map((f) => f.label).join(', ');
  const copy = { id: 'copyClientConfig', title: vscode.l10n.t('Copy Client Settings') };
  void vscode.window.showInformationMessage(
    what ? vscode.l10n.t('{0} has no Jupyter kernel gateway; its bridge is running for other clients ({1}).', c.target.name, what) : vscode.l10n.t('{0} has no Jupyter kernel gateway; its bridge is running for other clients.', c.target.name),
    ...(c.clientConfigs.length ? [copy] : []),
  ).then((chosen) => chosen?.id === copy.id && vscode.commands.executeCommand(COMMANDS.copyClientConfig, c.key));
}

/** The clipboard slot of a value that holds a bridge's token: cleared when that bridge stops. */
export const bridgeSlot = (key: string): string => `bridge:${key}`;

export function registerJupyterCommands(deps: JupyterCommandDeps): vscode.Disposable[] {
  const { manager, flow } = deps;

  /** Copies a value that holds a bridge token; cleared from the clipboard when that bridge stops (or at expiry). */
  const copyBridgeSecret = async (c: BridgeConnection, value: string): Promise<void> => {
    const session = deps.store.get(c.key);
    await deps.clipboard.copy(value, session?.credential.expiresAt ?? new Date(Date.now() + 3600_000), settings.clearAfterSeconds(), bridgeSlot(c.key));
  };
  const pickBridge = async (bridges: BridgeConnection[], title: string): Promise<BridgeConnection | undefined> =>
    (await vscode.window.showQuickPick(bridges.map((x) => ({ label: x.target.name, description: `${x.target.location.profile}, ${x.target.location.region}`, c: x })), { title, placeHolder: vscode.l10n.t('Which bridge?') }))?.c;

  return [
    vscode.commands.registerCommand(COMMANDS.connectNotebook, async (uri?: vscode.Uri) => {
      const notebook = deps.notebookFor(uri);
      const c = notebook && (await flow.connectChosen(notebook));
      return c?.upstreamKind === 'jupyter' ? { key: c.key, target: c.target.name } : undefined;
    }),
    vscode.commands.registerCommand(COMMANDS.copyJupyterUrl, async () => {
      const all = manager.list();
      const c = all.length === 1 ? all[0] : all.length > 1 ? await pickBridge(all, vscode.l10n.t('Copy Jupyter URL')) : await flow.pickAndConnect();
      if (!c) return false;
      await copyBridgeSecret(c, `${c.bridge.url}?token=${c.bridge.token}`);
      void vscode.window.showInformationMessage(vscode.l10n.t('Copied the Jupyter URL of the Cluster Pass bridge for {0}. It works while the bridge runs; Cluster Pass clears it from the clipboard when the bridge stops.', c.target.name));
      return true;
    }),
    vscode.commands.registerCommand(COMMANDS.copyClientConfig, async (key?: string) => {
      const offering = manager.list().filter((x) => x.clientConfigs.length > 0);
      let c = typeof key === 'string' ? offering.find((x) => x.key === key) : offering.length === 1 ? offering[0] : undefined;
      if (!c && offering.length > 1) {
        c = await pickBridge(offering, vscode.l10n.t('Copy Client Settings'));
      } else if (!c) {
        c = await flow.pickAndConnect();
        if (c && !c.clientConfigs.length) {
          void vscode.window.showInformationMessage(vscode.l10n.t('The bridge for {0} is a Jupyter server: use "Copy Jupyter URL" for it.', c.target.name));
          return false;
        }
      }
      if (!c) return false;
      const bridge = { url: c.bridge.url, token: c.bridge.token, name: c.target.name };
      const configs = c.clientConfigs;
      const config = configs.length === 1 ? configs[0] : (await vscode.window.showQuickPick(configs.map((f) => ({ label: f.label, description: f.description, f })), { title: vscode.l10n.t('Client settings for {0}', c.target.name), placeHolder: vscode.l10n.t('Which form?') }))?.f;
      if (!config) return false;
      await copyBridgeSecret(c, config.render(bridge));
      void vscode.window.showInformationMessage(vscode.l10n.t("Copied \"{0}\" for {1}: the bridge's local URL and token, no AWS credential. It works while the bridge runs; Cluster Pass clears it from the clipboard when the bridge stops.", config.label, c.target.name));
      return true;
    }),
    vscode.commands.registerCommand(COMMANDS.restartKernel, async () => {
      const notebook = vscode.window.activeNotebookEditor?.notebook;
      const ctl = notebook && deps.controllers.running(notebook);
      if (!notebook || !ctl) {
        void vscode.window.showInformationMessage(vscode.l10n.t('This notebook has no running Cluster Pass kernel.'));
        return false;
      }
      try {
        return await ctl.restart(notebook);
      } catch (e) {
        void vscode.window.showErrorMessage(vscode.l10n.t('Restarting the kernel failed: {0}', (e as Error).message));
        return false;
      }
    }),
  ];
}
