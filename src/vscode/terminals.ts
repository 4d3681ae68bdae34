// Open Terminal with Credentials: a terminal whose environment carries a target's credential, so its tools (psql,
// curl, a Jupyter client) connect as is and nothing is pasted. The terminal is transient (VS Code does not restore it
// or keep its environment after a reload); the credential never goes to the clipboard or to disk. When it expires the
// user is told, with a way to open a fresh terminal with renewed credentials.
import * as vscode from 'vscode';
import type { CredentialService, GetOptions } from '../credentials/credentialService';
import type { Target } from '../services/types';
import type { Session } from '../sessions/sessionStore';
import { canOpenTerminal, expiryDelay, terminalEnvironment, terminalName } from '../terminals/credentialTerminal';
import type { Logger } from '../tree/targetTree';

/** What the command returns (tests, other extensions): never the environment. */
export interface TerminalSummary {
  readonly name: string;
  readonly sessionKey: string;
  readonly expiresAt: string;
}

interface OpenTerminal {
  readonly session: Session;
  timer?: ReturnType<typeof setTimeout>;
}

export class CredentialTerminals implements vscode.Disposable {
  private readonly open = new Map<vscode.Terminal, OpenTerminal>();
  private readonly closed: vscode.Disposable;

  constructor(private readonly credentials: CredentialService, private readonly log: Logger) {
    this.closed = vscode.window.onDidCloseTerminal((t) => this.forget(t));
  }

  /** The usual prompts, then a terminal; undefined when the user cancelled or the call failed (already reported). */
  async openFor(target: Target, options: Pick<GetOptions, 'methodId' | 'input'> = {}): Promise<TerminalSummary | undefined> {
    const session = await this.credentials.getCredentials(target, { ...options, format: 'none', methodFilter: canOpenTerminal });
    return session && this.openSession(session);
  }

  openSession(session: Session): TerminalSummary | undefined {
    const env = terminalEnvironment(session);
    if (!env) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Cluster Pass cannot open a terminal with {0} credentials for {1}.', session.method.operation, session.target.name));
      return undefined;
    }
    const name = terminalName(session.target.name, session.credential.expiresAt);
    const terminal = vscode.window.createTerminal({ name, env, isTransient: true, iconPath: new vscode.ThemeIcon('key') });
    terminal.show();
    const entry: OpenTerminal = { session };
    this.open.set(terminal, entry);
    this.schedule(terminal, entry);
    this.log.info(`Opened terminal "${name}" with ${session.method.operation} credentials for ${session.target.name} (variables: ${Object.keys(env).join(', ')}).`);
    return { name, sessionKey: session.key, expiresAt: session.credential.expiresAt.toISOString() };
  }

  /** How many credential terminals are open (tests). */
  get size(): number {
    return this.open.size;
  }

  dispose(): void {
    this.closed.dispose();
    for (const terminal of [...this.open.keys()]) this.forget(terminal);
  }

  private schedule(terminal: vscode.Terminal, entry: OpenTerminal): void {
    const delay = expiryDelay(entry.session.credential.expiresAt, Date.now());
    entry.timer = setTimeout(() => {
      if (!this.open.has(terminal)) return;
      if (Date.now() < entry.session.credential.expiresAt.getTime()) this.schedule(terminal, entry);
      else void this.tellExpired(terminal, entry);
    }, delay);
  }

  private async tellExpired(terminal: vscode.Terminal, entry: OpenTerminal): Promise<void> {
    const { session } = entry;
    this.log.info(`The credentials in terminal "${terminal.name}" expired.`);
    const renew = vscode.l10n.t('Renew in a New Terminal');
    const close = vscode.l10n.t('Close Terminal');
    const chosen = await vscode.window.showWarningMessage(vscode.l10n.t('The credentials in terminal "{0}" have expired: its tools can no longer connect.', terminal.name), renew, close);
    if (chosen === close) terminal.dispose();
    if (chosen !== renew) return;
    const renewed = await this.credentials.getCredentials(session.target, { methodId: session.method.id, input: session.input, format: 'none' });
    if (renewed) this.openSession(renewed);
  }

  private forget(terminal: vscode.Terminal): void {
    const entry = this.open.get(terminal);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.open.delete(terminal);
  }
}
