// The status-bar countdown: the soonest-expiring session's short name and remaining time.
import type { StatusBarItem, ThemeColor } from 'vscode';
import { l10n } from '../l10n';
import { formatRemaining, type Clock } from './countdown';
import { describeInput } from '../services/sessionIdentity';
import type { Session, SessionStore } from './sessionStore';
import { Ticker, type TimerApi } from './ticker';

export interface CountdownDeps {
  readonly item: Pick<StatusBarItem, 'text' | 'tooltip' | 'backgroundColor' | 'command' | 'name' | 'show' | 'hide' | 'dispose'> & { accessibilityInformation?: StatusBarItem['accessibilityInformation'] };
  readonly warningColor: ThemeColor;
  readonly clock: Clock;
  readonly timers?: TimerApi;
  /** Minutes before expiry when the item turns to the warning colour. */
  warningMinutes(): number;
  /** Called once per session issue when it enters the warning window. */
  onWarning?(session: Session): void;
  readonly command: string;
}

export class CountdownStatusBar {
  private readonly ticker: Ticker;
  private readonly warned = new Set<string>();
  /** Sessions whose background renewal is failing, with a line for the tooltip. */
  private readonly problems = new Map<string, string>();
  private readonly subscription: { dispose(): void };

  constructor(private readonly store: SessionStore, private readonly deps: CountdownDeps) {
    this.ticker = new Ticker(() => this.render(), 1000, deps.timers);
    deps.item.name = l10n.t('Cluster Pass sessions');
    deps.item.command = deps.command;
    this.subscription = store.onDidChange(() => this.render());
    this.render();
  }

  /** Redraws the item; stops the timer when no session is left. */
  render(): void {
    const sessions = this.store.list();
    this.ticker.setActive(sessions.length > 0);
    const { item } = this.deps;
    if (!sessions.length) {
      item.hide();
      return;
    }
    const now = this.deps.clock();
    const soonest = sessions[0];
    const left = soonest.credential.expiresAt.getTime() - now;
    const time = formatRemaining(left);
    const failing = sessions.filter((s) => this.problems.has(s.key));
    item.text = `${failing.length ? '$(warning) ' : ''}$(key) ${soonest.target.name} ${time}${sessions.length > 1 ? ` (+${sessions.length - 1})` : ''}`;
    item.accessibilityInformation = {
      label: `${left > 0 ? l10n.t('Cluster Pass: {0} expires in {1}', soonest.target.name, time) : l10n.t('Cluster Pass: {0} expired', soonest.target.name)}${failing.length ? l10n.t('; renewal failing for {0} session(s)', failing.length) : ''}`,
    };
    const problemLines = failing.map((s) => l10n.t('$(warning) Renewal failing for {0}: {1}', s.target.name, this.problems.get(s.key) ?? ''));
    item.tooltip = [...sessions.map((s) => describeSession(s, now)), ...(problemLines.length ? ['', ...problemLines] : [])].join('\n') + '\n\n' + l10n.t('Click to copy again, renew or forget.');
    const warnMs = this.deps.warningMinutes() * 60_000;
    item.backgroundColor = left <= warnMs ? this.deps.warningColor : undefined;
    item.show();
    this.notifyEnteringWarning(sessions, now, warnMs);
  }

  private notifyEnteringWarning(sessions: Session[], now: number, warnMs: number): void {
    for (const s of sessions) {
      const id = `${s.key}@${s.issuedAt}`;
      const left = s.credential.expiresAt.getTime() - now;
      if (left > 0 && left <= warnMs && !this.warned.has(id)) {
        this.warned.add(id);
        this.deps.onWarning?.(s);
      }
    }
  }

  /** Marks a session's background renewal as failing (a line without secrets), or clears the mark (undefined). */
  setRenewalProblem(key: string, problem: string | undefined): void {
    if (problem === undefined ? !this.problems.delete(key) : this.problems.get(key) === problem) return;
    if (problem !== undefined) this.problems.set(key, problem);
    this.render();
  }

  get timerRunning(): boolean {
    return this.ticker.running;
  }

  dispose(): void {
    this.ticker.dispose();
    this.subscription.dispose();
    this.deps.item.dispose();
  }
}

export function describeSession(s: Session, now: number): string {
  const left = s.credential.expiresAt.getTime() - now;
  const when = left > 0 ? l10n.t('expires in {0}', formatRemaining(left)) : l10n.t('expired');
  const who = describeInput(s.method, s.input);
  const role = who ? l10n.t(' as {0}', who) : '';
  return `${s.target.name}${role} (${s.target.location.profile}, ${s.target.location.region}): ${when}`;
}
