// The one way to choose what to fetch for: a target (the view's loaded ones first, else every profile and region
// listed), then a credential method, then the method's inputs. The commands, the credential service and the
// notebook connect use it, each with its own wording.
import type * as vscode from 'vscode';
import type { AwsApi } from '../aws/api';
import type { CredentialInput, CredentialMethod, Target } from '../services/types';
import type { Logger } from '../tree/targetTree';
import type { AccountSelection } from '../aws/discovered';
import { discoveredRoleProfiles } from './discoveredRoles';
import { promptForInput, type PromptDeps } from './prompts';
import { LIST_EVERYTHING, listEverywhere, pickTarget, type EverywhereOptions } from './targetPicker';

export type ChooseWindow = Pick<typeof vscode.window, 'showQuickPick' | 'withProgress' | 'showInformationMessage'>;

export interface ChooseDeps {
  readonly window: ChooseWindow;
  readonly notificationLocation: vscode.ProgressLocation;
  readonly prompts: PromptDeps;
  readonly log: Logger;
  loadAws(): Promise<AwsApi>;
  /** Targets already listed in the view (offered first). */
  loadedTargets(): Target[];
  /** Which profiles, regions and discovered accounts to list, and how many listings at once. */
  listing(): Pick<EverywhereOptions, 'profiles' | 'regions' | 'concurrency'> & { readonly accounts: AccountSelection };
}

export interface TargetQuestion {
  /** Whether this flow can use the target (it has a credential method, a notebook method). */
  usable(target: Target): boolean;
  /** Offer "list every profile and region" beside the loaded targets. */
  readonly offerListEverything: boolean;
  readonly includeInactive: boolean;
  /** The progress title while listing everywhere. */
  readonly listingTitle: string;
  /** What to say when nothing listed is usable. */
  nothingFound(listed: readonly Target[]): string;
}

export interface MethodWording {
  readonly title: string;
  readonly placeHolder: string;
}

/** The only method, or the one the user picks; undefined when there is none or the user backed out. */
export async function pickMethod(window: Pick<typeof vscode.window, 'showQuickPick'>, methods: readonly CredentialMethod[], wording: MethodWording): Promise<CredentialMethod | undefined> {
  if (methods.length <= 1) return methods[0];
  const picked = await window.showQuickPick(methods.map((m) => ({ label: m.label, description: m.operation, method: m })), wording);
  return picked?.method;
}

export class Chooser {
  constructor(private readonly deps: ChooseDeps) {}

  /** Loaded targets first (with a way to list the rest when asked); when none is usable, everything, listed in parallel. */
  async target(question: TargetQuestion): Promise<Target | undefined> {
    const { window } = this.deps;
    const loaded = this.deps.loadedTargets();
    if (loaded.some(question.usable)) {
      if (!question.offerListEverything) return pickTarget(window, loaded, question.usable);
      const picked = await pickTarget(window, loaded, question.usable, true);
      if (picked !== LIST_EVERYTHING) return picked;
    }
    const api = await this.deps.loadAws();
    const listed = await window.withProgress({ location: this.deps.notificationLocation, title: question.listingTitle, cancellable: true }, async (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      // Half the bar for the discovered accounts' roles, half for the listings.
      const step = (what: string) => {
        let reported = 0;
        return (done: number, total: number) => {
          const now = Math.floor((done / Math.max(1, total)) * 50);
          progress.report({ message: `${what} ${done}/${total}`, increment: now - reported });
          reported = now;
        };
      };
      const { accounts, ...listing } = this.deps.listing();
      const discovered = await discoveredRoleProfiles(api, { selection: accounts, concurrency: listing.concurrency, signal: abort.signal, onAccount: step('accounts') });
      const found = await listEverywhere(api, { ...listing, includeInactive: question.includeInactive, signal: abort.signal, extraProfiles: discovered.profiles, onProgress: step('listings') });
      return { targets: found.targets, failures: [...discovered.failures, ...found.failures], cancelled: abort.signal.aborted };
    });
    if (listed.cancelled) return undefined;
    if (listed.failures.length) this.deps.log.warn(`${listed.failures.length} listing(s) failed while looking for targets; expand them in the Cluster Pass view to see why.`);
    if (!listed.targets.some(question.usable)) {
      void window.showInformationMessage(question.nothingFound(listed.targets));
      return undefined;
    }
    return pickTarget(window, listed.targets, question.usable);
  }

  method(methods: readonly CredentialMethod[], wording: MethodWording): Promise<CredentialMethod | undefined> {
    return pickMethod(this.deps.window, methods, wording);
  }

  input(method: CredentialMethod, target: Target): Promise<CredentialInput | undefined> {
    return promptForInput(this.deps.prompts, method, target);
  }
}
