// Mapping a bridge request path onto the upstream's base URL, and refusing anything that could leave it.

/** Why a request path was refused (400). */
export class PathError extends Error {}

/**
 * The path (without query) on the upstream for a request path on the bridge. The bridge serves at `/`; the
 * upstream may have a prefix (`/endpoints/abc/`). Absolute-form targets (`http://elsewhere/x`), dot segments
 * (also percent-encoded, once or more), backslashes, encoded separators and NULs are refused, so nothing escapes
 * the upstream's base path.
 */
export function upstreamPath(basePath: string, requestPath: string): string {
  if (!requestPath.startsWith('/') || requestPath.startsWith('//')) throw new PathError('request target must be a path');
  checkSegments(requestPath);
  const base = basePath.endsWith('/') ? basePath.slice(0, -1) : basePath;
  return base + requestPath;
}

/**
 * The last check before any request leaves the bridge (forwarded or built by the shim): the path, decoded as the
 * upstream's front (nginx, a load balancer) would decode it, stays under the upstream's base path.
 */
export function assertUnderBase(basePath: string, pathAndQuery: string): void {
  const q = pathAndQuery.indexOf('?');
  const path = q < 0 ? pathAndQuery : pathAndQuery.slice(0, q);
  const base = basePath.endsWith('/') ? basePath : `${basePath}/`;
  if (!path.startsWith(base) && path !== base.slice(0, -1)) throw new PathError('the upstream path leaves the endpoint\'s base path');
  checkSegments(path);
}

/**
 * Refuses a path any of whose segments is, or decodes (up to three times) to, a dot segment, or holds a separator,
 * a backslash or a NUL: a front that decodes once more than we do must still see the same path.
 */
function checkSegments(path: string): void {
  for (const raw of path.split('/')) {
    let seg = raw;
    for (let depth = 0; depth < 3; depth++) {
      let decoded: string;
      try {
        decoded = decodeURIComponent(seg);
      } catch {
        // What no longer decodes is no further encoding (`100%` from `100%2525`); only the path as sent must.
        if (depth === 0) throw new PathError('malformed percent-encoding in path');
        break;
      }
      if (decoded === '.' || decoded === '..' || decoded.includes('\\') || decoded.includes('\0') || decoded.includes('/')) {
        throw new PathError('dot segments and encoded separators are not allowed in the path');
      }
      if (decoded === seg) break;
      seg = decoded;
    }
  }
}

/** Jupyter's kernel and session ids are UUIDs; anything else from a client is refused before it reaches a path. */
export function isJupyterId(id: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
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
