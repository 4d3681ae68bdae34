// Which credential methods serve a target: the services' answer, for the tree, the commands and notebooks.
import type { CredentialMethod, Target } from './types';

export function methodsFor(methods: readonly CredentialMethod[], target: Target): CredentialMethod[] {
  return methods.filter((m) => m.targetKind === target.kind);
}

/** The methods that can connect a notebook to this target: with a Jupyter upstream, and not refused for its type. */
export function notebookMethodsFor(methods: readonly CredentialMethod[], target: Target): CredentialMethod[] {
  return methodsFor(methods, target).filter((m) => m.jupyterUpstream && !m.notebookRefusal?.(target));
}
