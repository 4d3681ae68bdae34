// AWS STS (awsQuery, 2011-06-15): GetCallerIdentity, so the product can show who the user is.
import { awsQueryErrors, awsQueryService } from '../protocols/aws-query';
import type { OperationContext, ServiceHandler } from '../service';

function getCallerIdentity(_params: Record<string, unknown>, ctx: OperationContext) {
  return { Arn: ctx.identity.arn, UserId: ctx.identity.userId, Account: ctx.identity.accountId };
}

export function stsService(): ServiceHandler {
  return awsQueryService({
    signingName: 'sts',
    version: '2011-06-15',
    xmlns: 'https://sts.amazonaws.com/doc/2011-06-15/',
    errors: awsQueryErrors(),
    operations: { GetCallerIdentity: getCallerIdentity },
  });
}
