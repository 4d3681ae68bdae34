// Reads `clusterPass.*` settings. Profiles and regions are machine-scoped in package.json, so a
// workspace's .vscode/settings.json cannot choose where signed requests go.
import * as vscode from 'vscode';
import type { AccountSelection } from '../aws/discovered';
import { PREFIX, SETTINGS } from '../constants';

function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(PREFIX);
}

export const settings = {
  get: (key: string): unknown => config().get(key),
  profiles: (): string[] => config().get<string[]>(SETTINGS.profiles, []),
  regions: (): string[] => config().get<string[]>(SETTINGS.regions, []),
  includeInactive: (): boolean => config().get<boolean>(SETTINGS.showInactive, false),
  defaultFormat: (): string => config().get<string>(SETTINGS.defaultFormat, 'ask'),
  clearAfterSeconds: (): number => config().get<number>(SETTINGS.clipboardClearSeconds, 0),
  warningMinutes: (): number => config().get<number>(SETTINGS.warnMinutes, 2),
  notifyBeforeExpiry: (): boolean => config().get<boolean>(SETTINGS.notifyBeforeExpiry, true),
  ssoAccounts: (): AccountSelection => config().get<AccountSelection>(SETTINGS.ssoAccounts, {}),
  parallelRegions: (): number => Math.max(1, config().get<number>(SETTINGS.parallelRegions, 4)),
  allowInsecureTls: (): boolean => config().get<boolean>(SETTINGS.allowInsecureTls, false),
  autoConnect: (): boolean => config().get<boolean>(SETTINGS.autoConnect, true),
  update: (key: string, value: unknown) => config().update(key, value, vscode.ConfigurationTarget.Global),
};
