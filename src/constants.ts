// Every id Cluster Pass registers, in one place. Commands, views, settings and context keys share the prefix.
import type { NextStep } from './aws/explain';

export const PREFIX = 'clusterPass';
export const EXTENSION_ID = 'clusterpass.cluster-pass';

export const VIEW_CONTAINER = 'clusterPass';
export const TREE_VIEW = 'clusterPass.targets';
export const STATUS_ITEM = 'clusterPass.countdown';
export const LOG_NAME = 'Cluster Pass';

export const COMMANDS = {
  getCredentials: 'clusterPass.getCredentials',
  copyCredentials: 'clusterPass.copyCredentials',
  showSessions: 'clusterPass.showSessions',
  renewSession: 'clusterPass.renewSession',
  forgetSession: 'clusterPass.forgetSession',
  refresh: 'clusterPass.refresh',
  refreshNode: 'clusterPass.refreshNode',
  selectProfiles: 'clusterPass.selectProfiles',
  selectRegions: 'clusterPass.selectRegions',
  selectAccounts: 'clusterPass.selectAccounts',
  openTerminal: 'clusterPass.openTerminal',
  copyId: 'clusterPass.copyId',
  retry: 'clusterPass.retry',
  loadMore: 'clusterPass.loadMore',
  signIn: 'clusterPass.signIn',
  toggleInactive: 'clusterPass.toggleInactive',
  openLog: 'clusterPass.openLog',
  openAwsConfig: 'clusterPass.openAwsConfig',
  connectNotebook: 'clusterPass.connectNotebook',
  copyJupyterUrl: 'clusterPass.copyJupyterUrl',
  copyClientConfig: 'clusterPass.copyClientConfig',
  restartKernel: 'clusterPass.restartKernel',
} as const;

export const SETTINGS = {
  profiles: 'profiles',
  regions: 'regions',
  showInactive: 'showInactive',
  defaultFormat: 'defaultFormat',
  clipboardClearSeconds: 'clipboard.clearAfterSeconds',
  warnMinutes: 'statusBar.warningMinutes',
  notifyBeforeExpiry: 'notifyBeforeExpiry',
  parallelRegions: 'parallelRegions',
  ssoAccounts: 'identityCenter.accounts',
  allowInsecureTls: 'jupyter.allowInsecureTls',
  autoConnect: 'notebooks.autoConnect',
} as const;

/** Settings whose change means listing again. */
export const LISTING_SETTINGS = [SETTINGS.profiles, SETTINGS.regions, SETTINGS.showInactive, SETTINGS.ssoAccounts] as const;
/** The settings group the countdown reads. */
export const STATUS_BAR_SETTINGS = 'statusBar';

/** Context keys set with `setContext` and read in package.json `when` clauses. */
export const CONTEXT_KEYS = {
  noProfiles: 'clusterPass.noProfiles',
  /** The walkthrough's terminal step shows once the command that opens a terminal with credentials exists. */
  terminalAvailable: 'clusterPass.terminalAvailable',
} as const;

/** The tree items' `contextValue`s, which package.json menus match (`viewItem`). */
export const CONTEXT_VALUES = {
  profile: 'profile',
  region: 'region',
  group: 'group',
  target: 'target',
  targetWithCredentials: 'target.credentials',
  loadMore: 'loadMore',
  message: (next: NextStep) => `message.${next}`,
} as const;

/** Keys in VS Code's global state. */
export const STATE_KEYS = {
  recentLinks: 'clusterPass.jupyter.recent',
  /** Followed by `/<profile>/<region>/<kind>/<id>/<parameter>`. */
  recentValues: 'clusterPass.recent',
} as const;

/** Cluster Pass's notebook controllers' ids start with this. */
export const CONTROLLER_ID_PREFIX = 'clusterPass.kernel';
