// Every id Cluster Pass registers, in one place. Commands, views, settings and context keys share the prefix.
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
} as const;
