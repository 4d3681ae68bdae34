// EMR on EKS managed endpoint types. `type` is free text in the API: JUPYTER_ENTERPRISE_GATEWAY endpoints serve
// Jupyter kernels (notebooks connect through the bridge); SPARK_CONNECT endpoints serve Spark Connect clients through
// their authentication proxy on port 443 with the session token; any other type is shown as AWS names it and gets
// the token formats only.
import type { ClipboardFormat, CredentialContext, Target } from './types';
import { l10n } from '../l10n';

export const JUPYTER_GATEWAY = 'JUPYTER_ENTERPRISE_GATEWAY';
export const SPARK_CONNECT = 'SPARK_CONNECT';
/** Spark Connect endpoints listen behind their authentication proxy on HTTPS's port. */
export const SPARK_CONNECT_PORT = 443;

/** Why a target of this type cannot connect a notebook, or undefined when it can (a gateway, or no type given). */
export function notebookRefusal(target: Target): string | undefined {
  if (target.type === undefined || target.type === JUPYTER_GATEWAY) return undefined;
  if (target.type === SPARK_CONNECT) {
    return l10n.t('{0} is a Spark Connect endpoint: notebooks connect to Jupyter Enterprise Gateway endpoints. Use its credentials with a Spark Connect client instead (Get Credentials, then the connection string or the PySpark snippet).', target.name);
  }
  return l10n.t('{0} is an endpoint of type {1}, which Cluster Pass does not connect notebooks to. Its session token can still be copied (Get Credentials).', target.name, target.type);
}

/** The host a Spark Connect client connects to: the endpoint's authentication proxy, else its server URL. */
export function sparkConnectHost(target: Target): string {
  const url = typeof target.details.authProxyUrl === 'string' && target.details.authProxyUrl ? target.details.authProxyUrl : target.endpoint;
  if (!url) throw new Error(l10n.t('{0} has no authProxyUrl or serverUrl to connect to. Refresh the tree; the endpoint may still be starting.', target.name));
  try {
    return new URL(url.includes('://') ? url : `https://${url}`).hostname;
  } catch {
    throw new Error(l10n.t("{0}'s address is not a URL Cluster Pass can read.", target.name));
  }
}

/**
 * Spark Connect's connection string: `sc://HOST:PORT/;param=value;…`. Parameter values may not contain `;`, and the
 * string is a URL, so the token is percent-encoded (Spark Connect clients decode parameter values).
 */
export function sparkConnectString(ctx: CredentialContext): string {
  return `sc://${sparkConnectHost(ctx.target)}:${SPARK_CONNECT_PORT}/;use_ssl=true;token=${encodeURIComponent(ctx.credential.secret)}`;
}

/** A PySpark snippet that opens a session on the endpoint. */
export function pysparkSnippet(ctx: CredentialContext): string {
  return [
    'from pyspark.sql import SparkSession',
    '',
    `# ${ctx.target.name}: this token expires at ${ctx.credential.expiresAt.toISOString()}`,
    `spark = SparkSession.builder.remote(${JSON.stringify(sparkConnectString(ctx))}).getOrCreate()`,
  ].join('\n');
}

const isSparkConnect = (target: Target): boolean => target.type === SPARK_CONNECT;

/** Formats only endpoints of a known type other than a gateway get (a gateway's header is with the token formats). */
export const endpointTypeFormats: readonly ClipboardFormat[] = [
  {
    id: 'sparkConnectString',
    label: l10n.t('Spark Connect connection string'),
    description: `sc://HOST:${SPARK_CONNECT_PORT}/;use_ssl=true;token=…`,
    render: sparkConnectString,
    appliesTo: isSparkConnect,
  },
  {
    id: 'pyspark',
    label: l10n.t('PySpark snippet'),
    description: 'SparkSession.builder.remote(…).getOrCreate()',
    render: pysparkSnippet,
    appliesTo: isSparkConnect,
  },
];
