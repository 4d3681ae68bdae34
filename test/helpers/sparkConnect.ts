// Parses a Spark Connect connection string the way Spark Connect clients do (pyspark's ChannelBuilder): the scheme
// must be sc, the URL path must be empty or "/" followed by ";"-separated key=value parameters, each value
// percent-decoded; the port defaults to 15002. Throws on anything a client would refuse.

export interface SparkConnectTarget {
  host: string;
  port: number;
  params: Record<string, string>;
}

export function parseSparkConnectString(text: string): SparkConnectTarget {
  if (!text.startsWith('sc://')) throw new Error(`not a Spark Connect URL (scheme must be sc): ${text.slice(0, 8)}…`);
  const [authorityAndPath, ...paramParts] = text.slice('sc://'.length).split(';');
  const slash = authorityAndPath.indexOf('/');
  const authority = slash < 0 ? authorityAndPath : authorityAndPath.slice(0, slash);
  const path = slash < 0 ? '' : authorityAndPath.slice(slash);
  if (path !== '' && path !== '/') throw new Error(`the path must be empty or "/", not ${path}`);
  const url = new URL(`http://${authority}`);
  if (url.username || url.password || url.pathname !== '/') throw new Error('no user info or path in the authority');
  const params: Record<string, string> = {};
  for (const part of paramParts) {
    const kv = part.split('=');
    if (kv.length !== 2) throw new Error(`parameter ${part.split('=')[0]} is not key=value`);
    params[kv[0]] = decodeURIComponent(kv[1]);
  }
  return { host: url.hostname, port: url.port ? Number(url.port) : 15002, params };
}
