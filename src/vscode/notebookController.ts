// A Cluster Pass NotebookController for one bridged endpoint: cells run on a remote kernel reached through the
// local bridge (one kernel per notebook, started on first run), with streamed, rich and error outputs, interrupt
// and restart. Works with or without the Jupyter extension.
import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import { CONTROLLER_ID_PREFIX } from '../constants';
import { describeInput } from '../services/sessionIdentity';
import type { RemoteKernel, KernelClientModule } from '../jupyter/kernelClient';
import type { BridgeConnection } from '../jupyter/manager';
import { OutputSink, type OutputFactory } from '../jupyter/outputSink';

export const NOTEBOOK_TYPE = 'jupyter-notebook';

/** Cell outputs as VS Code makes them. */
const VSCODE_OUTPUTS: OutputFactory<vscode.NotebookCellOutput, vscode.NotebookCellOutputItem> = {
  stream: (name, text) => (name === 'stderr' ? vscode.NotebookCellOutputItem.stderr(text) : vscode.NotebookCellOutputItem.stdout(text)),
  error: (error) => vscode.NotebookCellOutputItem.error(error),
  item: (data, mime) => new vscode.NotebookCellOutputItem(data, mime),
  output: (items, metadata) => new vscode.NotebookCellOutput(items, metadata),
};

export function controllerId(key: string): string {
  return `${CONTROLLER_ID_PREFIX}.${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
}

function roleOf(c: BridgeConnection): string | undefined {
  return describeInput(c.method, c.input);
}

export class ClusterPassController implements vscode.Disposable {
  readonly controller: vscode.NotebookController;
  private readonly kernels = new Map<string, Promise<RemoteKernel>>();
  /** Cells run one after another per notebook. */
  private readonly queues = new Map<string, Promise<void>>();
  private executionOrder = 0;
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;

  constructor(
    readonly connection: BridgeConnection,
    private readonly loadClient: () => Promise<KernelClientModule>,
    private readonly log: vscode.LogOutputChannel,
  ) {
    const role = roleOf(connection);
    this.controller = vscode.notebooks.createNotebookController(
      controllerId(connection.key),
      NOTEBOOK_TYPE,
      `Cluster Pass: ${connection.target.name}`,
      (cells, notebook) => this.executeAll(cells, notebook),
    );
    this.controller.description = [role && vscode.l10n.t('as {0}', role), `${connection.target.location.profile}, ${connection.target.location.region}`].filter(Boolean).join(' · ');
    this.controller.detail = vscode.l10n.t('Remote kernel through a local Cluster Pass bridge that renews its session');
    this.controller.supportedLanguages = ['python'];
    this.controller.supportsExecutionOrder = true;
    this.controller.interruptHandler = (notebook) => this.interrupt(notebook);
    this.disposables.push(
      this.controller,
      vscode.workspace.onDidCloseNotebookDocument((nb) => void this.closeKernel(nb.uri.toString(), true)),
    );
  }

  get id(): string {
    return this.controller.id;
  }

  /** Makes this controller the preferred one for a notebook and selects it there (the notebook's editor is shown). */
  async attach(notebook: vscode.NotebookDocument, extensionId: string): Promise<void> {
    this.controller.updateNotebookAffinity(notebook, vscode.NotebookControllerAffinity.Preferred);
    const editor = vscode.window.activeNotebookEditor?.notebook === notebook ? vscode.window.activeNotebookEditor : await vscode.window.showNotebookDocument(notebook, { preserveFocus: false });
    await vscode.commands.executeCommand('notebook.selectKernel', { id: this.controller.id, extension: extensionId, notebookEditor: editor });
  }

  async interrupt(notebook: vscode.NotebookDocument): Promise<void> {
    const kernel = this.kernels.get(notebook.uri.toString());
    if (!kernel) return;
    try {
      await (await kernel).interrupt();
    } catch (e) {
      this.log.error(`Interrupting the kernel of ${notebook.uri.path} failed: ${(e as Error).message}`);
    }
  }

  async restart(notebook: vscode.NotebookDocument): Promise<boolean> {
    const kernel = this.kernels.get(notebook.uri.toString());
    if (!kernel) return false;
    await (await kernel).restart();
    this.executionOrder = 0;
    this.log.info(`Restarted the kernel of ${notebook.uri.path} on ${this.connection.target.name}.`);
    return true;
  }

  hasKernel(notebook: vscode.NotebookDocument): boolean {
    return this.kernels.has(notebook.uri.toString());
  }

  private kernelFor(notebook: vscode.NotebookDocument): Promise<RemoteKernel> {
    const key = notebook.uri.toString();
    let kernel = this.kernels.get(key);
    if (!kernel) {
      const { bridge } = this.connection;
      kernel = this.loadClient().then((client) => client.startRemoteKernel({ baseUrl: bridge.url, token: bridge.token }));
      this.kernels.set(key, kernel);
      kernel.then(
        (k) => this.log.info(`Started kernel ${k.name} on ${this.connection.target.name} for ${notebook.uri.path}.`),
        (e) => {
          if (this.kernels.get(key) === kernel) this.kernels.delete(key);
          this.log.error(`Could not start a kernel on ${this.connection.target.name}: ${(e as Error).message}`);
        },
      );
    }
    return kernel;
  }

  private executeAll(cells: vscode.NotebookCell[], notebook: vscode.NotebookDocument): Promise<void> {
    const key = notebook.uri.toString();
    const previous = this.queues.get(key) ?? Promise.resolve();
    const run = previous.then(async () => {
      for (const cell of cells) await this.executeCell(cell, notebook);
    });
    const settled = run.catch(() => undefined);
    this.queues.set(key, settled);
    void settled.then(() => {
      if (this.queues.get(key) === settled) this.queues.delete(key);
    });
    return run;
  }

  private async executeCell(cell: vscode.NotebookCell, notebook: vscode.NotebookDocument): Promise<void> {
    if (this.disposed) return;
    const execution = this.controller.createNotebookCellExecution(cell);
    execution.start(Date.now());
    await execution.clearOutput();
    const sink = new OutputSink(execution, VSCODE_OUTPUTS);
    let kernel: RemoteKernel | undefined;
    const cancel = execution.token.onCancellationRequested(() => void kernel?.interrupt().catch(() => undefined));
    try {
      kernel = await this.kernelFor(notebook);
      if (execution.token.isCancellationRequested) {
        execution.end(undefined, Date.now());
        return;
      }
      const result = await kernel.execute(cell.document.getText(), (part) => sink.push(part));
      await sink.flushed();
      execution.executionOrder = result.executionCount ?? ++this.executionOrder;
      execution.end(result.status === 'ok', Date.now());
    } catch (e) {
      await sink.flushed();
      await execution.appendOutput(new vscode.NotebookCellOutput([
        vscode.NotebookCellOutputItem.error({ name: 'Cluster Pass', message: (e as Error).message ?? String(e) }),
      ]));
      execution.end(false, Date.now());
    } finally {
      cancel.dispose();
    }
  }

  private async closeKernel(key: string, shutdown: boolean): Promise<void> {
    const kernel = this.kernels.get(key);
    if (!kernel) return;
    this.kernels.delete(key);
    try {
      await (await kernel).dispose({ shutdown });
    } catch {
      // a kernel that never started has nothing to close
    }
  }

  /** Closes every kernel connection; with `shutdown`, also deletes the kernels upstream (while the bridge still runs). */
  async close(shutdown: boolean): Promise<void> {
    await Promise.all([...this.kernels.keys()].map((k) => this.closeKernel(k, shutdown)));
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    void this.close(false);
    for (const d of this.disposables) d.dispose();
  }
}

/** One controller per running bridge: made on first use, disposed when its bridge stops or is replaced. */
export class NotebookControllers implements vscode.Disposable {
  private readonly controllers = new Map<string, ClusterPassController>();

  constructor(
    private readonly loadClient: () => Promise<KernelClientModule>,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  for(c: BridgeConnection): ClusterPassController {
    let ctl = this.controllers.get(c.key);
    if (ctl && ctl.connection !== c) {
      ctl.dispose();
      ctl = undefined;
    }
    if (!ctl) {
      ctl = new ClusterPassController(c, this.loadClient, this.log);
      this.controllers.set(c.key, ctl);
    }
    return ctl;
  }

  /** The controller running a kernel for the notebook. */
  running(notebook: vscode.NotebookDocument): ClusterPassController | undefined {
    return [...this.controllers.values()].find((x) => x.hasKernel(notebook));
  }

  /** Disposes the controllers whose bridge is no longer the live one. */
  prune(live: (key: string) => BridgeConnection | undefined): void {
    for (const [key, ctl] of [...this.controllers]) {
      if (live(key) === ctl.connection) continue;
      this.controllers.delete(key);
      ctl.dispose();
    }
  }

  dispose(): void {
    for (const ctl of this.controllers.values()) ctl.dispose();
    this.controllers.clear();
  }
}
