import type { Session } from '@identsphere/spa';
import { h } from './dom';
import { describeError } from './errors';

/** A screen draws itself into a fresh element; `data-screen` names it (handy in tests and dev tools). */
export type Screen = (app: App) => HTMLElement;

export interface Notice {
  readonly text: string;
  readonly kind: 'info' | 'error';
}

/** The shell: which screen shows, the one-line notice above it, and the session badge in the header. */
export class App {
  private current = '';

  constructor(
    readonly session: Session,
    private readonly root: HTMLElement,
    private readonly badge: HTMLElement,
    /** Where every screen goes back to (given here so the screens need not import it: no import cycles). */
    private readonly signInScreen: Screen,
  ) {}

  /** The name of the screen on display. */
  get screen(): string {
    return this.current;
  }

  show(screen: Screen, notice?: Notice): void {
    const element = screen(this);
    this.current = element.dataset.screen ?? '';
    this.root.replaceChildren(...(notice ? [noticeElement(notice)] : []), element);
    this.refreshBadge();
  }

  showSignIn(notice?: Notice): void {
    this.show(this.signInScreen, notice);
  }

  /** Replaces the notice above the current screen. */
  notify(notice: Notice): void {
    this.root.querySelector(':scope > .notice')?.remove();
    this.root.prepend(noticeElement(notice));
  }

  /** Shows what went wrong, in words for people. */
  fail(error: unknown): void {
    this.notify({ text: describeError(error), kind: 'error' });
  }

  refreshBadge(): void {
    this.badge.textContent = this.session.status === 'signedIn' ? `signed in as ${this.session.user?.email ?? '…'}` : this.session.status;
    this.badge.dataset.status = this.session.status;
  }
}

function noticeElement({ text, kind }: Notice): HTMLElement {
  return h('p', { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
}
