// Runs every check a credential method declares, before anything is sent.
import { InvalidInputError } from '../services/errors';
import type { CredentialInput, CredentialMethod, Target } from '../services/types';

/** Throws InvalidInputError naming the first field that is wrong. */
export function assertValid(method: CredentialMethod, target: Target, input: CredentialInput): void {
  const targetProblem = method.validateTarget?.(target);
  if (targetProblem) throw new InvalidInputError(`${target.name} (${target.id})`, targetProblem);
  for (const spec of method.parameters) {
    const problem = spec.validate(input[spec.key]);
    if (problem) throw new InvalidInputError(spec.label, problem);
  }
}
