// AWS STS, asked who a profile is (the sign-in check and the tree's account line).
import { GetCallerIdentityCommand, STSClient, type STSClientConfig } from '@aws-sdk/client-sts';
import { cachedClient } from './clients';
import type { ClientConfig } from './types';

export async function callerIdentity(config: ClientConfig, signal?: AbortSignal): Promise<{ account?: string; arn?: string }> {
  const client = cachedClient({ id: 'STS', name: 'AWS STS' }, config, (c) => new STSClient(c as STSClientConfig));
  const out = await client.send(new GetCallerIdentityCommand({}), { abortSignal: signal });
  return { account: out.Account, arn: out.Arn };
}
