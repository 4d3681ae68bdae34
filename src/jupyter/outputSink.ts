// Applies a cell's output parts, in order, to a cell execution: consecutive chunks of one stream go into the same
// output, and a `clear_output(wait=True)` clears only when the next output arrives. Generic over the output types so
// the rule runs without VS Code; src/vscode/notebookController.ts supplies vscode's.
import type { CellOutputPart } from './outputs';

/** The parts of vscode.NotebookCellExecution the sink writes through. */
export interface CellExecution<Output, Item> {
  appendOutput(output: Output): Thenable<void>;
  appendOutputItems(items: Item, output: Output): Thenable<void>;
  clearOutput(): Thenable<void>;
}

/** How to make outputs and their items (vscode.NotebookCellOutput and NotebookCellOutputItem). */
export interface OutputFactory<Output, Item> {
  stream(name: 'stdout' | 'stderr', text: string): Item;
  error(error: { name: string; message: string; stack: string }): Item;
  item(data: Uint8Array, mime: string): Item;
  output(items: Item[], metadata?: Record<string, unknown>): Output;
}

export class OutputSink<Output, Item> {
  private chain: Promise<unknown> = Promise.resolve();
  private lastStream?: { name: string; output: Output };
  private clearPending = false;

  constructor(
    private readonly execution: CellExecution<Output, Item>,
    private readonly make: OutputFactory<Output, Item>,
  ) {}

  push(part: CellOutputPart): void {
    this.chain = this.chain.then(() => this.apply(part)).catch(() => undefined);
  }

  flushed(): Promise<unknown> {
    return this.chain;
  }

  private async apply(part: CellOutputPart): Promise<void> {
    if (part.kind === 'clear') {
      if (part.wait) this.clearPending = true;
      else await this.clear();
      return;
    }
    if (this.clearPending) await this.clear();
    const e = this.execution;
    if (part.kind === 'stream') {
      const item = this.make.stream(part.name, part.text);
      if (this.lastStream?.name === part.name) {
        await e.appendOutputItems(item, this.lastStream.output);
        return;
      }
      const output = this.make.output([item]);
      this.lastStream = { name: part.name, output };
      await e.appendOutput(output);
      return;
    }
    this.lastStream = undefined;
    if (part.kind === 'error') {
      await e.appendOutput(this.make.output([this.make.error({ name: part.name, message: part.message, stack: part.stack })]));
      return;
    }
    await e.appendOutput(this.make.output(part.items.map((i) => this.make.item(i.data, i.mime)), part.metadata));
  }

  private async clear(): Promise<void> {
    this.clearPending = false;
    this.lastStream = undefined;
    await this.execution.clearOutput();
  }
}
