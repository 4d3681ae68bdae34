// The hostile requests the bridge is tested with, as raw bytes: request lines, headers, body framing (request
// smuggling) and ids that would leave the endpoint's base path. Every case holds the bridge token, as any client the
// bridge was handed to does. Shared by the recording-gateway test and the simulated-endpoint test.

/** Text in every hostile body: it must never reach an upstream unless a case forwards a body on purpose. */
export const MARKER = 'smuggle-marker';

export interface HostileContext {
  readonly port: number;
  readonly token: string;
}

export interface HostileCase {
  readonly category: 'request line' | 'header' | 'framing' | 'id';
  readonly name: string;
  bytes(c: HostileContext): string;
  /** The status the client must see (0: the connection closed without an answer). */
  readonly status: number | readonly number[];
  readonly message?: RegExp;
  /** Upstream requests the case may cause (all inside the base path). Default 0. */
  readonly forwards?: number;
  /** The case forwards its (well-formed) body on purpose, framed by the bridge. */
  readonly forwardsBody?: boolean;
  readonly idleMs?: number;
  /** For pipelined cases: the status of the second response on the same connection. */
  readonly thenStatus?: number;
}

const UUID = '0b0c6d2e-4a1f-4c3e-9d2a-7f1e2d3c4b5a';

/** A request: the line, then Host and the bridge token unless `headers` replace them, then `headers`, then `body`. */
function raw(c: HostileContext, line: string, headers: readonly string[] = [], body = '', o: { host?: boolean; auth?: boolean } = {}): string {
  const all = [
    ...(o.host === false ? [] : [`Host: 127.0.0.1:${c.port}`]),
    ...(o.auth === false ? [] : [`Authorization: token ${c.token}`]),
    ...headers,
  ];
  return `${line}\r\n${all.map((h) => `${h}\r\n`).join('')}\r\n${body}`;
}

function chunk(text: string): string {
  return `${Buffer.byteLength(text).toString(16)}\r\n${text}\r\n`;
}

/** A complete second request, as a smuggler would hide it in a body. */
const smuggledComplete = `GET /endpoints/sim/../../smuggled HTTP/1.1\r\nHost: evil.example\r\nX-Marker: ${MARKER}\r\n\r\n`;
/** An unfinished request that the next request on the same upstream connection would complete. */
const smuggledPrefix = `GET /outside-base/capture HTTP/1.1\r\nX-Marker: ${MARKER}\r\nX-Ignore: `;
const sessionBody = (kernelId: string): string => JSON.stringify({ kernel: { id: kernelId }, path: `${MARKER}.ipynb`, type: 'notebook' });
const withLength = (body: string): string[] => ['Content-Type: application/json', `Content-Length: ${Buffer.byteLength(body)}`];

export const hostileCases: readonly HostileCase[] = [
  // ---- request lines ----
  { category: 'request line', name: 'absolute-form target to another host', status: 400, message: /must be a path/, bytes: (c) => raw(c, 'GET http://evil.example/api/kernelspecs HTTP/1.1') },
  { category: 'request line', name: 'absolute-form target to the bridge itself', status: 400, bytes: (c) => raw(c, `GET http://127.0.0.1:${c.port}/api/kernelspecs HTTP/1.1`) },
  { category: 'request line', name: 'network-path reference //host/path', status: 400, bytes: (c) => raw(c, 'GET //evil.example/api HTTP/1.1') },
  { category: 'request line', name: 'dot segments', status: 400, message: /dot segments/, bytes: (c) => raw(c, 'GET /api/../../outside HTTP/1.1') },
  { category: 'request line', name: 'percent-encoded dot segments', status: 400, bytes: (c) => raw(c, 'GET /api/%2e%2e/%2E%2E/outside HTTP/1.1') },
  { category: 'request line', name: 'double-encoded dot segments', status: 400, bytes: (c) => raw(c, 'GET /api/%252e%252e/%252e%252e/outside HTTP/1.1') },
  { category: 'request line', name: 'encoded slashes', status: 400, bytes: (c) => raw(c, 'GET /api/kernels/..%2f..%2f..%2foutside HTTP/1.1') },
  { category: 'request line', name: 'encoded backslashes', status: 400, bytes: (c) => raw(c, 'GET /api/x%5c..%5c..%5coutside HTTP/1.1') },
  { category: 'request line', name: 'encoded NUL', status: 400, bytes: (c) => raw(c, 'GET /api/kernels%00/x HTTP/1.1') },
  { category: 'request line', name: 'malformed percent-encoding', status: 400, message: /percent-encoding/, bytes: (c) => raw(c, 'GET /api/%zz HTTP/1.1') },
  { category: 'request line', name: 'asterisk-form target', status: 400, bytes: (c) => raw(c, 'OPTIONS * HTTP/1.1') },
  { category: 'request line', name: 'TRACE', status: 405, message: /not supported/, bytes: (c) => raw(c, 'TRACE /api/kernelspecs HTTP/1.1') },
  { category: 'request line', name: 'WebDAV PROPFIND', status: 405, bytes: (c) => raw(c, 'PROPFIND /api/ HTTP/1.1') },
  { category: 'request line', name: 'CONNECT tunnel', status: [0, 400], bytes: (c) => raw(c, 'CONNECT evil.example:443 HTTP/1.1') },
  { category: 'request line', name: 'space inside the target', status: 400, bytes: (c) => raw(c, 'GET /api/kernel specs HTTP/1.1') },
  { category: 'request line', name: 'unknown HTTP version', status: [400, 505], bytes: (c) => raw(c, 'GET /api/kernelspecs HTTP/3.7') },
  { category: 'request line', name: 'HTTP/1.0 without Host', status: 403, bytes: (c) => raw(c, 'GET /api/kernelspecs HTTP/1.0', [], '', { host: false }) },
  { category: 'request line', name: 'pipelined: a good request, then a traversal', status: 200, thenStatus: 400, forwards: 1, bytes: (c) => raw(c, 'GET /api/kernelspecs HTTP/1.1') + raw(c, 'GET /api/../../outside HTTP/1.1') },

  // ---- headers ----
  { category: 'header', name: 'two identical Host headers', status: 400, message: /more than one host header/, bytes: (c) => raw(c, 'GET /api/kernelspecs HTTP/1.1', [`Host: 127.0.0.1:${c.port}`]) },
  { category: 'header', name: 'a second Host naming another site', status: 400, bytes: (c) => raw(c, 'GET /api/kernelspecs HTTP/1.1', ['Host: evil.com']) },
  { category: 'header', name: 'foreign Host', status: 403, message: /Host/, bytes: (c) => raw(c, 'GET /api/kernelspecs HTTP/1.1', [`Host: evil.example:${c.port}`], '', { host: false }) },
  { category: 'header', name: 'Host with user info', status: 403, bytes: (c) => raw(c, 'GET /api/kernelspecs HTTP/1.1', [`Host: 127.0.0.1:${c.port}@evil.example`], '', { host: false }) },
  { category: 'header', name: 'no Host', status: 400, bytes: (c) => raw(c, 'GET /api/kernelspecs HTTP/1.1', [], '', { host: false }) },
  { category: 'header', name: 'two Authorization headers', status: 400, bytes: (c) => raw(c, 'GET /api/kernelspecs HTTP/1.1', ['Authorization: token other']) },
  { category: 'header', name: 'wrong token', status: 401, bytes: (c) => raw(c, 'GET /api/kernelspecs HTTP/1.1', [`Authorization: token ${'0'.repeat(64)}`], '', { auth: false }) },
  { category: 'header', name: 'no token', status: 401, bytes: (c) => raw(c, 'GET /api/kernelspecs HTTP/1.1', [], '', { auth: false }) },
  { category: 'header', name: 'HTTP Basic with the token on a Jupyter bridge', status: 401, bytes: (c) => raw(c, 'GET /api/kernelspecs HTTP/1.1', [`Authorization: Basic ${Buffer.from(`u:${c.token}`).toString('base64')}`], '', { auth: false }) },
  { category: 'header', name: 'a web page Origin', status: 403, message: /web pages/, bytes: (c) => raw(c, 'GET /api/kernelspecs HTTP/1.1', ['Origin: https://evil.example']) },
  { category: 'header', name: 'Origin null (sandboxed page)', status: 403, bytes: (c) => raw(c, 'GET /api/kernelspecs HTTP/1.1', ['Origin: null']) },
  { category: 'header', name: 'CORS preflight', status: 403, bytes: (c) => raw(c, 'OPTIONS /api/kernels HTTP/1.1', ['Origin: https://evil.example', 'Access-Control-Request-Method: POST'], '', { auth: false }) },
  { category: 'header', name: 'Bearer token (accepted, forwarded inside the base)', status: 200, forwards: 1, bytes: (c) => raw(c, 'GET /api/kernelspecs HTTP/1.1', [`Authorization: Bearer ${c.token}`], '', { auth: false }) },
  { category: 'header', name: 'token in the query (accepted, not forwarded)', status: 200, forwards: 1, bytes: (c) => raw(c, `GET /api/kernelspecs?token=${c.token} HTTP/1.1`, [], '', { auth: false }) },
  { category: 'header', name: 'forwarding headers naming another host (dropped)', status: 200, forwards: 1, bytes: (c) => raw(c, 'GET /api/kernelspecs HTTP/1.1', ['X-Forwarded-Host: evil.example', 'Forwarded: host=evil.example', 'X-Forwarded-Proto: http']) },
  { category: 'header', name: 'h2c upgrade', status: 400, message: /websocket/, bytes: (c) => raw(c, 'GET /api/kernelspecs HTTP/1.1', ['Connection: Upgrade, HTTP2-Settings', 'Upgrade: h2c', 'HTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA']) },
  { category: 'header', name: 'websocket upgrade with POST', status: 400, bytes: (c) => raw(c, `POST /api/kernels/${UUID}/channels HTTP/1.1`, ['Connection: Upgrade', 'Upgrade: websocket', 'Sec-WebSocket-Version: 13', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==']) },
  { category: 'header', name: 'websocket upgrade carrying a body', status: 400, bytes: (c) => raw(c, `GET /api/kernels/${UUID}/channels HTTP/1.1`, ['Connection: Upgrade', 'Upgrade: websocket', 'Sec-WebSocket-Version: 13', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==', `Content-Length: ${smuggledComplete.length}`], smuggledComplete) },
  { category: 'header', name: 'websocket upgrade outside the base', status: 400, bytes: (c) => raw(c, 'GET /api/kernels/%2e%2e/%2e%2e/%2e%2e/x/channels HTTP/1.1', ['Connection: Upgrade', 'Upgrade: websocket', 'Sec-WebSocket-Version: 13', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==']) },
  { category: 'header', name: 'websocket upgrade from a web page', status: 403, bytes: (c) => raw(c, `GET /api/kernels/${UUID}/channels HTTP/1.1`, ['Connection: Upgrade', 'Upgrade: websocket', 'Sec-WebSocket-Version: 13', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==', 'Origin: https://evil.example']) },
  { category: 'header', name: 'obsolete line folding', status: 400, bytes: (c) => raw(c, 'GET /api/kernelspecs HTTP/1.1', ['X-A: 1', ` folded ${MARKER}`]) },
  { category: 'header', name: 'headers over 16 KiB', status: 431, bytes: (c) => raw(c, 'GET /api/kernelspecs HTTP/1.1', [`X-Big: ${'a'.repeat(20_000)}`]) },

  // ---- framing (request smuggling) ----
  {
    category: 'framing', name: 'GET with a chunked body holding a complete request outside the base', status: 400, message: /GET request must not carry a body/,
    bytes: (c) => raw(c, 'GET /api/kernelspecs HTTP/1.1', ['Transfer-Encoding: chunked'], `${chunk(smuggledComplete)}0\r\n\r\n`),
  },
  {
    category: 'framing', name: 'GET with a chunked body holding an unfinished request', status: 400,
    bytes: (c) => raw(c, 'GET /api/kernelspecs HTTP/1.1', ['Transfer-Encoding: chunked'], `${chunk(smuggledPrefix)}0\r\n\r\n`),
  },
  {
    category: 'framing', name: 'GET with Content-Length that Connection asks to drop', status: 400,
    bytes: (c) => raw(c, 'GET /api/kernelspecs HTTP/1.1', ['Connection: keep-alive, content-length', `Content-Length: ${smuggledComplete.length}`], smuggledComplete),
  },
  {
    category: 'framing', name: 'GET with chunking that Connection asks to drop', status: 400,
    bytes: (c) => raw(c, 'GET /api/kernelspecs HTTP/1.1', ['Connection: transfer-encoding', 'Transfer-Encoding: chunked'], `${chunk(smuggledPrefix)}0\r\n\r\n`),
  },
  {
    category: 'framing', name: 'DELETE with a chunked body', status: 400, message: /DELETE request must not carry a body/,
    bytes: (c) => raw(c, `DELETE /api/kernels/${UUID} HTTP/1.1`, ['Transfer-Encoding: chunked'], `${chunk(smuggledComplete)}0\r\n\r\n`),
  },
  { category: 'framing', name: 'HEAD with a body', status: 400, bytes: (c) => raw(c, 'HEAD /api/kernelspecs HTTP/1.1', [`Content-Length: ${smuggledComplete.length}`], smuggledComplete) },
  { category: 'framing', name: 'OPTIONS with a body', status: 400, bytes: (c) => raw(c, 'OPTIONS /api/kernels HTTP/1.1', [`Content-Length: ${smuggledComplete.length}`], smuggledComplete) },
  { category: 'framing', name: 'Content-Length and Transfer-Encoding together', status: 400, bytes: (c) => raw(c, 'POST /api/kernels HTTP/1.1', ['Content-Length: 4', 'Transfer-Encoding: chunked'], `${chunk(smuggledComplete)}0\r\n\r\n`) },
  { category: 'framing', name: 'two Content-Length headers that disagree', status: 400, bytes: (c) => raw(c, 'POST /api/kernels HTTP/1.1', ['Content-Length: 2', `Content-Length: ${smuggledComplete.length + 2}`], `{}${smuggledComplete}`) },
  { category: 'framing', name: 'two Transfer-Encoding headers', status: 400, bytes: (c) => raw(c, 'POST /api/kernels HTTP/1.1', ['Transfer-Encoding: chunked', 'Transfer-Encoding: chunked'], `${chunk('{}')}0\r\n\r\n`) },
  { category: 'framing', name: 'Transfer-Encoding not ending in chunked', status: 400, bytes: (c) => raw(c, 'POST /api/kernels HTTP/1.1', ['Transfer-Encoding: chunked, identity'], `${chunk(smuggledComplete)}0\r\n\r\n`) },
  { category: 'framing', name: 'negative Content-Length', status: 400, bytes: (c) => raw(c, 'POST /api/kernels HTTP/1.1', ['Content-Length: -1'], smuggledComplete) },
  {
    category: 'framing', name: 'POST with a chunked body (forwarded with the bridge\'s own Content-Length)', status: 201, forwards: 1, forwardsBody: true,
    bytes: (c) => raw(c, 'POST /api/kernels HTTP/1.1', ['Content-Type: application/json', 'Connection: transfer-encoding', 'Transfer-Encoding: chunked'], `${chunk(`{"name":"python3","x":"${MARKER}"}`)}0\r\n\r\n`),
  },
  {
    category: 'framing', name: 'POST whose Connection lists Content-Length (forwarded, framed by the bridge)', status: 201, forwards: 1, forwardsBody: true,
    bytes: (c) => raw(c, 'POST /api/kernels HTTP/1.1', ['Connection: content-length', ...withLength(`{"x":"${MARKER}"}`)], `{"x":"${MARKER}"}`),
  },
  {
    category: 'framing', name: 'POST with Expect: 100-continue (expectation not forwarded)', status: 201, forwards: 1, forwardsBody: true,
    bytes: (c) => raw(c, 'POST /api/kernels HTTP/1.1', ['Expect: 100-continue', ...withLength('{}')], '{}'),
  },

  // ---- ids from clients put into upstream paths by the shim ----
  { category: 'id', name: 'session with kernel id ../../../outside', status: 400, message: /kernel id \(a UUID\)/, bytes: (c) => raw(c, 'POST /api/sessions HTTP/1.1', withLength(sessionBody('../../../outside')), sessionBody('../../../outside')) },
  { category: 'id', name: 'session with a percent-encoded kernel id', status: 400, bytes: (c) => raw(c, 'POST /api/sessions HTTP/1.1', withLength(sessionBody('%2e%2e%2f%2e%2e%2foutside')), sessionBody('%2e%2e%2f%2e%2e%2foutside')) },
  { category: 'id', name: 'session with a kernel id carrying a query', status: 400, bytes: (c) => raw(c, 'POST /api/sessions HTTP/1.1', withLength(sessionBody(`${UUID}?x=../../y`)), sessionBody(`${UUID}?x=../../y`)) },
  { category: 'id', name: 'session with a kernel id that is not a string', status: [400, 201], forwards: 1, bytes: (c) => raw(c, 'POST /api/sessions HTTP/1.1', withLength('{"kernel":{"id":["..","..","x"]},"path":"n.ipynb"}'), '{"kernel":{"id":["..","..","x"]},"path":"n.ipynb"}') },
  { category: 'id', name: 'kernel path with an encoded traversal', status: 400, bytes: (c) => raw(c, 'GET /api/kernels/..%2F..%2F..%2Foutside HTTP/1.1') },
  { category: 'id', name: 'kernel delete with an encoded traversal', status: 400, bytes: (c) => raw(c, 'DELETE /api/kernels/%2e%2e%2f%2e%2e%2foutside HTTP/1.1') },
  { category: 'id', name: 'unknown kernel by a well-formed id (inside the base)', status: 404, forwards: 1, bytes: (c) => raw(c, `GET /api/kernels/${UUID} HTTP/1.1`) },
];
