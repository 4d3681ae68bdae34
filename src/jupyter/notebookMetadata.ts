// What a notebook records about its Cluster Pass connection: which target, method and role, never a secret.
// Stored as `metadata.clusterPass` of the .ipynb (VS Code's ipynb serializer keeps the file's metadata under
// `notebook.metadata.metadata`; older versions under `notebook.metadata.custom.metadata`).
import type { CredentialInput, CredentialMethod, InputValue, Target } from '../services/types';

export interface NotebookLink {
  readonly profile: string;
  readonly region: string;
  readonly kind: string;
  readonly id: string;
  readonly parentId?: string;
  readonly name: string;
  readonly methodId: string;
  /** Non-secret input values only (role ARN, duration, log context). */
  readonly input: Readonly<Record<string, string | number | boolean | readonly string[]>>;
}

export const METADATA_KEY = 'clusterPass';

/** Parameter keys whose values are never written, whatever a module declares. */
const SECRET_KEY = /token|secret|password|passwd|credential|session|auth|key$/i;
const SECRET_VALUE = /^(?:eyJ|ASIA|AKIA)|-----BEGIN/;

/**
 * The link for a target, method and input. Keeps only inputs the method declares, of plain types, whose names and
 * values do not look like secrets; drops everything else.
 */
export function linkFor(target: Target, method: CredentialMethod, input: CredentialInput): NotebookLink {
  return {
    profile: target.location.profile,
    region: target.location.region,
    kind: target.kind,
    id: target.id,
    ...(target.parentId ? { parentId: target.parentId } : {}),
    name: target.name,
    methodId: method.id,
    input: recordableInput(method, input),
  };
}

/** The inputs that may be written down or shown: declared by the method, plain, and not looking like a secret. */
export function recordableInput(method: CredentialMethod, input: CredentialInput): Record<string, string | number | boolean | readonly string[]> {
  const declared = new Set(method.parameters.map((p) => p.key));
  const kept: Record<string, string | number | boolean | readonly string[]> = {};
  for (const [k, v] of Object.entries(input)) {
    if (!declared.has(k) || SECRET_KEY.test(k) || !isPlain(v)) continue;
    if (typeof v === 'string' && (SECRET_VALUE.test(v) || v.length > 2048)) continue;
    kept[k] = v;
  }
  return kept;
}

function isPlain(v: InputValue): v is string | number | boolean | readonly string[] {
  if (typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

/** Reads and checks a link from a notebook's metadata; undefined when absent or malformed. */
export function readLink(notebookMetadata: unknown): NotebookLink | undefined {
  const raw = ipynbMetadata(notebookMetadata)?.[METADATA_KEY];
  if (!raw || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  const text = (k: string): string | undefined => (typeof r[k] === 'string' && (r[k] as string).length > 0 && (r[k] as string).length <= 2048 ? (r[k] as string) : undefined);
  const profile = text('profile');
  const region = text('region');
  const kind = text('kind');
  const id = text('id');
  const methodId = text('methodId');
  if (!profile || !region || !kind || !id || !methodId) return undefined;
  const input: Record<string, string | number | boolean | readonly string[]> = {};
  if (r.input && typeof r.input === 'object' && !Array.isArray(r.input)) {
    for (const [k, v] of Object.entries(r.input as Record<string, unknown>)) if (isPlain(v as InputValue)) input[k] = v as string;
  }
  return { profile, region, kind, id, parentId: text('parentId'), name: text('name') ?? id, methodId, input };
}

/** The notebook's metadata with the link set (a new object; the rest is kept as is). */
export function withLink(notebookMetadata: unknown, link: NotebookLink): Record<string, unknown> {
  const base = (notebookMetadata && typeof notebookMetadata === 'object' ? notebookMetadata : {}) as Record<string, unknown>;
  const custom = base.custom as Record<string, unknown> | undefined;
  if (custom && typeof custom === 'object' && !('metadata' in base)) {
    const inner = (custom.metadata ?? {}) as Record<string, unknown>;
    return { ...base, custom: { ...custom, metadata: { ...inner, [METADATA_KEY]: link } } };
  }
  const inner = (base.metadata && typeof base.metadata === 'object' ? base.metadata : {}) as Record<string, unknown>;
  return { ...base, metadata: { ...inner, [METADATA_KEY]: link } };
}

/** A target good enough to fetch credentials and find the upstream again (state unknown until listed). */
export function targetFromLink(link: NotebookLink): Target {
  return {
    kind: link.kind,
    location: { profile: link.profile, region: link.region },
    id: link.id,
    parentId: link.parentId,
    name: link.name,
    state: 'UNKNOWN',
    stateCategory: 'active',
    details: {},
  };
}

function ipynbMetadata(notebookMetadata: unknown): Record<string, unknown> | undefined {
  if (!notebookMetadata || typeof notebookMetadata !== 'object') return undefined;
  const m = notebookMetadata as Record<string, unknown>;
  if (m.metadata && typeof m.metadata === 'object') return m.metadata as Record<string, unknown>;
  const custom = m.custom as Record<string, unknown> | undefined;
  if (custom?.metadata && typeof custom.metadata === 'object') return custom.metadata as Record<string, unknown>;
  return undefined;
}
