// The one way Cluster Pass loads a bundle on first use: once, shared by concurrent callers, retried after a failure
// (a missing file), and required beside dist/extension.js by a computed path so esbuild keeps it out of extension.js.

/** `load` run once on first call; a failed load is forgotten so the next call tries again. */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= load();
    loading.catch(() => (loading = undefined));
    return loading;
  };
}

/** Requires `file` from the directory of the running bundle. */
export function requireBeside<T>(file: string): () => Promise<T> {
  return async () => {
    const path = `${__dirname}/${file}`;
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a runtime path, loaded on first use
    return require(path) as T;
  };
}
