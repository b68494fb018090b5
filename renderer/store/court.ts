/**
 * The court screens' pieces: hearing progress (開庭進度), new detainees
 * (新收人犯) and the duty roster (值班表) for staff, and the summons look-up
 * for the phone page and the kiosk. Pure helpers first (tested on their own),
 * then the HTTP calls, then the stores and their live bindings.
 *
 * Names reach the public pages already masked by the server; nothing here
 * masks or unmasks anything.
 */
import { create, type StateCreator, type StoreApi } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { z } from 'zod';
import {
  API,
  FINAL_HEARING_STATES,
  HEARING_TRANSITIONS,
  caseNumberSchema,
  detaineeSchema,
  hearingImportResultSchema,
  hearingLookupSchema,
  hearingSchema,
  rosterDayRequestSchema,
  staffDetaineesSchema,
  type Detainee,
  type DetaineeInput,
  type DetaineeStep,
  type HearingImportRequest,
  type HearingImportResult,
  type HearingInput,
  type HearingLookup,
  type HearingState,
  type HearingsBoard,
  type Hearing,
  type Role,
  type RosterDayRequest,
  type StaffDetainees,
  type Topic,
} from '../../core/contract';
import { guessLang, type StringKey } from '../i18n';
import { ApiError, createApiClient, errorMessage, request, type ApiClient, type FetchLike } from './api';
import { LiveClient, liveUrl, type LiveClientOptions } from '../client/live';
import {
  bridgeLive,
  createLangSlice,
  createLiveSlice,
  createSiteSlice,
  screenLive,
  type LangSlice,
  type LiveSlice,
  type ScreenLive,
  type SiteSlice,
} from './slices';

type Pair = { zh: string; en: string };

// ---- hearings: what may follow what ------------------------------------------------

export function nextStates(state: HearingState): readonly HearingState[] {
  return HEARING_TRANSITIONS[state] ?? [];
}

export interface HearingButton {
  to: HearingState;
  label: Pair;
  /** 'go' starts or resumes, 'pause' a recess, 'done' finishes, 'step' checks in, 'stop' ends without a hearing. */
  tone: 'go' | 'pause' | 'done' | 'step' | 'stop';
  /**
   * Postponing or cancelling cannot be undone (nothing follows them), so the
   * button asks for a second tap; every other move is one tap.
   */
  confirm: boolean;
}

/** The one-tap buttons for a hearing in `state`, in the order they are shown. */
export function hearingButtons(state: HearingState): HearingButton[] {
  return nextStates(state).map((to): HearingButton => {
    switch (to) {
      case 'checked_in':
        return { to, label: { zh: '報到', en: 'Check in' }, tone: 'step', confirm: false };
      case 'waiting':
        return { to, label: { zh: '候訊', en: 'Waiting' }, tone: 'step', confirm: false };
      case 'in_session':
        return state === 'recess'
          ? { to, label: { zh: '續開', en: 'Resume' }, tone: 'go', confirm: false }
          : { to, label: { zh: '開庭', en: 'Start' }, tone: 'go', confirm: false };
      case 'recess':
        return { to, label: { zh: '休庭', en: 'Recess' }, tone: 'pause', confirm: false };
      case 'finished':
        return { to, label: { zh: '庭畢', en: 'Finish' }, tone: 'done', confirm: false };
      case 'postponed':
        return { to, label: { zh: '改期', en: 'Postpone' }, tone: 'stop', confirm: true };
      case 'cancelled':
        return { to, label: { zh: '取消', en: 'Cancel' }, tone: 'stop', confirm: true };
      default:
        return { to, label: { zh: to, en: to }, tone: 'step', confirm: false };
    }
  });
}

// ---- case numbers and summonses ----------------------------------------------------------

const CODE_RE = /^[A-Za-z0-9]{4,12}$/;

export interface SummonsRef {
  caseNumber: string;
  code: string;
}

/** A case number and summons code the server would accept (checked here so a typo costs no look-up). */
export function validSummons(caseNumber: string, code: string): SummonsRef | null {
  const c = caseNumberSchema.safeParse(caseNumber);
  const v = code.trim();
  if (!c.success || !CODE_RE.test(v)) return null;
  return { caseNumber: c.data, code: v };
}

/**
 * What a summons' QR code holds: the phone link (…/phone/hearing?c=<case>&v=<code>,
 * the case number percent-encoded so a keyboard-wedge scanner can type it) or,
 * on older summonses, "<case>|<code>". Null when it is neither.
 */
export function parseSummons(text: string): SummonsRef | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) || trimmed.startsWith('/')) {
    try {
      const url = new URL(trimmed, 'http://summons.invalid/');
      const c = url.searchParams.get('c');
      const v = url.searchParams.get('v');
      return c && v ? validSummons(c, v) : null;
    } catch {
      return null;
    }
  }
  const m = /^(.+?)\s*[|｜]\s*([A-Za-z0-9]+)$/.exec(trimmed);
  return m ? validSummons(m[1]!, m[2]!) : null;
}

/** The phone page's address for a summons (what the QR code on it carries). */
export function summonsPath(ref: SummonsRef): string {
  return `/phone/hearing?c=${encodeURIComponent(ref.caseNumber)}&v=${encodeURIComponent(ref.code)}`;
}

export interface CaseNumberParts {
  /** ROC year, e.g. 113 */
  year: string;
  /** Docket word, e.g. 偵 or 偵緝 */
  word: string;
  number: string;
}

/** The docket words a citizen is most likely to hold at a prosecutors office. */
export const DOCKET_WORDS = ['偵', '偵緝', '他', '調偵', '相', '核交', '執'] as const;

/** 113 + 偵 + 1234 → 113年度偵字第1234號 (typed digits are kept as typed, full-width ones made half-width). */
export function composeCaseNumber(p: CaseNumberParts): string {
  const digits = (s: string) => s.trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  return `${digits(p.year)}年度${p.word.trim()}字第${digits(p.number)}號`;
}

/** The reverse, for a case number pasted whole; null when it is not one. */
export function splitCaseNumber(caseNumber: string): CaseNumberParts | null {
  const m = /^(\d{2,3})年度([\p{Script=Han}]{1,8})字第(\d{1,7})號$/u.exec(caseNumber.trim());
  return m ? { year: m[1]!, word: m[2]!, number: m[3]! } : null;
}

/** The case number from either a whole one typed or pasted, or its three parts. */
export function caseNumberFrom(whole: string, parts: CaseNumberParts): string {
  const w = whole.trim();
  return w ? w : composeCaseNumber(parts);
}

// ---- look-up errors, as a citizen reads them ------------------------------------------------------

export type LookupProblem = 'not_found' | 'too_many' | 'invalid' | 'unreadable' | 'network';

/** What the kiosk and the phone page say for each problem: a title, and a hint where one helps. */
export const LOOKUP_PROBLEM_TEXT: Record<LookupProblem, { title: StringKey; hint: StringKey | null }> = {
  not_found: { title: 'summons.notFound', hint: 'summons.notFoundHint' },
  too_many: { title: 'summons.tooMany', hint: null },
  invalid: { title: 'summons.badFormat', hint: null },
  unreadable: { title: 'summons.unreadable', hint: null },
  network: { title: 'phone.error', hint: null },
};

export function lookupProblemOf(err: unknown): LookupProblem {
  if (err instanceof ApiError) {
    if (err.status === 404) return 'not_found';
    if (err.status === 429) return 'too_many';
    if (err.status === 400) return 'invalid';
  }
  return 'network';
}

/** The server's kiosk-scan error ("中文 / English") split for two lines; a missing half repeats the other. */
export function splitBilingual(message: string): Pair {
  const i = message.indexOf(' / ');
  if (i === -1) return { zh: message, en: message };
  return { zh: message.slice(0, i).trim(), en: message.slice(i + 3).trim() };
}

// ---- floors -----------------------------------------------------------------------------------

/** 2 → { zh: '2 樓', en: '2F' }; -1 → { zh: '地下 1 樓', en: 'B1' }. */
export function floorLabel(floor: number): Pair {
  return floor < 0 ? { zh: `地下 ${-floor} 樓`, en: `B${-floor}` } : { zh: `${floor} 樓`, en: `${floor}F` };
}

// ---- the public board's room -------------------------------------------------------------------

export type BoardRoom = HearingsBoard['rooms'][number];

/** What a phone following one case compares between snapshots: its room only (the board is re-sent every few seconds). */
export function roomKey(board: HearingsBoard | undefined, roomId: string): string | null {
  const room = board?.rooms.find((r) => r.courtroomId === roomId);
  return room ? JSON.stringify(room) : null;
}

/** The room a /hearings/<room> TV shows: by id, case-insensitive. */
export function roomOf(board: HearingsBoard | undefined, roomId: string): BoardRoom | null {
  const id = roomId.toLowerCase();
  return board?.rooms.find((r) => r.courtroomId.toLowerCase() === id) ?? null;
}

/** '/hearings/r1' → 'r1'; '/hearings' → null. */
export function roomIdFromPath(pathname: string): string | null {
  const m = /^\/hearings\/([^/?#]+)\/?$/.exec(pathname);
  return m?.[1] ? decodeURIComponent(m[1]) : null;
}

/** `?names=0` (or no/false/off) shows case numbers only. */
export function namesShown(search: string): boolean {
  const v = new URLSearchParams(search).get('names');
  return v === null || !['0', 'no', 'false', 'off'].includes(v.toLowerCase());
}

/** Rows a paged board shows at once, and which page is showing now (pages turn every `pageMs`). */
export function pageOf<T>(items: readonly T[], perPage: number, now: number, pageMs: number): { items: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(items.length / perPage));
  const page = pages === 1 ? 0 : Math.floor(now / pageMs) % pages;
  return { items: items.slice(page * perPage, page * perPage + perPage), page: page + 1, pages };
}

// ---- new detainees: stages and outcomes --------------------------------------------------------

export type StageLabel = DetaineeStep;

/**
 * The site's stages (in order) and outcomes come from the server with the
 * day's list (GET /api/staff/detainees, core/config/schema.ts `detainees`):
 * the staff screen keeps no list of its own.
 */
export interface DetaineeSteps {
  stages: readonly StageLabel[];
  outcomes: readonly StageLabel[];
}

/** A stage's or outcome's label; an id the site does not know shows as itself. */
export function stageLabel(id: string, steps: DetaineeSteps): StageLabel {
  return [...steps.stages, ...steps.outcomes].find((s) => s.id === id) ?? { id, zh: id, en: id };
}

/**
 * What a bailiff may tap for a person at `stageId`: the later stages (the
 * first is the next one; stages may be skipped forward, never back), or after
 * the last stage the outcomes; nothing once an outcome is recorded.
 */
export function detaineeChoices(stageId: string, { stages, outcomes }: DetaineeSteps): { kind: 'stages' | 'outcomes' | 'final'; options: StageLabel[] } {
  if (outcomes.some((o) => o.id === stageId)) return { kind: 'final', options: [] };
  const i = stages.findIndex((s) => s.id === stageId);
  if (i === -1) return { kind: 'final', options: [] };
  if (i === stages.length - 1) return { kind: 'outcomes', options: [...outcomes] };
  return { kind: 'stages', options: stages.slice(i + 1) };
}

// ---- duty roster: the form and the request -------------------------------------------------------

export interface RosterRow {
  /** Local key for React; not sent. */
  key: string;
  shiftId: string;
  roleId: string;
  name: string;
}

export interface RosterOption extends StageLabel {
  from?: string;
  to?: string;
}

let rowSeq = 0;
export function newRosterRow(shiftId = '', roleId = '', name = ''): RosterRow {
  rowSeq += 1;
  return { key: `r${rowSeq}`, shiftId, roleId, name };
}

/** The server's entries as editable rows. */
export function rosterRowsFrom(entries: readonly { shiftId: string; roleId: string; name: string }[]): RosterRow[] {
  return entries.map((e) => newRosterRow(e.shiftId, e.roleId, e.name));
}

export type RosterFormResult =
  | { ok: true; request: RosterDayRequest }
  | { ok: false; errors: { index: number; message: string }[] };

/**
 * The rows as the request the server takes: names trimmed, rows left without
 * a name dropped (an extra empty row is not an error); a row with a name but
 * no shift or role, or a name too long, is refused with its row number.
 */
export function rosterRequestFrom(rows: readonly RosterRow[]): RosterFormResult {
  const errors: { index: number; message: string }[] = [];
  const entries: RosterDayRequest['entries'] = [];
  rows.forEach((r, index) => {
    const name = r.name.trim().replace(/\s+/g, ' ');
    if (!name) return;
    if (!r.shiftId) errors.push({ index, message: '請選擇班別 Choose a shift' });
    else if (!r.roleId) errors.push({ index, message: '請選擇職務 Choose a duty' });
    else if (name.length > 60) errors.push({ index, message: '姓名過長 The name is longer than 60 characters' });
    else entries.push({ shiftId: r.shiftId, roleId: r.roleId, name });
  });
  if (errors.length) return { ok: false, errors };
  const parsed = rosterDayRequestSchema.safeParse({ entries });
  if (!parsed.success) return { ok: false, errors: [{ index: -1, message: parsed.error.issues[0]?.message ?? 'invalid' }] };
  return { ok: true, request: parsed.data };
}

// ---- files ----------------------------------------------------------------------------------------

/** Bytes → base64, in chunks (a day's export can be megabytes; one giant apply() would overflow the stack). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

/** The import format from a file's name (or type); null when neither CSV nor JSON. */
export function importFormatOf(name: string, type = ''): HearingImportRequest['format'] | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.csv') || type === 'text/csv') return 'csv';
  if (lower.endsWith('.json') || type === 'application/json') return 'json';
  return null;
}

// ---- HTTP ----------------------------------------------------------------------------------------

const labelled = z.object({ id: z.string(), zh: z.string(), en: z.string() });
export const rosterResponseSchema = z.object({
  date: z.string(),
  entries: z.array(z.object({ shiftId: z.string(), roleId: z.string(), name: z.string() })),
  shifts: z.array(labelled.extend({ from: z.string(), to: z.string() })),
  roles: z.array(labelled),
});
export type RosterResponse = z.infer<typeof rosterResponseSchema>;
const rosterSavedSchema = z.object({ date: z.string(), entries: rosterResponseSchema.shape.entries });

export function createCourtApi(o: { fetch?: FetchLike; csrfToken?: () => string | null; kioskCredential?: () => Promise<string | null> } = {}) {
  const fetchFn: FetchLike = o.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const csrf = () => o.csrfToken?.() ?? null;
  // A kiosk's look-ups count against its own budget, not its address's (phones share that one).
  const get = async <S extends z.ZodType>(path: string, schema: S, signal?: AbortSignal) =>
    request(fetchFn, path, schema, { method: 'GET', signal, kioskCredential: (await o.kioskCredential?.()) ?? null });
  const send = <S extends z.ZodType>(method: 'POST' | 'PUT', path: string, schema: S, body: unknown) =>
    request(fetchFn, path, schema, { method, body, csrfToken: csrf() });
  return {
    /** Public: one hearing by its case number and the code on the summons. */
    phoneHearing: (ref: SummonsRef, signal?: AbortSignal): Promise<HearingLookup> =>
      get(`${API.phoneHearing}?c=${encodeURIComponent(ref.caseNumber)}&v=${encodeURIComponent(ref.code)}`, hearingLookupSchema, signal),
    hearings: async (): Promise<Hearing[]> => (await get(API.staffHearings, z.object({ hearings: z.array(hearingSchema) }))).hearings,
    createHearing: async (input: HearingInput): Promise<Hearing> =>
      (await send('POST', API.staffHearings, z.object({ hearing: hearingSchema }), input)).hearing,
    importHearings: (req: HearingImportRequest): Promise<HearingImportResult> => send('POST', API.staffHearingsImport, hearingImportResultSchema, req),
    moveHearing: async (id: number, to: HearingState): Promise<Hearing> =>
      (await send('POST', API.staffHearingState(id), z.object({ hearing: hearingSchema }), { to })).hearing,
    /** A hearing entered or imported by mistake, with its persons (clerks and admins; audited). No body, so no content type. */
    deleteHearing: async (id: number): Promise<void> =>
      void (await request(fetchFn, API.staffHearing(id), z.object({ deleted: z.number() }), { method: 'DELETE', csrfToken: csrf() })),
    /** The day's people, and the site's stages and outcomes. */
    detainees: (): Promise<StaffDetainees> => get(API.staffDetainees, staffDetaineesSchema),
    recordDetainee: async (input: DetaineeInput): Promise<Detainee> =>
      (await send('POST', API.staffDetainees, z.object({ detainee: detaineeSchema }), input)).detainee,
    setDetaineeStage: async (id: number, stage: string): Promise<Detainee> =>
      (await send('POST', API.staffDetaineeStage(id), z.object({ detainee: detaineeSchema }), { stage })).detainee,
    roster: (date: string): Promise<RosterResponse> => get(`${API.staffRoster}?date=${encodeURIComponent(date)}`, rosterResponseSchema),
    saveRoster: (date: string, req: RosterDayRequest) => send('PUT', API.staffRosterDay(date), rosterSavedSchema, req),
  };
}

export type CourtApi = ReturnType<typeof createCourtApi>;

// ---- following one case: the phone page ------------------------------------------------------------

/**
 * The look-up is rate-limited per address (20 per 10 minutes), so a phone
 * fetches again only when its own room changed on the public board, after a
 * short debounce, and keeps under FOLLOW_LIMITS: quick for the first changes,
 * spaced out when its room is busy.
 */
export const FOLLOW_DEBOUNCE_MS = 800;
export const FOLLOW_JITTER_MS = 1200;
export const FOLLOW_LIMITS: readonly { count: number; windowMs: number }[] = [
  { count: 15, windowMs: 10 * 60_000 },
  { count: 3, windowMs: 60_000 },
];
export const FOLLOW_SLOW_MS = 120_000;
/** After a 429: wait this long before asking again. */
export const FOLLOW_BACKOFF_MS = 120_000;

/** How long to wait before the next fetch, given when the recent ones went out. */
export function followDelay(
  now: number,
  fetches: readonly number[],
  debounceMs: number,
  jitter: number,
  limits: readonly { count: number; windowMs: number }[] = FOLLOW_LIMITS,
): number {
  let allowedAt = now;
  for (const { count, windowMs } of limits) {
    const recent = fetches.filter((t) => t > now - windowMs).sort((a, b) => a - b);
    if (recent.length >= count) allowedAt = Math.max(allowedAt, recent[recent.length - count]! + windowMs);
  }
  return Math.max(debounceMs + jitter, allowedAt - now);
}

export interface SummonsSlice {
  ref: SummonsRef | null;
  lookup: HearingLookup | null;
  problem: LookupProblem | null;
  /** A refresh failed but the last good answer is still shown. */
  stale: boolean;
  loading: boolean;
  updatedAt: number | null;
  /** When the recent look-ups went out (newest last; at most 20 kept). */
  fetches: number[];
  /** Look up `ref` (a new case replaces the old one); resolves when answered. */
  look: (ref: SummonsRef) => Promise<void>;
  /** Forget the case (the form shows again). */
  reset: () => void;
}

export type HearingPhoneState = SiteSlice & LiveSlice & LangSlice & SummonsSlice;

export function createSummonsSlice(api: Pick<CourtApi, 'phoneHearing'>): StateCreator<HearingPhoneState, [], [], SummonsSlice> {
  let seq = 0;
  return (set, get) => ({
    ref: null,
    lookup: null,
    problem: null,
    stale: false,
    loading: false,
    updatedAt: null,
    fetches: [],
    look: async (ref) => {
      const same = get().ref?.caseNumber === ref.caseNumber && get().ref?.code === ref.code;
      const mine = ++seq;
      set((s) => ({ ref, loading: true, fetches: [...s.fetches, Date.now()].slice(-20), ...(same ? {} : { lookup: null, problem: null, stale: false }) }));
      try {
        const lookup = await api.phoneHearing(ref);
        if (mine !== seq) return;
        set({ lookup, problem: null, stale: false, loading: false, updatedAt: Date.now() });
      } catch (err) {
        if (mine !== seq) return;
        const problem = lookupProblemOf(err);
        // A refresh that fails keeps the last good answer on screen (marked stale);
        // not found stays not found.
        if (get().lookup && problem !== 'not_found') set({ stale: true, loading: false, problem });
        else set({ lookup: null, problem, loading: false });
      }
    },
    reset: () => {
      seq++;
      set({ ref: null, lookup: null, problem: null, stale: false, loading: false, updatedAt: null });
    },
  });
}

export function createHearingPhoneStore(api: Pick<CourtApi, 'phoneHearing'> & Pick<ApiClient, 'site'> = { ...createCourtApi(), site: createApiClient().site }) {
  const initial = typeof navigator !== 'undefined' ? guessLang(navigator.languages) : 'zh-TW';
  return create<HearingPhoneState>()((...a) => ({
    ...createSiteSlice<HearingPhoneState>(api)(...a),
    ...createLiveSlice<HearingPhoneState>()(...a),
    ...createLangSlice<HearingPhoneState>(initial)(...a),
    ...createSummonsSlice(api)(...a),
  }));
}

export type HearingPhoneStore = ReturnType<typeof createHearingPhoneStore>;

export interface FollowOptions {
  debounceMs?: number;
  jitterMs?: number;
  slowMs?: number;
  backoffMs?: number;
  limits?: readonly { count: number; windowMs: number }[];
  random?: () => number;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  visible?: () => boolean;
  live?: Partial<LiveClientOptions>;
  /** For tests: no socket, the caller sets snapshots. */
  noSocket?: boolean;
}

/** Nothing more will happen to a hearing in these states today. */
export function followDone(lookup: HearingLookup | null): boolean {
  return lookup !== null && FINAL_HEARING_STATES.includes(lookup.state);
}

/**
 * Follow the looked-up case: every change of its room on the public
 * `hearings.board` schedules one fetch (debounced, spaced for the rate
 * limit), a slow timer the fallback. Returns `wake()` and `stop()`.
 */
export function bindHearingFollow(store: HearingPhoneStore, o: FollowOptions = {}) {
  const setTimer = o.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = o.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const random = o.random ?? Math.random;
  const now = o.now ?? Date.now;
  const visible = o.visible ?? (() => typeof document === 'undefined' || document.visibilityState !== 'hidden');
  const debounceMs = o.debounceMs ?? FOLLOW_DEBOUNCE_MS;
  const jitterMs = o.jitterMs ?? FOLLOW_JITTER_MS;
  const slowMs = o.slowMs ?? FOLLOW_SLOW_MS;
  const backoffMs = o.backoffMs ?? FOLLOW_BACKOFF_MS;

  let pending: unknown = null;
  let slow: unknown = null;
  let lastKey: string | null = null;
  let missed = false;
  let stopped = false;

  const fetchNow = () => {
    const s = store.getState();
    if (stopped || !s.ref || followDone(s.lookup) || s.problem === 'not_found') return;
    if (!visible()) {
      missed = true;
      return;
    }
    missed = false;
    void s.look(s.ref);
  };

  const schedule = (extra = 0) => {
    if (stopped || pending !== null) return;
    const s = store.getState();
    if (!s.ref || followDone(s.lookup)) return;
    const delay = Math.max(extra, followDelay(now(), s.fetches, debounceMs, Math.round(random() * jitterMs), o.limits));
    pending = setTimer(() => {
      pending = null;
      fetchNow();
    }, delay);
  };

  const tick = () => {
    slow = setTimer(() => {
      const last = store.getState().fetches.at(-1);
      if (last === undefined || now() - last >= slowMs - 1) schedule();
      tick();
    }, slowMs);
  };

  const unsubscribe = store.subscribe((s, prev) => {
    if (s.problem === 'too_many' && prev.problem !== 'too_many') {
      schedule(backoffMs);
      return;
    }
    const roomId = s.lookup?.courtroom.id;
    if (!roomId) return;
    const key = roomKey(s.snapshots['hearings.board'], roomId);
    if (key === null) return;
    // The first sight of the room after a look-up is what that look-up saw.
    if (lastKey === null || prev.lookup?.courtroom.id !== roomId) {
      lastKey = key;
      return;
    }
    if (key !== lastKey) {
      lastKey = key;
      schedule();
    }
  });
  const live: LiveClient | null = o.noSocket ? null : bridgeLive(store, ['hearings.board'] satisfies Topic[], o.live ?? {});
  tick();

  return {
    live,
    /** The page is visible again: catch up on a change missed while hidden. */
    wake: () => {
      if (missed) schedule();
    },
    stop: () => {
      stopped = true;
      unsubscribe();
      live?.stop();
      if (pending !== null) clearTimer(pending);
      if (slow !== null) clearTimer(slow);
    },
  };
}

// ---- the staff tabs: hearings, detainees, roster ---------------------------------------------------

export interface CourtState extends LiveSlice {
  hearings: Hearing[] | null;
  hearingsError: string | null;
  /** The hearing whose move is on its way. */
  moving: number | null;
  moveError: { id: number; message: string } | null;
  importing: boolean;
  importResult: (HearingImportResult & { file: string }) | null;
  importError: { file: string; message: string; rows: { row: number | null; message: string }[] } | null;
  creating: boolean;
  createError: string | null;
  createdCase: string | null;

  detainees: Detainee[] | null;
  /** The site's stages and outcomes, sent with the list; null until it has loaded. */
  detaineeSteps: DetaineeSteps | null;
  detaineesError: string | null;
  recording: boolean;
  recordError: string | null;
  staging: number | null;
  stageError: { id: number; message: string } | null;

  roster: { date: string; rows: RosterRow[]; shifts: RosterResponse['shifts']; roles: RosterResponse['roles'] } | null;
  rosterLoading: boolean;
  rosterError: string | null;
  rosterRowErrors: { index: number; message: string }[];
  rosterSaving: boolean;
  rosterSavedAt: number | null;
  rosterDirty: boolean;

  loadHearings: () => Promise<void>;
  moveHearing: (id: number, to: HearingState) => Promise<boolean>;
  /** Deletes a hearing (its row's busy mark and error are the move's). */
  deleteHearing: (id: number) => Promise<boolean>;
  importFile: (file: string, req: HearingImportRequest) => Promise<boolean>;
  createHearing: (input: HearingInput) => Promise<boolean>;
  loadDetainees: () => Promise<void>;
  recordDetainee: (input: DetaineeInput) => Promise<boolean>;
  setDetaineeStage: (id: number, stage: string) => Promise<boolean>;
  loadRoster: (date: string) => Promise<void>;
  setRosterRows: (rows: RosterRow[]) => void;
  saveRoster: () => Promise<boolean>;
  /** Forget everything staff-only (signed out). */
  clear: () => void;
}

export function createCourtStore(opts: { api?: CourtApi; csrfToken?: () => string | null; fetch?: FetchLike; onUnauthorized?: () => void } = {}) {
  const api = opts.api ?? createCourtApi({ fetch: opts.fetch, csrfToken: opts.csrfToken });
  const lost = (err: unknown) => {
    if (err instanceof ApiError && err.status === 401) opts.onUnauthorized?.();
  };
  const cleared = {
    hearings: null,
    hearingsError: null,
    moving: null,
    moveError: null,
    importing: false,
    importResult: null,
    importError: null,
    creating: false,
    createError: null,
    createdCase: null,
    detainees: null,
    detaineeSteps: null,
    detaineesError: null,
    recording: false,
    recordError: null,
    staging: null,
    stageError: null,
    roster: null,
    rosterLoading: false,
    rosterError: null,
    rosterRowErrors: [],
    rosterSaving: false,
    rosterSavedAt: null,
    rosterDirty: false,
  } satisfies Partial<CourtState>;

  return create<CourtState>()((set, get) => ({
    connection: 'idle',
    snapshots: {},
    ...cleared,

    loadHearings: async () => {
      try {
        set({ hearings: await api.hearings(), hearingsError: null });
      } catch (err) {
        set({ hearingsError: errorMessage(err) });
        lost(err);
      }
    },
    moveHearing: async (id, to) => {
      if (get().moving !== null) return false;
      set({ moving: id, moveError: null });
      try {
        const h = await api.moveHearing(id, to);
        set((s) => ({ moving: null, hearings: s.hearings?.map((x) => (x.id === h.id ? h : x)) ?? s.hearings }));
        void get().loadHearings(); // estimates of the room's other hearings moved too
        return true;
      } catch (err) {
        set({ moving: null, moveError: { id, message: errorMessage(err) } });
        lost(err);
        void get().loadHearings(); // someone else may have moved it first
        return false;
      }
    },
    deleteHearing: async (id) => {
      if (get().moving !== null) return false;
      set({ moving: id, moveError: null });
      try {
        await api.deleteHearing(id);
        set((s) => ({ moving: null, hearings: s.hearings?.filter((x) => x.id !== id) ?? s.hearings }));
        return true;
      } catch (err) {
        set({ moving: null, moveError: { id, message: errorMessage(err) } });
        lost(err);
        void get().loadHearings();
        return false;
      }
    },
    importFile: async (file, req) => {
      if (get().importing) return false;
      set({ importing: true, importResult: null, importError: null });
      try {
        const res = await api.importHearings(req);
        set({ importing: false, importResult: { ...res, file } });
        void get().loadHearings();
        return true;
      } catch (err) {
        const rows = err instanceof ApiError ? err.details.map((d) => ({ row: d.row ?? null, message: d.message })) : [];
        set({ importing: false, importError: { file, message: errorMessage(err), rows } });
        lost(err);
        return false;
      }
    },
    createHearing: async (input) => {
      if (get().creating) return false;
      set({ creating: true, createError: null, createdCase: null });
      try {
        const h = await api.createHearing(input);
        set({ creating: false, createdCase: h.caseNumber });
        void get().loadHearings();
        return true;
      } catch (err) {
        set({ creating: false, createError: errorMessage(err) });
        lost(err);
        return false;
      }
    },

    loadDetainees: async () => {
      try {
        const res = await api.detainees();
        set({ detainees: res.detainees, detaineeSteps: { stages: res.stages, outcomes: res.outcomes }, detaineesError: null });
      } catch (err) {
        set({ detaineesError: errorMessage(err) });
        lost(err);
      }
    },
    recordDetainee: async (input) => {
      if (get().recording) return false;
      set({ recording: true, recordError: null });
      try {
        const d = await api.recordDetainee(input);
        set((s) => ({ recording: false, detainees: s.detainees ? [...s.detainees.filter((x) => x.id !== d.id), d] : [d] }));
        void get().loadDetainees();
        return true;
      } catch (err) {
        set({ recording: false, recordError: errorMessage(err) });
        lost(err);
        return false;
      }
    },
    setDetaineeStage: async (id, stage) => {
      if (get().staging !== null) return false;
      set({ staging: id, stageError: null });
      try {
        const d = await api.setDetaineeStage(id, stage);
        set((s) => ({ staging: null, detainees: s.detainees?.map((x) => (x.id === d.id ? d : x)) ?? s.detainees }));
        return true;
      } catch (err) {
        set({ staging: null, stageError: { id, message: errorMessage(err) } });
        lost(err);
        void get().loadDetainees();
        return false;
      }
    },

    loadRoster: async (date) => {
      set({ rosterLoading: true, rosterError: null, rosterRowErrors: [], rosterSavedAt: null });
      try {
        const res = await api.roster(date);
        set({
          rosterLoading: false,
          rosterDirty: false,
          roster: { date: res.date, rows: rosterRowsFrom(res.entries), shifts: res.shifts, roles: res.roles },
        });
      } catch (err) {
        set({ rosterLoading: false, rosterError: errorMessage(err) });
        lost(err);
      }
    },
    setRosterRows: (rows) => set((s) => (s.roster ? { roster: { ...s.roster, rows }, rosterDirty: true, rosterSavedAt: null, rosterRowErrors: [] } : {})),
    saveRoster: async () => {
      const roster = get().roster;
      if (!roster || get().rosterSaving) return false;
      const form = rosterRequestFrom(roster.rows);
      if (!form.ok) {
        set({ rosterRowErrors: form.errors, rosterError: null });
        return false;
      }
      set({ rosterSaving: true, rosterError: null, rosterRowErrors: [] });
      try {
        const res = await api.saveRoster(roster.date, form.request);
        set((s) => ({
          rosterSaving: false,
          rosterDirty: false,
          rosterSavedAt: Date.now(),
          roster: s.roster && s.roster.date === res.date ? { ...s.roster, rows: rosterRowsFrom(res.entries) } : s.roster,
        }));
        return true;
      } catch (err) {
        set({ rosterSaving: false, rosterError: errorMessage(err) });
        lost(err);
        return false;
      }
    },
    clear: () => set({ ...cleared, snapshots: {} }),
  }));
}

export type CourtStore = ReturnType<typeof createCourtStore>;

/** The part of a board that, when it changes, means the staff list is out of date. */
export function boardKey(store: CourtStore, topic: 'hearings.board' | 'detainees.board'): string {
  const snap = store.getState().snapshots[topic];
  if (!snap) return '';
  return topic === 'hearings.board'
    ? JSON.stringify((snap as HearingsBoard).rooms.map((r) => [r.current?.id, r.current?.state, r.next.map((h) => [h.id, h.state, h.persons.length, h.time])]))
    : JSON.stringify(snap);
}

/**
 * While a court tab is open: the public boards tell it that something changed
 * (another tablet moved a hearing, a clerk imported a file); the tab then
 * fetches its staff list again, debounced. The boards are re-sent every few
 * seconds unchanged, so only a real change fetches. The topics ride on the
 * page's own live socket (screenLive(), as the marquee band does); a page
 * without one (a unit test) gets a socket of its own.
 */
export function bindCourtLive(
  store: CourtStore,
  topics: readonly ('hearings.board' | 'detainees.board')[],
  o: { debounceMs?: number; live?: Partial<LiveClientOptions>; screen?: ScreenLive | null } = {},
): () => void {
  const keys = new Map<string, string>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const screen = o.screen === undefined ? screenLive() : o.screen;
  let own: LiveClient | null = null;
  let source: StoreApi<LiveSlice>;
  if (screen) {
    screen.client.addTopics(topics);
    source = screen.store;
  } else {
    source = createStore<LiveSlice>(() => ({ connection: 'idle', snapshots: {} }));
    own = new LiveClient({
      url: liveUrl(),
      topics,
      onSnapshot: (snap) => source.setState((s) => ({ snapshots: { ...s.snapshots, [snap.topic]: snap.data } })),
      onStatus: (connection) => source.setState({ connection }),
      ...o.live,
    });
    own.start();
  }
  const copy = (s: LiveSlice) => {
    const patch: Partial<LiveSlice['snapshots']> = {};
    let changed = false;
    for (const topic of topics) {
      if (s.snapshots[topic] && s.snapshots[topic] !== store.getState().snapshots[topic]) {
        (patch as Record<string, unknown>)[topic] = s.snapshots[topic];
        changed = true;
      }
    }
    if (changed) store.setState((st) => ({ snapshots: { ...st.snapshots, ...patch } }));
  };
  const unsubscribeCourt = store.subscribe((s, prev) => {
    for (const topic of topics) {
      if (s.snapshots[topic] === prev.snapshots[topic] || !s.snapshots[topic]) continue;
      const key = boardKey(store, topic);
      const before = keys.get(topic);
      keys.set(topic, key);
      if (before === undefined || before === key) continue;
      clearTimeout(timers.get(topic));
      timers.set(
        topic,
        setTimeout(() => {
          timers.delete(topic);
          void (topic === 'hearings.board' ? store.getState().loadHearings() : store.getState().loadDetainees());
        }, o.debounceMs ?? 300),
      );
    }
  });
  const unsubscribeSource = source.subscribe((s) => copy(s));
  copy(source.getState());
  return () => {
    unsubscribeCourt();
    unsubscribeSource();
    own?.stop();
    for (const t of timers.values()) clearTimeout(t);
  };
}

// ---- who sees which staff tab (the server checks again; admin may do everything) ----------------------

export const HEARINGS_TAB_ROLES: readonly Role[] = ['admin', 'clerk', 'bailiff'];
/** Import a file or enter a hearing by hand. */
export const HEARING_ENTRY_ROLES: readonly Role[] = ['admin', 'clerk'];
export const DETAINEES_TAB_ROLES: readonly Role[] = ['admin', 'bailiff'];
export const ROSTER_TAB_ROLES: readonly Role[] = ['admin', 'bailiff', 'clerk'];

export function hasRole(roles: readonly Role[] | undefined, allowed: readonly Role[]): boolean {
  return (roles ?? []).some((r) => allowed.includes(r));
}
