/**
 * The marquee form's state: writing a new message, or editing one staff chose
 * with its row's Edit button — and nothing else puts the form into editing.
 * After any save the form is blank and new again: once it switched to editing
 * the message just created, and the next message typed overwrote it.
 *
 * Also which chosen signs would cut the draft, from the server's sign preview,
 * so the form can say so beside the text before it is saved.
 */
import type { MarqueeMessage, PublicSite } from '../../../core/contract';
import { emptyDraft, type MarqueeDraft } from '../../components/marquee/draft';
import type { SignPreviewState } from './slice';

export type EditorMode = { kind: 'new' } | { kind: 'edit'; id: number };

export interface EditorState {
  mode: EditorMode;
  draft: MarqueeDraft;
  /** What the last save did, shown under the form until the draft changes. */
  saved: { kind: 'created' | 'updated'; id: number } | null;
  /** Changes for every fresh form, so a new form starts without the last one's errors. */
  form: number;
}

type SiteSigns = Pick<PublicSite, 'signs'> | null;

export function newEditor(site: SiteSigns): EditorState {
  return { mode: { kind: 'new' }, draft: emptyDraft(site), saved: null, form: 0 };
}

/** A blank new message (the 新增 New button, or leaving an edit). */
export function startNew(state: EditorState, site: SiteSigns): EditorState {
  return { mode: { kind: 'new' }, draft: emptyDraft(site), saved: null, form: state.form + 1 };
}

/** The row's Edit button: the one way into editing a message. */
export function startEdit(state: EditorState, message: MarqueeMessage, draft: MarqueeDraft): EditorState {
  return { mode: { kind: 'edit', id: message.id }, draft, saved: null, form: state.form + 1 };
}

export function typed(state: EditorState, draft: MarqueeDraft): EditorState {
  return { ...state, draft, saved: null };
}

/** Which message a save writes: null creates a new one. */
export function saveTarget(state: EditorState): number | null {
  return state.mode.kind === 'edit' ? state.mode.id : null;
}

/** Saved: the form is blank and new again, and says what was saved. */
export function afterSave(state: EditorState, saved: MarqueeMessage, site: SiteSigns): EditorState {
  return { mode: { kind: 'new' }, draft: emptyDraft(site), saved: { kind: state.mode.kind === 'edit' ? 'updated' : 'created', id: saved.id }, form: state.form + 1 };
}

/** The message being edited was deleted: nothing is left to edit. */
export function afterDelete(state: EditorState, id: number, site: SiteSigns): EditorState {
  return state.mode.kind === 'edit' && state.mode.id === id ? startNew(state, site) : state;
}

export interface CutSign {
  id: string;
  name: { zh: string; en: string };
}

/**
 * The signs the draft is meant for that would cut it (the server's preview,
 * each sign's own capacity check), in the site's order. The last answer stands
 * while a newer one is on its way; an empty draft warns of nothing.
 */
export function signsThatCut(site: Pick<PublicSite, 'signs'>, draft: Pick<MarqueeDraft, 'zh' | 'en' | 'targets'>, preview: Pick<SignPreviewState, 'signs'>): CutSign[] {
  if (draft.zh.trim() === '' && draft.en.trim() === '') return [];
  return site.signs
    .filter((s) => draft.targets.includes(`sign:${s.id}`) && preview.signs?.some((p) => p.id === s.id && p.tooLong))
    .map((s) => ({ id: s.id, name: s.name }));
}
