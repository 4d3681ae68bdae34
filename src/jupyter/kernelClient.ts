// The kernel-protocol client the Cluster Pass notebook controller uses: @jupyterlab/services (what the Jupyter
// extension itself uses) over `ws`, fed nothing but a bridge's `{ baseUrl, token }`. Lives in the lazily required
// dist/jupyter.js bundle (see kernelLoader.ts): activation never loads it.
import { KernelAPI, KernelConnection, KernelSpecAPI, ServerConnection, type Kernel, type KernelMessage } from '@jupyterlab/services';
import WebSocket from 'ws';
import { outputFromMessage, type CellOutputPart } from './outputs';

export interface ExecuteResult {
  readonly status: 'ok' | 'error' | 'aborted';
  readonly executionCount: number | null;
}

/** One remote kernel reached through a bridge. */
export interface RemoteKernel {
  readonly id: string;
  readonly name: string;
  readonly status: string;
  /** Runs code; `onOutput` receives each output part as it arrives. Rejects only when the connection fails. */
  execute(code: string, onOutput: (part: CellOutputPart) => void): Promise<ExecuteResult>;
  /** REST `POST /api/kernels/{id}/interrupt`. */
  interrupt(): Promise<void>;
  restart(): Promise<void>;
  /** Closes the websocket; with `shutdown`, also deletes the kernel upstream. Idempotent. */
  dispose(options?: { shutdown?: boolean }): Promise<void>;
}

export interface StartKernelOptions {
  /** A kernelspec name; the server's default when absent. */
  readonly kernelName?: string;
  /** How long the websocket may take to connect. Default 30 000 ms. */
  readonly connectTimeoutMs?: number;
}

export interface KernelClientModule {
  startRemoteKernel(info: { readonly baseUrl: string; readonly token: string }, options?: StartKernelOptions): Promise<RemoteKernel>;
}

export function serverSettings(info: { readonly baseUrl: string; readonly token: string }): ServerConnection.ISettings {
  return ServerConnection.makeSettings({
    baseUrl: info.baseUrl,
    token: info.token,
    appendToken: true,
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
  });
}

export async function startRemoteKernel(info: { readonly baseUrl: string; readonly token: string }, options: StartKernelOptions = {}): Promise<RemoteKernel> {
  const settings = serverSettings(info);
  let name = options.kernelName;
  if (!name) {
    const specs = await KernelSpecAPI.getSpecs(settings);
    name = specs.default || Object.keys(specs.kernelspecs)[0];
  }
  const model = await KernelAPI.startNew({ name }, settings);
  const kernel = new KernelConnection({ model, serverSettings: settings, handleComms: false });
  try {
    await waitConnected(kernel, options.connectTimeoutMs ?? 30_000);
  } catch (e) {
    kernel.dispose();
    await KernelAPI.shutdownKernel(model.id, settings).catch(() => undefined);
    throw e;
  }
  return new Remote(kernel, settings, model.name);
}

class Remote implements RemoteKernel {
  private disposing?: Promise<void>;

  constructor(private readonly kernel: KernelConnection, private readonly settings: ServerConnection.ISettings, readonly name: string) {}

  get id(): string {
    return this.kernel.id;
  }

  get status(): string {
    return this.kernel.status;
  }

  async execute(code: string, onOutput: (part: CellOutputPart) => void): Promise<ExecuteResult> {
    if (this.disposing) throw new Error('the kernel connection is closed');
    const future = this.kernel.requestExecute({ code, stop_on_error: true, allow_stdin: false, store_history: true });
    let sawError = false;
    future.onIOPub = (msg: KernelMessage.IIOPubMessage) => {
      const part = outputFromMessage(msg.header.msg_type, msg.content);
      if (part?.kind === 'error') sawError = true;
      if (part) onOutput(part);
    };
    const reply = (await future.done) as KernelMessage.IExecuteReplyMsg | undefined;
    const content = reply?.content as { status?: string; execution_count?: number | null } | undefined;
    const status = content?.status === 'ok' ? 'ok' : content?.status === 'abort' || content?.status === 'aborted' ? 'aborted' : sawError || content?.status === 'error' ? 'error' : 'ok';
    return { status, executionCount: content?.execution_count ?? null };
  }

  async interrupt(): Promise<void> {
    await KernelAPI.interruptKernel(this.kernel.id, this.settings);
  }

  async restart(): Promise<void> {
    await this.kernel.restart();
  }

  dispose(options: { shutdown?: boolean } = {}): Promise<void> {
    this.disposing ??= (async () => {
      const id = this.kernel.id;
      this.kernel.dispose();
      if (options.shutdown) await KernelAPI.shutdownKernel(id, this.settings).catch(() => undefined);
    })();
    return this.disposing;
  }
}

function waitConnected(kernel: Kernel.IKernelConnection, timeoutMs: number): Promise<void> {
  if (kernel.connectionStatus === 'connected') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      kernel.connectionStatusChanged.disconnect(onChange);
      reject(new Error(`the kernel's websocket did not connect within ${Math.round(timeoutMs / 1000)} s (status ${kernel.connectionStatus})`));
    }, timeoutMs);
    const onChange = (_: unknown, status: Kernel.ConnectionStatus): void => {
      if (status === 'connected') {
        clearTimeout(timer);
        kernel.connectionStatusChanged.disconnect(onChange);
        resolve();
      }
    };
    kernel.connectionStatusChanged.connect(onChange);
  });
}
