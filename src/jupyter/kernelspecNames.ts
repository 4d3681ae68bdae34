// Kernelspec display names that say where a kernel runs: "Python 3 (ipykernel)" from an endpoint becomes
// "Python 3 (ipykernel) on notebooks-gateway", so a client of the bridge (JupyterLab, a Jupyter server using it as
// gateway, the Jupyter extension) never shows a remote kernel under the same name as a local one. Applied to the
// JSON of GET /api/kernelspecs and GET /api/kernelspecs/{name}; anything else passes unchanged. Pure.

/** The display name with " on <where>" added, unless it already names the place. */
export function remoteDisplayName(displayName: string, where: string): string {
  const suffix = ` on ${where}`;
  return displayName.endsWith(suffix) ? displayName : `${displayName}${suffix}`;
}

/** A kernelspec model ({ name, spec: { display_name } }) with its display name rewritten; other values as they were. */
function renameSpec(model: unknown, where: string): unknown {
  if (!model || typeof model !== 'object' || Array.isArray(model)) return model;
  const m = model as Record<string, unknown>;
  const spec = m.spec as Record<string, unknown> | undefined;
  if (!spec || typeof spec !== 'object' || typeof spec.display_name !== 'string') return model;
  return { ...m, spec: { ...spec, display_name: remoteDisplayName(spec.display_name, where) } };
}

/**
 * The body of a kernelspecs answer with every display name naming `where`: the list form
 * ({ default, kernelspecs: { name: model } }) or one model.
 */
export function nameKernelspecs(body: unknown, where: string): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  const b = body as Record<string, unknown>;
  if (b.kernelspecs && typeof b.kernelspecs === 'object' && !Array.isArray(b.kernelspecs)) {
    const specs = Object.fromEntries(Object.entries(b.kernelspecs as Record<string, unknown>).map(([k, v]) => [k, renameSpec(v, where)]));
    return { ...b, kernelspecs: specs };
  }
  return renameSpec(body, where);
}

/** Whether a bridge request is one whose JSON answer nameKernelspecs rewrites. */
export function isKernelspecsRoute(method: string, path: string): boolean {
  return method === 'GET' && /^\/api\/kernelspecs(?:\/[^/]+)?\/?$/.test(path);
}
