// The Jupyter extension's "Cluster Pass" server collection: created once, when that extension is installed and a
// notebook is open. Its commands run the notebook flow for the notebook the picker was opened on.
import * as vscode from 'vscode';
import type { BridgeManager } from '../jupyter/manager';
import type { NotebookFlow } from '../jupyter/notebookFlow';
import type { RecentLinks } from '../jupyter/recentLinks';
import { ClusterPassServerProvider, COLLECTION_ID, COLLECTION_LABEL } from '../jupyter/serverProvider';
import type { Logger } from '../tree/targetTree';

export const JUPYTER_EXTENSION_ID = 'ms-toolsai.jupyter';

export interface CollectionDeps {
  readonly manager: BridgeManager;
  readonly recent: RecentLinks;
  readonly flow: NotebookFlow<vscode.NotebookDocument>;
  /** The notebook a command acts on (the active one); says so when there is none. */
  notebookFor(): vscode.NotebookDocument | undefined;
  readonly log: Logger;
}

export class JupyterCollection implements vscode.Disposable {
  private collection?: { dispose(): void };
  private provider?: ClusterPassServerProvider;
  private creating = false;

  constructor(private readonly deps: CollectionDeps) {}

  async ensure(): Promise<void> {
    if (this.collection || this.creating) return;
    const ext = vscode.extensions.getExtension<import('@vscode/jupyter-extension').Jupyter>(JUPYTER_EXTENSION_ID);
    if (!ext) return;
    this.creating = true;
    const { flow, notebookFor } = this.deps;
    try {
      const jupyter = ext.isActive ? ext.exports : await ext.activate();
      const provider = new ClusterPassServerProvider({
        manager: this.deps.manager,
        recent: () => this.deps.recent.list(),
        // The Jupyter extension's picker runs on the active notebook: taken before any prompt moves the focus.
        connectRecent: async (link) => {
          const notebook = notebookFor();
          if (notebook) await flow.reconnect(notebook, link);
        },
        pickAndConnect: async () => {
          const notebook = notebookFor();
          if (notebook) await flow.connectChosen(notebook);
        },
        pickerDone: () => new vscode.CancellationError(),
        parseUri: (u) => vscode.Uri.parse(u),
      });
      this.provider = provider;
      const created = jupyter.createJupyterServerCollection(COLLECTION_ID, COLLECTION_LABEL, provider);
      created.commandProvider = provider;
      this.collection = created;
    } catch (e) {
      this.deps.log.error(`Could not add the Cluster Pass servers to the Jupyter extension: ${(e as Error).message}`);
    } finally {
      this.creating = false;
    }
  }

  dispose(): void {
    this.collection?.dispose();
    this.provider?.dispose();
  }
}
