// Tree nodes are plain data with a kind; src/tree/treeItem.ts turns each into a TreeItem.
import type { NextStep } from '../aws/explain';
import type { ProfileInfo } from '../aws/api';
import type { SsoAccount, SsoSource } from '../aws/discovered';
import type { Location, Target } from '../services/types';

export type TreeNode = ProfileNode | AccountNode | RegionNode | GroupNode | TargetNode | LoadMoreNode | MessageNode;

interface Base {
  /** Stable across refreshes, so expansion state and `reveal` survive. */
  readonly id: string;
  readonly parent?: TreeNode;
}

export interface ProfileNode extends Base {
  readonly kind: 'profile';
  readonly profile: ProfileInfo;
  account?: string;
}

/** An account discovered through IAM Identity Center; its children are the roles the sign-in may use there. */
export interface AccountNode extends Base {
  readonly kind: 'account';
  readonly source: SsoSource;
  readonly account: SsoAccount;
}

export interface RegionNode extends Base {
  readonly kind: 'region';
  readonly location: Location;
}

export interface GroupNode extends Base {
  readonly kind: 'group';
  readonly location: Location;
  readonly sourceId: string;
  readonly label: string;
  readonly icon: string;
}

export interface TargetNode extends Base {
  readonly kind: 'target';
  readonly target: Target;
  readonly sourceId: string;
  /** Ids of the credential methods for this target's kind; empty when none applies. */
  readonly methodIds: readonly string[];
}

export interface LoadMoreNode extends Base {
  readonly kind: 'loadMore';
  readonly parent: GroupNode | TargetNode;
  readonly pageToken: string;
}

/** An error, an empty listing or a hint, with the action that helps. */
export interface MessageNode extends Base {
  readonly kind: 'message';
  readonly severity: 'error' | 'info';
  readonly message: string;
  readonly next: NextStep;
  readonly profile?: string;
  /** The IAM Identity Center sign-in (SsoSource id) that a Sign In on this row renews. */
  readonly ssoSource?: string;
}

export function childId(parent: TreeNode | undefined, part: string): string {
  return parent ? `${parent.id}/${part}` : part;
}
