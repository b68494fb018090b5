/**
 * The instant rating (即時評價) and the monthly statistics (每月統計): pure
 * pieces first (the face → reasons → thanks state machine, month and range
 * helpers), then the HTTP calls, then the stores.
 *
 * A rating carries a score and reasons only: the counter tablet answers the
 * prompt the server opened when the counter finished a ticket (the server
 * knows the service and counter); the kiosk names a service. Never a ticket,
 * never a person.
 */
import { create } from 'zustand';
import {
  API,
  RATING_REASONS,
  statsReportSchema,
  type CounterRatingRequest,
  type KioskRatingRequest,
  type RatingPrompts,
  type StatsReport,
} from '../../core/contract';
import { DEFAULT_TIME_ZONE } from '../i18n';
import { shellKioskCredential } from '../client/shell';
import { createApiClient, errorMessage, request, type FetchLike } from './api';
import { createLangSlice, createLiveSlice, createSiteSlice, type LangSlice, type LiveSlice, type SiteSlice } from './slices';
import { z } from 'zod';

export type RatingReason = (typeof RATING_REASONS)[number];
export type Score = 1 | 2 | 3 | 4 | 5;
export const SCORES: readonly Score[] = [1, 2, 3, 4, 5];

/** Seconds after a face is tapped before the rating is sent by itself (face and any chosen reasons). */
export const AUTO_SUBMIT_SECONDS = 8;
/** Seconds the thanks (or a failure note) stays up before the screen is calm again. */
export const THANKS_SECONDS = 4;

// ---- the rating flow: a pure state machine ---------------------------------------------

/** What is being rated: the counter's open prompt, or (on the kiosk) a service. */
export type RatingTarget = { promptId: string } | { serviceId: string };

export type RateFlow =
  | { step: 'idle' }
  /** On the kiosk: which service to rate. */
  | { step: 'service' }
  | { step: 'faces'; target: RatingTarget }
  | { step: 'reasons'; target: RatingTarget; score: Score; reasons: RatingReason[] }
  | { step: 'sending'; target: RatingTarget; score: Score; reasons: RatingReason[] }
  | { step: 'thanks' }
  | { step: 'failed' };

export type RateEvent =
  /** The counter's open prompt (null: none), from topic rating.prompts. */
  | { type: 'prompt'; promptId: string | null }
  | { type: 'open-kiosk' }
  | { type: 'service'; serviceId: string }
  | { type: 'face'; score: Score }
  | { type: 'reason'; reason: RatingReason }
  | { type: 'submit' }
  | { type: 'sent' }
  | { type: 'failed' }
  /** The thanks (or failure) time is up, or the citizen left: calm again. */
  | { type: 'done' };

export const IDLE: RateFlow = { step: 'idle' };

/**
 * One transition. `answered` holds prompts already rated on this screen: a
 * prompt the server still lists after its rating is not offered twice (one
 * tap, one rating).
 */
export function rateReducer(state: RateFlow, ev: RateEvent, answered: ReadonlySet<string> = new Set()): RateFlow {
  switch (ev.type) {
    case 'prompt': {
      const id = ev.promptId && !answered.has(ev.promptId) ? ev.promptId : null;
      if (state.step === 'idle') return id ? { step: 'faces', target: { promptId: id } } : state;
      // An open face screen follows the prompt: gone (expired, or the next ticket's) → calm, or the new one.
      if (state.step === 'faces' && 'promptId' in state.target) {
        if (!id) return IDLE;
        return id === state.target.promptId ? state : { step: 'faces', target: { promptId: id } };
      }
      // A face chosen: the citizen finishes (the server says whether the prompt is still open) —
      // unless the counter already finished the next ticket: that citizen is the one to ask now.
      if (state.step === 'reasons' && 'promptId' in state.target && id && id !== state.target.promptId) {
        return { step: 'faces', target: { promptId: id } };
      }
      return state;
    }
    case 'open-kiosk':
      return state.step === 'idle' ? { step: 'service' } : state;
    case 'service':
      return state.step === 'service' ? { step: 'faces', target: { serviceId: ev.serviceId } } : state;
    case 'face':
      if (state.step === 'faces') return { step: 'reasons', target: state.target, score: ev.score, reasons: [] };
      if (state.step === 'reasons') return { ...state, score: ev.score };
      return state;
    case 'reason':
      if (state.step !== 'reasons') return state;
      return {
        ...state,
        reasons: state.reasons.includes(ev.reason)
          ? state.reasons.filter((r) => r !== ev.reason)
          : RATING_REASONS.filter((r) => r === ev.reason || state.reasons.includes(r)),
      };
    case 'submit':
      return state.step === 'reasons' ? { step: 'sending', target: state.target, score: state.score, reasons: state.reasons } : state;
    case 'sent':
      return state.step === 'sending' ? { step: 'thanks' } : state;
    case 'failed':
      return state.step === 'sending' ? { step: 'failed' } : state;
    case 'done':
      return IDLE;
  }
}

/** The request body for a flow that is sending, or null. */
export function ratingRequest(state: RateFlow): CounterRatingRequest | KioskRatingRequest | null {
  if (state.step !== 'sending') return null;
  return 'promptId' in state.target
    ? { promptId: state.target.promptId, score: state.score, reasons: state.reasons }
    : { serviceId: state.target.serviceId, score: state.score, reasons: state.reasons };
}

/** The open prompt for one counter in a rating.prompts snapshot (null when none or not listed). */
export function promptFor(prompts: RatingPrompts | undefined, counterId: string): { id: string; serviceId: string; expiresAt: string } | null {
  return prompts?.counters.find((c) => c.counterId === counterId)?.prompt ?? null;
}

/** '/rate/c1' → 'c1'; '/rate' or junk → null. */
export function counterIdFromPath(pathname: string): string | null {
  const parts = pathname.split('/').filter(Boolean);
  if (parts[0] !== 'rate' || !parts[1]) return null;
  const id = decodeURIComponent(parts[1]);
  return /^[A-Za-z0-9_-]{1,64}$/.test(id) ? id : null;
}

// ---- months and ranges ------------------------------------------------------------------

const pad = (n: number) => String(n).padStart(2, '0');

/** 'YYYY-MM' of `now` in the site's time zone. */
export function currentMonth(now: number, timeZone = DEFAULT_TIME_ZONE): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).formatToParts(new Date(now));
  const y = parts.find((p) => p.type === 'year')?.value ?? '1970';
  const m = parts.find((p) => p.type === 'month')?.value ?? '01';
  return `${y}-${m}`;
}

/** 'YYYY-MM' → its first and last day; null for anything else. */
export function monthRange(month: string): { from: string; to: string } | null {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return null;
  const year = Number(m[1]);
  const mon = Number(m[2]);
  if (mon < 1 || mon > 12) return null;
  const last = new Date(Date.UTC(year, mon, 0)).getUTCDate();
  return { from: `${m[1]}-${m[2]}-01`, to: `${m[1]}-${m[2]}-${pad(last)}` };
}

/** The month a range is exactly, or '' (a custom range). */
export function monthOf(range: { from: string; to: string }): string {
  const month = range.from.slice(0, 7);
  const whole = monthRange(month);
  return whole && whole.from === range.from && whole.to === range.to ? month : '';
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
/** A range the server accepts: two real dates, from ≤ to, at most ~a year (as statsQuerySchema). */
export function rangeProblem(range: { from: string; to: string }): { zh: string; en: string } | null {
  const ok = (d: string) => isoDate.test(d) && !Number.isNaN(Date.parse(d)) && new Date(d).toISOString().slice(0, 10) === d;
  if (!ok(range.from) || !ok(range.to)) return { zh: '請輸入完整日期', en: 'Enter both dates' };
  if (range.from > range.to) return { zh: '起日不可晚於迄日', en: 'The start is after the end' };
  if (Date.parse(range.to) - Date.parse(range.from) > 400 * 86_400_000) return { zh: '一次最多查詢約一年', en: 'At most about a year at a time' };
  return null;
}

/** Every day of the range (the server lists only days with something), zeros where none; at most ~400. */
export function fillDays<T extends { day: string }>(range: { from: string; to: string }, rows: readonly T[], empty: (day: string) => T): T[] {
  const byDay = new Map(rows.map((r) => [r.day, r]));
  const out: T[] = [];
  const start = Date.parse(`${range.from}T00:00:00Z`);
  const end = Date.parse(`${range.to}T00:00:00Z`);
  if (Number.isNaN(start) || Number.isNaN(end)) return [...rows];
  for (let t = start, i = 0; t <= end && i < 401; t += 86_400_000, i++) {
    const day = new Date(t).toISOString().slice(0, 10);
    out.push(byDay.get(day) ?? empty(day));
  }
  return out;
}

export function statsQueryString(range: { from: string; to: string }): string {
  return `?from=${encodeURIComponent(range.from)}&to=${encodeURIComponent(range.to)}`;
}

/** The CSV download (the monthly report) for the same range. */
export function statsCsvUrl(range: { from: string; to: string }): string {
  return API.staffStatsCsv + statsQueryString(range);
}

// ---- HTTP -------------------------------------------------------------------------------

const anyBody = z.unknown();

export interface RatingApiOptions {
  fetch?: FetchLike;
  /** The kiosk credential (the Electron kiosk window); a provisioned browser sends its cookie. */
  kioskCredential?: () => Promise<string | null>;
}

export function createRatingApi(opts: RatingApiOptions = {}) {
  const fetchFn: FetchLike = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));
  return {
    /** A counter tablet's answer to its prompt (the tablet's credential cookie: only its own counter's prompts). */
    counter: (req: CounterRatingRequest): Promise<unknown> => request(fetchFn, API.ratingsCounter, anyBody, { method: 'POST', body: req }),
    /** A kiosk's rating of a service (needs the kiosk credential, like issuing a ticket). */
    kiosk: async (req: KioskRatingRequest): Promise<unknown> =>
      request(fetchFn, API.ratingsKiosk, anyBody, { method: 'POST', body: req, kioskCredential: (await opts.kioskCredential?.()) ?? null }),
    /** Statistics for a range (admin, desk). */
    stats: (range: { from: string; to: string }, signal?: AbortSignal): Promise<StatsReport> =>
      request(fetchFn, API.staffStats + statsQueryString(range), statsReportSchema, { method: 'GET', signal }),
  };
}
export type RatingApi = ReturnType<typeof createRatingApi>;

// ---- stores -----------------------------------------------------------------------------

export interface RateFlowSlice {
  flow: RateFlow;
  /** Prompts already rated here. */
  answered: ReadonlySet<string>;
  dispatch: (ev: RateEvent) => void;
  /** Send the rating being chosen (the submit button, or the 8-second timer). */
  submit: () => Promise<void>;
}

function flowSlice(send: (req: CounterRatingRequest | KioskRatingRequest) => Promise<unknown>) {
  return (set: (p: Partial<RateFlowSlice>) => void, get: () => RateFlowSlice): RateFlowSlice => ({
    flow: IDLE,
    answered: new Set(),
    dispatch: (ev) => {
      const { flow, answered } = get();
      const next = rateReducer(flow, ev, answered);
      if (next !== flow) set({ flow: next });
    },
    submit: async () => {
      const before = get().flow;
      if (before.step !== 'reasons') return; // only the tap that moves reasons → sending sends
      get().dispatch({ type: 'submit' });
      const req = ratingRequest(get().flow);
      if (!req) return;
      if ('promptId' in req) set({ answered: new Set([...get().answered, req.promptId]) });
      try {
        await send(req);
        get().dispatch({ type: 'sent' });
      } catch (err) {
        console.warn(`rating not recorded: ${errorMessage(err)}`);
        get().dispatch({ type: 'failed' });
      }
    },
  });
}

export type RateState = SiteSlice &
  LiveSlice &
  LangSlice &
  RateFlowSlice & {
    counterId: string | null;
    /** The server refused this device the counter's prompts: it is not provisioned as a rating tablet. */
    refused: boolean;
  };

/** The counter tablet (/rate/<counter>). */
export function createRateStore(opts: { fetch?: FetchLike } = {}) {
  const api = createRatingApi({ fetch: opts.fetch });
  const site = createApiClient({ fetch: opts.fetch });
  return create<RateState>()((set, get, store) => ({
    ...createSiteSlice<RateState>(site)(set, get, store),
    ...createLiveSlice<RateState>()(set, get, store),
    ...createLangSlice<RateState>('zh-TW')(set, get, store),
    ...flowSlice((req) => ('promptId' in req ? api.counter(req) : Promise.reject(new Error('a counter answers a prompt'))))(set, get),
    counterId: null,
    refused: false,
  }));
}
export type RateStore = ReturnType<typeof createRateStore>;

export type KioskRatingState = RateFlowSlice;

/** The kiosk's "評價服務 Rate our service" overlay. */
export function createKioskRatingStore(api: Pick<RatingApi, 'kiosk'> = createRatingApi({ kioskCredential: shellKioskCredential })) {
  const send = (req: CounterRatingRequest | KioskRatingRequest) => ('serviceId' in req ? api.kiosk(req) : Promise.reject(new Error('the kiosk rates a service')));
  return create<KioskRatingState>()((set, get) => flowSlice(send)(set, get));
}

export interface StatsState {
  range: { from: string; to: string };
  report: StatsReport | null;
  loading: boolean;
  error: string | null;
  /** Show a range (a month or custom); loads it when valid. */
  setRange: (range: { from: string; to: string }) => void;
  load: () => Promise<void>;
}

export function createStatsStore(opts: { fetch?: FetchLike; now?: () => number; timeZone?: string } = {}) {
  const api = createRatingApi({ fetch: opts.fetch });
  let seq = 0;
  const initial = monthRange(currentMonth((opts.now ?? Date.now)(), opts.timeZone))!;
  return create<StatsState>()((set, get) => ({
    range: initial,
    report: null,
    loading: false,
    error: null,
    setRange: (range) => {
      set({ range });
      if (!rangeProblem(range)) void get().load();
    },
    load: async () => {
      const range = get().range;
      if (rangeProblem(range)) return;
      const mine = ++seq;
      set({ loading: true, error: null });
      try {
        const report = await api.stats(range);
        if (mine === seq) set({ report, loading: false });
      } catch (err) {
        if (mine === seq) set({ error: errorMessage(err), loading: false });
      }
    },
  }));
}
export type StatsStore = ReturnType<typeof createStatsStore>;
