// Minimal in-memory versions of the Jupyter server routes a bare Enterprise Gateway lacks (sessions, contents,
// status, me, the API version), so JupyterLab clients and the Jupyter extension work against a gateway that
// only serves kernels and kernelspecs. Used only when the upstream answers 404 for a route.
//
// What a client sends never reaches an upstream path unchecked: kernel ids must be Jupyter ids (UUIDs), and the
// upstream client refuses any path outside the endpoint's base. The in-memory state is bounded (CONTENTS_LIMITS,
// MAX_SESSIONS), so a client cannot grow the extension host's memory without limit.
import { randomUUID } from 'node:crypto';
import type { BridgeLogger } from './log';
import { isJupyterId } from './paths';
import type { SmallResponse, UpstreamClient } from './upstream';

export interface ShimAnswer {
  readonly status: number;
  readonly body?: unknown;
}

interface KernelModel {
  readonly id: string;
  readonly name: string;
  readonly [k: string]: unknown;
}

interface SessionModel {
  id: string;
  path: string;
  name: string;
  type: string;
  kernel: KernelModel;
}

interface FileEntry {
  path: string;
  type: 'file' | 'notebook' | 'directory';
  /** The content as JSON text (its size is what counts against CONTENTS_LIMITS), or null. */
  content: string | null;
  format: string | null;
  created: string;
  lastModified: string;
}

export type Family = 'sessions' | 'contents';

/**
 * The contents shim's budget: each file's content at most `fileBytes` of JSON text, all of them at most
 * `totalBytes`, at most `entries` files and folders. Stored as text, that is the memory it holds (twice that for
 * text outside Latin-1, which JavaScript stores in two bytes a character).
 */
export const CONTENTS_LIMITS = { fileBytes: 8 * 1024 * 1024, totalBytes: 32 * 1024 * 1024, entries: 1000 } as const;
/** Sessions the shim keeps at once. */
export const MAX_SESSIONS = 1000;

const message = (status: number, text: string): ShimAnswer => ({ status, body: { message: text, reason: null } });

export class GatewayShim {
  private readonly sessions = new Map<string, SessionModel>();
  private readonly files = new Map<string, FileEntry>();
  private storedBytes = 0;
  private readonly modes: Record<Family, 'unknown' | 'upstream' | 'shim'> = { sessions: 'unknown', contents: 'unknown' };
  private readonly started = new Date().toISOString();

  constructor(
    private readonly upstream: UpstreamClient,
    private readonly log: BridgeLogger,
  ) {}

  /** True when the bridge answers this route family itself: probed once, on first use (404 from upstream → shim). */
  async serves(family: Family): Promise<boolean> {
    if (this.modes[family] === 'unknown') {
      const probe = await this.upstream.json('GET', `api/${family}`);
      if (probe.status === 404) {
        this.modes[family] = 'shim';
        this.log.info(`upstream has no /api/${family}; the bridge serves a minimal in-memory version`);
      } else if (probe.status >= 200 && probe.status < 300) {
        this.modes[family] = 'upstream';
      }
    }
    return this.modes[family] === 'shim';
  }

  /** A kernel was shut down through the bridge: forget sessions that used it. */
  kernelDeleted(kernelId: string): void {
    for (const [id, s] of this.sessions) if (s.kernel.id === kernelId) this.sessions.delete(id);
  }

  // ---- sessions ----------------------------------------------------------------------------------------------

  async sessionsRoute(method: string, rest: string, body: unknown): Promise<ShimAnswer> {
    const id = rest.replace(/^\/+|\/+$/g, '');
    if (!id) {
      if (method === 'GET') {
        await this.reconcile();
        return { status: 200, body: [...this.sessions.values()] };
      }
      if (method === 'POST') return this.createSession(asRecord(body));
      return message(405, `${method} is not supported on /api/sessions`);
    }
    if (id.includes('/')) return message(404, 'Not found');
    const session = this.sessions.get(id);
    if (!session) return message(404, `Session not found: ${id}`);
    if (method === 'GET') {
      await this.reconcile();
      const s = this.sessions.get(id);
      return s ? { status: 200, body: s } : message(404, `Session not found: ${id}`);
    }
    if (method === 'PATCH') return this.patchSession(session, asRecord(body));
    if (method === 'DELETE') {
      this.sessions.delete(id);
      const r = await this.upstream.json('DELETE', `api/kernels/${encodeURIComponent(session.kernel.id)}`);
      if (r.status >= 400 && r.status !== 404) this.log.warn(`shutting down the kernel of a deleted session answered ${r.status}`);
      return { status: 204 };
    }
    return message(405, `${method} is not supported on /api/sessions/{id}`);
  }

  private async createSession(body: Record<string, unknown>): Promise<ShimAnswer> {
    const path = str(body.path) ?? str(asRecord(body.notebook).path);
    if (path === undefined) return message(400, 'path is required');
    const existing = [...this.sessions.values()].find((s) => s.path === path);
    if (existing) {
      await this.reconcile();
      if (this.sessions.has(existing.id)) return { status: 201, body: existing };
    }
    if (this.sessions.size >= MAX_SESSIONS) {
      return message(507, `the Cluster Pass bridge keeps at most ${MAX_SESSIONS} sessions; delete some first`);
    }
    const kernelReq = asRecord(body.kernel);
    const kernel = await this.obtainKernel(kernelReq);
    if ('status' in kernel) return kernel;
    const session: SessionModel = {
      id: randomUUID(),
      path,
      name: str(body.name) ?? '',
      type: str(body.type) ?? 'notebook',
      kernel: kernel.model,
    };
    this.sessions.set(session.id, session);
    return { status: 201, body: session };
  }

  private async patchSession(session: SessionModel, body: Record<string, unknown>): Promise<ShimAnswer> {
    if (str(body.path) !== undefined) session.path = str(body.path)!;
    if (str(body.name) !== undefined) session.name = str(body.name)!;
    if (str(body.type) !== undefined) session.type = str(body.type)!;
    const kernelReq = asRecord(body.kernel);
    if (str(kernelReq.id) !== undefined || str(kernelReq.name) !== undefined) {
      if (str(kernelReq.id) === session.kernel.id) return { status: 200, body: session };
      const kernel = await this.obtainKernel(kernelReq);
      if ('status' in kernel) return kernel;
      const old = session.kernel.id;
      session.kernel = kernel.model;
      if (old !== kernel.model.id) {
        const r = await this.upstream.json('DELETE', `api/kernels/${encodeURIComponent(old)}`);
        if (r.status >= 400 && r.status !== 404) this.log.warn(`shutting down a replaced kernel answered ${r.status}`);
      }
    }
    return { status: 200, body: session };
  }

  /** An existing kernel by id, or a new one started upstream (by name, or the gateway's default). */
  private async obtainKernel(req: Record<string, unknown>): Promise<{ model: KernelModel } | ShimAnswer> {
    const id = str(req.id);
    let r: SmallResponse;
    if (id !== undefined) {
      if (!isJupyterId(id)) return message(400, 'kernel.id must be a Jupyter kernel id (a UUID)');
      r = await this.upstream.json('GET', `api/kernels/${encodeURIComponent(id)}`);
      if (r.status === 404) return message(404, `Kernel does not exist: ${id}`);
    } else {
      const name = str(req.name);
      r = await this.upstream.json('POST', 'api/kernels', name ? { name } : {});
    }
    if (r.status >= 300) return { status: r.status, body: r.body ?? { message: `upstream answered ${r.status}` } };
    const model = asRecord(r.body);
    if (str(model.id) === undefined || str(model.name) === undefined || !isJupyterId(str(model.id)!)) {
      return message(502, 'upstream returned an invalid kernel model');
    }
    return { model: model as KernelModel };
  }

  /** Drops sessions whose kernel disappeared upstream and refreshes the kernel models of the others. */
  private async reconcile(): Promise<void> {
    if (this.sessions.size === 0) return;
    let r: SmallResponse;
    try {
      r = await this.upstream.json('GET', 'api/kernels');
    } catch {
      return;
    }
    if (r.status !== 200 || !Array.isArray(r.body)) return;
    const live = new Map<string, KernelModel>();
    for (const k of r.body as KernelModel[]) if (k && typeof k.id === 'string') live.set(k.id, k);
    for (const [id, s] of this.sessions) {
      const k = live.get(s.kernel.id);
      if (k) s.kernel = k;
      else {
        this.sessions.delete(id);
        this.log.info('a session\'s kernel is gone upstream; the session was removed');
      }
    }
  }

  // ---- contents ----------------------------------------------------------------------------------------------

  contentsRoute(method: string, rest: string, query: URLSearchParams, body: unknown): ShimAnswer {
    let path = decodePath(rest);
    if (path === undefined) return message(400, 'malformed path');
    if (path.endsWith('/checkpoints') || path === 'checkpoints') {
      if (method === 'GET') return { status: 200, body: [] };
      if (method === 'POST') return { status: 201, body: { id: 'checkpoint', last_modified: new Date().toISOString() } };
      return message(404, 'No checkpoints');
    }
    const req = asRecord(body);
    switch (method) {
      case 'GET': {
        const f = this.files.get(path);
        const wantContent = query.get('content') !== '0';
        if (f && f.type !== 'directory') return { status: 200, body: this.fileModel(f, wantContent) };
        if (path === '' || f?.type === 'directory' || query.get('type') === 'directory' || this.hasChildren(path)) {
          return { status: 200, body: this.dirModel(path, wantContent) };
        }
        return message(404, `No such file or directory: ${path}`);
      }
      case 'POST': {
        // newUntitled in directory `path`, or copy (copy_from): both create an empty entry.
        const type = (str(req.type) ?? 'file') as FileEntry['type'];
        const ext = str(req.ext) ?? (type === 'notebook' ? '.ipynb' : type === 'file' ? '.txt' : '');
        const stem = type === 'directory' ? 'Untitled Folder' : type === 'notebook' ? 'Untitled' : 'untitled';
        let name = `${stem}${ext}`;
        for (let i = 1; this.files.has(join(path, name)); i++) name = `${stem}${i}${ext}`;
        const entry = this.put(join(path, name), type, null, null);
        return 'status' in entry ? entry : { status: 201, body: this.fileModel(entry, false) };
      }
      case 'PUT': {
        const type = (str(req.type) ?? 'file') as FileEntry['type'];
        const existed = this.files.has(path);
        const entry = this.put(path, type, req.content ?? null, str(req.format) ?? null);
        return 'status' in entry ? entry : { status: existed ? 200 : 201, body: this.fileModel(entry, false) };
      }
      case 'PATCH': {
        const to = str(req.path);
        const f = this.files.get(path);
        if (!f) return message(404, `No such file or directory: ${path}`);
        if (to === undefined) return message(400, 'path is required');
        this.files.delete(path);
        f.path = to.replace(/^\/+/, '');
        this.remove(f.path);
        f.lastModified = new Date().toISOString();
        this.files.set(f.path, f);
        return { status: 200, body: this.fileModel(f, false) };
      }
      case 'DELETE': {
        if (!this.remove(path)) return message(404, `No such file or directory: ${path}`);
        path = `${path}/`;
        for (const k of [...this.files.keys()]) if (k.startsWith(path)) this.remove(k);
        return { status: 204 };
      }
      default:
        return message(405, `${method} is not supported on /api/contents`);
    }
  }

  /** Stores an entry within CONTENTS_LIMITS, or answers 413 and keeps what was there. */
  private put(path: string, type: FileEntry['type'], content: unknown, format: string | null): FileEntry | ShimAnswer {
    const text = content === null || content === undefined ? null : JSON.stringify(content);
    const size = text === null ? 0 : Buffer.byteLength(text);
    const prev = this.files.get(path);
    const limits = CONTENTS_LIMITS;
    if (size > limits.fileBytes) {
      return message(413, `the file is larger than the ${mib(limits.fileBytes)} MiB the Cluster Pass bridge keeps for one file in memory`);
    }
    if (this.storedBytes - contentBytes(prev) + size > limits.totalBytes) {
      return message(413, `the Cluster Pass bridge keeps at most ${mib(limits.totalBytes)} MiB of files in memory; delete some first`);
    }
    if (!prev && this.files.size >= limits.entries) {
      return message(413, `the Cluster Pass bridge keeps at most ${limits.entries} files and folders in memory; delete some first`);
    }
    const now = new Date().toISOString();
    const entry: FileEntry = { path, type, content: text, format, created: prev?.created ?? now, lastModified: now };
    this.storedBytes += size - contentBytes(prev);
    this.files.set(path, entry);
    return entry;
  }

  private remove(path: string): boolean {
    const f = this.files.get(path);
    if (!f) return false;
    this.storedBytes -= contentBytes(f);
    return this.files.delete(path);
  }

  /** Bytes of file content held now (for tests and the memory budget). */
  get contentBytes(): number {
    return this.storedBytes;
  }

  private hasChildren(dir: string): boolean {
    const prefix = dir ? `${dir}/` : '';
    for (const k of this.files.keys()) if (k.startsWith(prefix)) return true;
    return false;
  }

  private fileModel(f: FileEntry, withContent: boolean): Record<string, unknown> {
    if (f.type === 'directory') return this.dirModel(f.path, withContent);
    return {
      name: f.path.split('/').pop() ?? f.path,
      path: f.path,
      type: f.type,
      writable: true,
      created: f.created,
      last_modified: f.lastModified,
      mimetype: f.type === 'notebook' ? null : 'text/plain',
      content: withContent && f.content !== null ? JSON.parse(f.content) : null,
      format: withContent ? f.format ?? (f.type === 'notebook' ? 'json' : 'text') : null,
      size: null,
    };
  }

  private dirModel(path: string, withContent: boolean): Record<string, unknown> {
    const prefix = path ? `${path}/` : '';
    const children = [...this.files.values()].filter((f) => f.path.startsWith(prefix) && !f.path.slice(prefix.length).includes('/'));
    return {
      name: path.split('/').pop() ?? '',
      path,
      type: 'directory',
      writable: true,
      created: this.started,
      last_modified: this.started,
      mimetype: null,
      content: withContent ? children.map((c) => this.fileModel(c, false)) : null,
      format: withContent ? 'json' : null,
      size: null,
    };
  }

  // ---- single routes -----------------------------------------------------------------------------------------

  status(): ShimAnswer {
    return {
      status: 200,
      body: { started: this.started, last_activity: new Date().toISOString(), connections: 0, kernels: this.sessions.size },
    };
  }

  me(): ShimAnswer {
    return {
      status: 200,
      body: {
        identity: { username: 'cluster-pass', name: 'Cluster Pass', display_name: 'Cluster Pass', initials: 'CP', avatar_url: null, color: null },
        permissions: {},
      },
    };
  }

  version(): ShimAnswer {
    return { status: 200, body: { version: '1.23.0' } };
  }
}

function asRecord(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function contentBytes(f: FileEntry | undefined): number {
  return f?.content ? Buffer.byteLength(f.content) : 0;
}

function mib(bytes: number): number {
  return bytes / (1024 * 1024);
}

function join(dir: string, name: string): string {
  return dir ? `${dir}/${name}` : name;
}

function decodePath(rest: string): string | undefined {
  try {
    return decodeURIComponent(rest).replace(/^\/+|\/+$/g, '');
  } catch {
    return undefined;
  }
}
