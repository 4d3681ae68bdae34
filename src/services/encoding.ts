// Escaping for the places credentials are pasted into: URIs, shells, HTTP headers.

const UNRESERVED = /[A-Za-z0-9\-._~]/;

/**
 * RFC 3986 percent-encoding of UTF-8 bytes, leaving only unreserved characters as they are. Stricter than
 * encodeURIComponent, which leaves ! ' ( ) * alone: those are sub-delimiters that some URI parsers split on.
 */
export function percentEncode(text: string): string {
  let out = '';
  for (const ch of text) {
    if (UNRESERVED.test(ch)) {
      out += ch;
      continue;
    }
    for (const byte of new TextEncoder().encode(ch)) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** A POSIX shell word that stands for exactly `text`: single quotes, each embedded ' written as '\''. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** Base64 of the UTF-8 bytes (what HTTP Basic expects from modern clients, RFC 7617). */
export function base64Utf8(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

/** A host for a URL authority: IPv6 literals in brackets. */
export function urlHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
