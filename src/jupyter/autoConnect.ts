// Whether an opened notebook connects by itself: only a Jupyter notebook that names a Cluster Pass target,
// in a trusted workspace, with auto-connect on. Pure, so the rule is tested on its own.
import { readLink, type NotebookLink } from './notebookMetadata';

export type AutoConnectPlan =
  | { readonly connect: true; readonly link: NotebookLink }
  | { readonly connect: false; readonly reason: 'not-a-jupyter-notebook' | 'no-link' | 'untrusted-workspace' | 'turned-off'; readonly link?: NotebookLink };

export interface AutoConnectEnvironment {
  readonly notebookType: string;
  /** The notebook type Cluster Pass connects (jupyter-notebook). */
  readonly expectedType: string;
  readonly metadata: unknown;
  readonly workspaceTrusted: boolean;
  readonly autoConnectSetting: boolean;
}

export function planAutoConnect(env: AutoConnectEnvironment): AutoConnectPlan {
  if (env.notebookType !== env.expectedType) return { connect: false, reason: 'not-a-jupyter-notebook' };
  const link = readLink(env.metadata);
  if (!link) return { connect: false, reason: 'no-link' };
  // Trust first: an untrusted workspace never makes a request on a notebook's say-so.
  if (!env.workspaceTrusted) return { connect: false, reason: 'untrusted-workspace', link };
  if (!env.autoConnectSetting) return { connect: false, reason: 'turned-off', link };
  return { connect: true, link };
}
