// Mapping a bridge request path onto the upstream's base URL, and refusing anything that could leave it.

/** Why a request path was refused (400). */
export class PathError extends Error {}

/**
 * The path (without query) on the upstream for a request path on the bridge. The bridge serves at `/`; the
 * upstream may have a prefix (`/endpoints/abc/`). Absolute-form targets (`http://elsewhere/x`), dot segments
 * (also percent-encoded), backslashes and NULs are refused, so nothing escapes the upstream's base path.
 */
export function upstreamPath(basePath: string, requestPath: string): string {
  if (!requestPath.startsWith('/') || requestPath.startsWith('//')) throw new PathError('request target must be a path');
  for (const raw of requestPath.split('/')) {
    let seg: string;
    try {
      seg = decodeURIComponent(raw);
    } catch {
      throw new PathError('malformed percent-encoding in path');
    }
    if (seg === '.' || seg === '..' || seg.includes('\\') || seg.includes('\0') || seg.includes('/')) {
      throw new PathError('dot segments and encoded separators are not allowed in the path');
    }
  }
  const base = basePath.endsWith('/') ? basePath.slice(0, -1) : basePath;
  return base + requestPath;
}

/** Splits a raw request target into its path, its parsed query and its raw query (without `?`). */
export function splitTarget(rawUrl: string): { path: string; query: URLSearchParams; rawQuery: string } {
  const q = rawUrl.indexOf('?');
  const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
  const rawQuery = q < 0 ? '' : rawUrl.slice(q + 1);
  return { path, query: new URLSearchParams(rawQuery), rawQuery };
}

/** The query to forward: the client's query as sent, minus every `token` parameter (the bridge's own secret). */
export function forwardedQuery(rawQuery: string): string {
  const kept = rawQuery.split('&').filter((part) => {
    if (!part) return false;
    const key = part.split('=')[0].replace(/\+/g, ' ');
    try {
      return decodeURIComponent(key) !== 'token';
    } catch {
      return false;
    }
  });
  return kept.length ? `?${kept.join('&')}` : '';
}

/**
 * A `Location` header from the upstream, rewritten to the bridge's own paths when it points inside the
 * upstream's base path (Jupyter answers `201 Created` with `Location: <base>/api/kernels/<id>`).
 */
export function rewriteLocation(location: string, upstreamBase: URL): string {
  let url: URL;
  try {
    url = new URL(location, upstreamBase);
  } catch {
    return location;
  }
  if (url.origin !== upstreamBase.origin) return location;
  const base = upstreamBase.pathname.endsWith('/') ? upstreamBase.pathname.slice(0, -1) : upstreamBase.pathname;
  if (base && !url.pathname.startsWith(`${base}/`) && url.pathname !== base) return location;
  return (url.pathname.slice(base.length) || '/') + url.search;
}
