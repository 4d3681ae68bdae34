// Getting, renewing and copying credentials, generic over every CredentialMethod.
import type * as vscode from 'vscode';
import type { AwsApi } from '../aws/api';
import { explainError, type Explanation } from '../aws/explain';
import { l10n } from '../l10n';
import type { ClipboardFormat, CredentialInput, CredentialMethod, Target } from '../services/types';
import type { ClipboardGuard } from '../sessions/clipboardGuard';
import { formatRemaining, type Clock } from '../sessions/countdown';
import type { Session, SessionStore } from '../sessions/sessionStore';
import type { Logger } from '../tree/targetTree';
import { methodsFor } from '../services/methods';
import { pickMethod } from './choose';
import { promptForInput, type PromptDeps } from './prompts';
import { assertValid } from './validate';

export type CredentialWindow = Pick<typeof vscode.window, 'withProgress' | 'showQuickPick' | 'showInformationMessage' | 'showErrorMessage'>;

export interface CredentialDeps {
  loadAws(): Promise<AwsApi>;
  readonly store: SessionStore;
  readonly window: CredentialWindow;
  readonly notificationLocation: vscode.ProgressLocation;
  /** Where background work (automatic renewals) shows progress: the status bar, not a notification. */
  readonly backgroundLocation?: vscode.ProgressLocation;
  readonly clipboard: ClipboardGuard;
  readonly prompts: PromptDeps;
  readonly log: Logger;
  readonly clock: Clock;
  /** The format id to copy without asking ('ask' to always ask). */
  defaultFormat(): string;
  clearAfterSeconds(): number;
  /** Runs the follow-up chosen from an error message (refresh, sign in, open the AWS config, show the log); Retry is handled here. */
  followUp(action: MessageAction, target: Target): void;
}

export interface GetOptions {
  readonly methodId?: string;
  /** The target's methods as the tree found them (instead of looking them up again). */
  readonly methodIds?: readonly string[];
  /** Skips the prompts (renewal, notebooks, automation); still validated before sending. */
  readonly input?: CredentialInput;
  /** A format id, 'ask', or 'none' to copy nothing. */
  readonly format?: string;
  /** Only methods that pass are offered (e.g. those that can fill a terminal's environment). */
  readonly methodFilter?: (method: CredentialMethod) => boolean;
}

export class CredentialService {
  constructor(private readonly deps: CredentialDeps) {}

  /** The whole user flow: choose the method, ask for inputs, fetch with progress, store, copy. Never throws. */
  async getCredentials(target: Target, options: GetOptions = {}): Promise<Session | undefined> {
    const api = await this.deps.loadAws();
    const method = await this.chooseMethod(api, target, options);
    if (!method) return undefined;
    const input = options.input ?? (await promptForInput(this.deps.prompts, method, target));
    if (!input) return undefined;
    const session = await this.fetchReporting(target, method, input);
    if (session && options.format !== 'none') await this.copy(session, options.format);
    return session;
  }

  /** Fetches again with the same inputs; the session keeps its place, and the new secret can be copied. Never throws. */
  async renew(session: Session): Promise<Session | undefined> {
    const renewed = await this.fetchReporting(session.target, session.method, session.input);
    if (renewed) {
      const left = formatRemaining(renewed.credential.expiresAt.getTime() - this.deps.clock());
      void Promise.resolve(this.deps.window.showInformationMessage(l10n.t('Renewed credentials for {0}; they expire in {1}.', renewed.target.name, left), actions().copy)).then((chosen) => {
        if (chosen?.id === 'copy') void this.copy(renewed);
      });
    }
    return renewed;
  }

  /**
   * Validates, then calls AWS under a cancellable progress notification (in the status bar when `background`,
   * as for automatic renewals). Throws what AWS or validation threw.
   */
  async fetch(target: Target, method: CredentialMethod, input: CredentialInput, signal?: AbortSignal, background = false): Promise<Session> {
    assertValid(method, target, input);
    const api = await this.deps.loadAws();
    const location = background ? (this.deps.backgroundLocation ?? this.deps.notificationLocation) : this.deps.notificationLocation;
    const credential = await this.deps.window.withProgress(
      { location, title: background ? l10n.t('Renewing credentials for {0}', target.name) : l10n.t('Getting credentials for {0}', target.name), cancellable: !background },
      (_progress, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        signal?.addEventListener('abort', () => abort.abort());
        return method.fetch({ location: target.location, clientConfig: api.clientConfig(target.location), signal: abort.signal }, target, input);
      },
    );
    this.deps.log.info(`${method.operation} for ${target.name} (${target.location.profile}, ${target.location.region}) succeeded; expires ${credential.expiresAt.toISOString()}.`);
    return this.deps.store.put(target, method, input, credential);
  }

  explain(error: unknown, target: Target, method: CredentialMethod, input: CredentialInput): Explanation {
    return explainError(error, {
      doing: l10n.t('Getting credentials for {0}', target.name),
      profile: target.location.profile,
      iamActions: method.iamActions,
      specific: (e) => method.explainError?.(e, target, input),
    });
  }

  /** Copies a session's credential in a format (asking when none is given or set). */
  async copy(session: Session, formatId?: string): Promise<boolean> {
    const format = await this.chooseFormat(formatsFor(session.method, session.target), formatId ?? this.deps.defaultFormat());
    if (!format) return false;
    const text = format.render({ target: session.target, input: session.input, credential: session.credential });
    await this.deps.clipboard.copy(text, session.credential.expiresAt, this.deps.clearAfterSeconds());
    const left = formatRemaining(session.credential.expiresAt.getTime() - this.deps.clock());
    void this.deps.window.showInformationMessage(l10n.t('Copied {0} for {1}. It expires in {2}; Cluster Pass clears it from the clipboard then.', format.label, session.target.name, left));
    return true;
  }

  /**
   * How every failure with a credential reaches the user (a fetch, or what the credential was for: a notebook's
   * bridge): explained, logged, shown with what to do next, and the follow-up chosen run. `wording` frames the
   * explanation. Resolves to 'retry' when the user asked to try again (the caller retries what failed).
   */
  async report(error: unknown, target: Target, method: CredentialMethod, input: CredentialInput, wording: (explained: string) => string = (m) => m): Promise<'retry' | undefined> {
    const explanation = this.explain(error, target, method, input);
    if (explanation.cancelled) return undefined;
    const message = wording(explanation.message);
    this.deps.log.error(message);
    const chosen = await this.deps.window.showErrorMessage(message, ...actionsFor(explanation.next));
    if (chosen?.id === 'retry') return 'retry';
    if (chosen) this.deps.followUp(chosen, target);
    return undefined;
  }

  private async fetchReporting(target: Target, method: CredentialMethod, input: CredentialInput): Promise<Session | undefined> {
    try {
      return await this.fetch(target, method, input);
    } catch (error) {
      if ((await this.report(error, target, method, input)) === 'retry') return this.fetchReporting(target, method, input);
      return undefined;
    }
  }

  private async chooseMethod(api: AwsApi, target: Target, { methodId, methodIds, methodFilter = () => true }: GetOptions): Promise<CredentialMethod | undefined> {
    const all = api.services.flatMap((m) => m.methods);
    const methods = (methodIds ? all.filter((m) => methodIds.includes(m.id)) : methodsFor(all, target)).filter(methodFilter);
    if (methodId) return methods.find((m) => m.id === methodId);
    if (!methods.length) void this.deps.window.showInformationMessage(l10n.t('Cluster Pass cannot get credentials for {0}.', target.name));
    return pickMethod(this.deps.window, methods, { title: l10n.t('Credentials for {0}', target.name), placeHolder: l10n.t('Which kind of credentials?') });
  }

  private async chooseFormat(formats: readonly ClipboardFormat[], wanted: string): Promise<ClipboardFormat | undefined> {
    const preset = formats.find((f) => f.id === wanted);
    if (preset) return preset;
    const picked = await this.deps.window.showQuickPick(
      formats.map((f) => ({ label: f.label, description: f.description, format: f })),
      { title: l10n.t('Copy credentials as'), placeHolder: l10n.t('Choose a format (set clusterPass.defaultFormat to skip this)') },
    );
    return picked?.format;
  }
}

/** The method's formats that fit this target (a Spark Connect endpoint gets a connection string, a gateway a header). */
export function formatsFor(method: CredentialMethod, target: Target): readonly ClipboardFormat[] {
  return method.formats.filter((f) => f.appliesTo?.(target) ?? true);
}

/** A button on a message, recognised by its id (its title is only what users read). */
export interface MessageAction extends vscode.MessageItem {
  readonly id: 'retry' | 'refresh' | 'signIn' | 'configure' | 'showLog' | 'copy';
}

/** The buttons, with their titles in the display language (built when shown: the language is known by then). */
function actions() {
  return {
    retry: { id: 'retry', title: l10n.t('Retry') },
    refresh: { id: 'refresh', title: l10n.t('Refresh') },
    signIn: { id: 'signIn', title: l10n.t('Sign In') },
    configure: { id: 'configure', title: l10n.t('Open AWS Config') },
    showLog: { id: 'showLog', title: l10n.t('Show Log') },
    copy: { id: 'copy', title: l10n.t('Copy') },
  } as const satisfies Record<string, MessageAction>;
}

function actionsFor(next: Explanation['next']): MessageAction[] {
  const all = actions();
  return next === 'none' ? [all.showLog] : [all[next], all.showLog];
}

