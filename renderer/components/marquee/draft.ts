/**
 * The staff form's draft of a marquee message and its mapping to the API's
 * input (and back), with the status a message has for staff. Pure; unit-tested.
 */
import {
  MARQUEE_SCREENS,
  marqueeMessageInputSchema,
  type MarqueeCategory,
  type MarqueeMessage,
  type MarqueeMessageInput,
  type PublicSite,
} from '../../../core/contract';
import { isoToLocalInput, localInputToIso } from './datetime';

export interface MarqueeDraft {
  zh: string;
  en: string;
  category: MarqueeCategory;
  priority: number;
  /** datetime-local values ("" = none). */
  startsAt: string;
  endsAt: string;
  days: number[];
  /** "HH:MM" or "". */
  hoursFrom: string;
  hoursTo: string;
  targets: string[];
}

export type DraftField = keyof MarqueeDraft;

/** Every target a site has: its boards, then each LED sign. */
export function allTargets(site: Pick<PublicSite, 'signs'> | null): string[] {
  return [...MARQUEE_SCREENS.map((s) => `screen:${s}`), ...(site?.signs ?? []).map((s) => `sign:${s.id}`)];
}

/** A new message: news, priority 3, from now on, every day, on every board and sign. */
export function emptyDraft(site: Pick<PublicSite, 'signs'> | null): MarqueeDraft {
  return { zh: '', en: '', category: 'news', priority: 3, startsAt: '', endsAt: '', days: [], hoursFrom: '', hoursTo: '', targets: allTargets(site) };
}

export function draftFromMessage(m: MarqueeMessage): MarqueeDraft {
  return {
    zh: m.zh,
    en: m.en,
    category: m.category,
    priority: m.priority,
    startsAt: isoToLocalInput(m.startsAt),
    endsAt: isoToLocalInput(m.endsAt),
    days: [...m.days].sort((a, b) => a - b),
    hoursFrom: m.hoursFrom ?? '',
    hoursTo: m.hoursTo ?? '',
    targets: [...m.targets],
  };
}

/** The draft as the API wants it; `error` names the field (as the server does: "field: reason"). */
export function draftToInput(d: MarqueeDraft): { input: MarqueeMessageInput; error: null; field: null } | { input: null; error: string; field: DraftField | null } {
  const startsAt = localInputToIso(d.startsAt);
  const endsAt = localInputToIso(d.endsAt);
  if (startsAt === undefined) return { input: null, error: 'startsAt: not a date and time', field: 'startsAt' };
  if (endsAt === undefined) return { input: null, error: 'endsAt: not a date and time', field: 'endsAt' };
  const candidate = {
    zh: d.zh,
    en: d.en,
    category: d.category,
    priority: d.priority,
    startsAt,
    endsAt,
    days: [...new Set(d.days)].sort((a, b) => a - b),
    hoursFrom: d.hoursFrom === '' ? null : d.hoursFrom,
    hoursTo: d.hoursTo === '' ? null : d.hoursTo,
    targets: [...new Set(d.targets)],
  };
  const parsed = marqueeMessageInputSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.length ? String(issue.path[0]) : '';
    return { input: null, error: `${path ? `${path}: ` : ''}${issue?.message ?? 'invalid'}`, field: fieldOf(path) };
  }
  return { input: parsed.data, error: null, field: null };
}

const FIELDS: readonly DraftField[] = ['zh', 'en', 'category', 'priority', 'startsAt', 'endsAt', 'days', 'hoursFrom', 'hoursTo', 'targets'];

function fieldOf(name: string): DraftField | null {
  return (FIELDS as readonly string[]).includes(name) ? (name as DraftField) : null;
}

/** The field a server message names ("targets: unknown sign:x", "endsAt: …", "days.2: …"). */
export function fieldOfError(message: string): DraftField | null {
  const m = /^([A-Za-z]+)(?:\.\d+)*:/.exec(message);
  return m ? fieldOf(m[1]!) : null;
}

export type MessageStatus = 'showing' | 'scheduled' | 'ended';

/** Showing now (the server says so), ended (its end has passed), or scheduled (it will show at some time). */
export function messageStatus(m: Pick<MarqueeMessage, 'active' | 'endsAt'>, now: number = Date.now()): MessageStatus {
  if (m.active) return 'showing';
  if (m.endsAt && Date.parse(m.endsAt) <= now) return 'ended';
  return 'scheduled';
}

export const STATUS_LABEL: Readonly<Record<MessageStatus, { zh: string; en: string }>> = {
  showing: { zh: '播放中', en: 'Showing' },
  scheduled: { zh: '排程', en: 'Scheduled' },
  ended: { zh: '已結束', en: 'Ended' },
};
