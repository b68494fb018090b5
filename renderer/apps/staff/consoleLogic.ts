/**
 * The counter console's pure pieces: keyboard shortcuts, which buttons apply,
 * countdowns, the transfer dialog's state and the order of the lines. No React,
 * no store: tested on their own (test/renderer/console.test.ts).
 */
import type { CounterTicket, PublicCounter, PublicService, PublicSite, QueueStaff } from '../../../core/contract';
import type { ConsoleAction } from '../../features/counter/slice';

// ---- commands and shortcuts ------------------------------------------------------

export const COMMANDS = ['next', 'recall', 'skip', 'start', 'finish', 'transfer'] as const;
export type Command = (typeof COMMANDS)[number];

/** One letter per command; Enter also calls next. Shown on the buttons. */
export const SHORTCUT: Record<Command, string> = {
  next: 'N',
  recall: 'R',
  skip: 'S',
  start: 'B',
  finish: 'F',
  transfer: 'T',
};

export const COMMAND_LABEL: Record<Command, { zh: string; en: string }> = {
  next: { zh: '下一號', en: 'Call next' },
  recall: { zh: '重新叫號', en: 'Recall' },
  skip: { zh: '過號', en: 'Skip' },
  start: { zh: '開始服務', en: 'Start' },
  finish: { zh: '完成', en: 'Finish' },
  transfer: { zh: '轉送', en: 'Transfer' },
};

/** The part of a KeyboardEvent the shortcuts look at. */
export interface KeyLike {
  key: string;
  repeat?: boolean;
  altKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  target?: EventTarget | { tagName?: string; isContentEditable?: boolean } | null;
}

function tagOf(target: KeyLike['target']): string {
  const t = target as { tagName?: unknown } | null | undefined;
  return typeof t?.tagName === 'string' ? t.tagName.toUpperCase() : '';
}

/** Typing in a field: its keys are text, never shortcuts. */
export function isTypingTarget(target: KeyLike['target']): boolean {
  const tag = tagOf(target);
  if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return true;
  return (target as { isContentEditable?: unknown } | null | undefined)?.isContentEditable === true;
}

/**
 * The command a key press asks for, or null: held keys, modifier chords and
 * keys typed into a field are ignored; Enter on a focused button or link is
 * that control's own activation, not "call next".
 */
export function commandForKey(e: KeyLike): Command | null {
  if (e.repeat || e.altKey || e.ctrlKey || e.metaKey) return null;
  if (isTypingTarget(e.target)) return null;
  if (e.key === 'Enter') {
    const tag = tagOf(e.target);
    return tag === 'BUTTON' || tag === 'A' || tag === 'SUMMARY' ? null : 'next';
  }
  if (e.key.length !== 1) return null;
  const letter = e.key.toUpperCase();
  return COMMANDS.find((c) => SHORTCUT[c] === letter) ?? null;
}

/**
 * Which commands apply now. Recall, skip and start are for a ticket that has
 * been called but not yet reached the counter; finish and transfer for any
 * current ticket; next always (it finishes the current ticket first).
 */
export function availableCommands(current: CounterTicket | null, ready: boolean): Record<Command, boolean> {
  const called = current?.status === 'called';
  return {
    next: ready,
    recall: ready && called,
    skip: ready && called,
    start: ready && called,
    finish: ready && current !== null,
    transfer: ready && current !== null,
  };
}

// ---- ticket numbers --------------------------------------------------------------

/** What staff type → a ticket number: "a12" → "A012"; null when it cannot be one. */
export function normalizeTicketNumber(raw: string): string | null {
  const m = /^([A-Za-z])\s*0*([0-9]{1,3})$/.exec(raw.trim());
  if (!m) return null;
  const digits = Number(m[2]);
  if (!Number.isFinite(digits) || digits < 1 || digits > 999) return null;
  return `${m[1]!.toUpperCase()}${String(digits).padStart(3, '0')}`;
}

// ---- time ---------------------------------------------------------------------------

/** Milliseconds from `now` until `iso` (never below 0). */
export function remainingMs(iso: string, now: number): number {
  const t = Date.parse(iso);
  return Number.isFinite(t) ? Math.max(0, t - now) : 0;
}

/** A countdown: 9:05, 0:07, 1:02:03; rounds up so it reads 0:00 only when it is over. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** Whole minutes waited since `iso` (0 for a clock a little behind the server's). */
export function waitedMinutes(iso: string, now: number): number {
  const t = Date.parse(iso);
  return Number.isFinite(t) ? Math.max(0, Math.floor((now - t) / 60_000)) : 0;
}

// ---- lines ---------------------------------------------------------------------------

export type StaffLine = QueueStaff['lines'][number];

export interface ConsoleLine {
  service: PublicService;
  line: StaffLine | null;
  /** This counter serves the line; `rank` is its place in the counter's preference. */
  mine: boolean;
}

/** The counter's own services first, in its order of preference, then the others in site order. */
export function orderLines(site: Pick<PublicSite, 'services'>, counter: PublicCounter | null, staff: QueueStaff | undefined): ConsoleLine[] {
  const byId = new Map(site.services.map((s) => [s.id, s]));
  const mineIds = (counter?.serviceIds ?? []).filter((id) => byId.has(id));
  const rest = site.services.filter((s) => !mineIds.includes(s.id)).map((s) => s.id);
  return [...mineIds, ...rest].map((id) => ({
    service: byId.get(id)!,
    line: staff?.lines.find((l) => l.serviceId === id) ?? null,
    mine: mineIds.includes(id),
  }));
}

export interface SkippedTicket {
  number: string;
  serviceId: string;
  skippedAt: string;
  graceUntil: string;
  /** This counter may call it back (it serves the ticket's service). */
  mine: boolean;
}

/** Skipped tickets still within their grace, soonest to lapse first; this counter's first. */
export function skippedTickets(staff: QueueStaff | undefined, counter: PublicCounter | null): SkippedTicket[] {
  const mine = new Set(counter?.serviceIds ?? []);
  return (staff?.lines ?? [])
    .flatMap((l) => l.skipped.map((s) => ({ ...s, serviceId: l.serviceId, mine: mine.has(l.serviceId) })))
    .sort((a, b) => Number(b.mine) - Number(a.mine) || Date.parse(a.graceUntil) - Date.parse(b.graceUntil));
}

// ---- the transfer dialog ----------------------------------------------------------------

export type TransferPosition = 'front' | 'back';

export interface TransferState {
  open: boolean;
  /** The ticket being transferred and its service (for the title and the default). */
  number: string;
  fromServiceId: string;
  /** '' until staff choose one: a transfer is never sent by accident. */
  toServiceId: string;
  /** '' = any counter that serves the service. */
  toCounterId: string;
  position: TransferPosition;
}

export type TransferEvent =
  | { type: 'open'; number: string; fromServiceId: string }
  | { type: 'close' }
  | { type: 'service'; serviceId: string }
  | { type: 'counter'; counterId: string }
  | { type: 'position'; position: TransferPosition };

export const TRANSFER_CLOSED: TransferState = {
  open: false,
  number: '',
  fromServiceId: '',
  toServiceId: '',
  toCounterId: '',
  position: 'front',
};

/** Counters that can take a ticket of `serviceId`. */
export function countersFor(site: Pick<PublicSite, 'counters'>, serviceId: string): PublicCounter[] {
  return serviceId ? site.counters.filter((c) => c.serviceIds.includes(serviceId)) : [];
}

export function reduceTransfer(state: TransferState, event: TransferEvent, site: Pick<PublicSite, 'services' | 'counters'>): TransferState {
  switch (event.type) {
    case 'open':
      // A transferred citizen has already waited once: the front of the new line by default.
      return { ...TRANSFER_CLOSED, open: true, number: event.number, fromServiceId: event.fromServiceId };
    case 'close':
      return { ...state, open: false };
    case 'service': {
      const known = site.services.some((s) => s.id === event.serviceId);
      const toServiceId = known ? event.serviceId : '';
      const keepCounter = countersFor(site, toServiceId).some((c) => c.id === state.toCounterId);
      return { ...state, toServiceId, toCounterId: keepCounter ? state.toCounterId : '' };
    }
    case 'counter': {
      const ok = event.counterId === '' || countersFor(site, state.toServiceId).some((c) => c.id === event.counterId);
      return ok ? { ...state, toCounterId: event.counterId } : state;
    }
    case 'position':
      return { ...state, position: event.position };
  }
}

/** The request the dialog sends, or null while no service is chosen. */
export function transferRequest(state: TransferState): Extract<ConsoleAction, { action: 'transfer' }> | null {
  if (!state.toServiceId) return null;
  return {
    action: 'transfer',
    toServiceId: state.toServiceId,
    ...(state.toCounterId ? { toCounterId: state.toCounterId } : {}),
    position: state.position,
  };
}
