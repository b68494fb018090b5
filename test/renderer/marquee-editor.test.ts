/**
 * The staff marquee form: saving a new message leaves the form blank and new
 * (it once turned into "編輯訊息 #1" and the next message typed replaced #1);
 * only a row's Edit button enters editing; and the signs chosen for a draft
 * that would cut it are named before it is saved.
 */
import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { MarqueeMessage, MarqueeMessageInput, PublicSite, SignPreview } from '../../core/contract';
import { draftFromMessage, draftToInput } from '../../renderer/components/marquee/draft';
import type { MarqueeApi } from '../../renderer/features/marquee/api';
import { afterDelete, afterSave, newEditor, saveTarget, signsThatCut, startEdit, startNew, typed, type EditorState } from '../../renderer/features/marquee/editor';
import { createMarqueeSlice, type MarqueeSlice } from '../../renderer/features/marquee/slice';

const site: Pick<PublicSite, 'signs'> = {
  signs: [
    { id: 'lobby-led', name: { zh: '大廳跑馬燈', en: 'Lobby LED sign' }, protocol: 'onbon-bx' },
    { id: 'entrance-led', name: { zh: '入口跑馬燈', en: 'Entrance LED sign' }, protocol: 'alpha' },
  ],
};

/** A server that stores what it is sent, as the real one does (ids from 1). */
function fakeServer() {
  const stored = new Map<number, MarqueeMessage>();
  const calls: string[] = [];
  let next = 1;
  const save = (id: number, input: MarqueeMessageInput): MarqueeMessage => {
    const m: MarqueeMessage = { id, ...input, active: true, updatedAt: '2026-11-26T09:00:00+08:00', updatedBy: 'desk1' };
    stored.set(id, m);
    return m;
  };
  const api = {
    marqueeMessages: async () => [...stored.values()],
    createMarquee: async (input: MarqueeMessageInput) => {
      calls.push('create');
      return save(next++, input);
    },
    updateMarquee: async (id: number, input: MarqueeMessageInput) => {
      calls.push(`update ${id}`);
      return save(id, input);
    },
  } as unknown as MarqueeApi;
  return { stored, calls, store: createStore<MarqueeSlice>()(createMarqueeSlice(api)) };
}

/** What the form does on 儲存: the draft to the API, to the message the mode names, then the form's next state. */
async function submit(store: ReturnType<typeof fakeServer>['store'], editor: EditorState): Promise<EditorState> {
  const result = draftToInput(editor.draft);
  if (result.error !== null) throw new Error(result.error);
  const saved = await store.getState().saveMarquee(saveTarget(editor), result.input);
  if (!saved) throw new Error(store.getState().marqueeError ?? 'not saved');
  return afterSave(editor, saved, site);
}

const typeText = (editor: EditorState, zh: string, en: string) => typed(editor, { ...editor.draft, zh, en });

describe('the marquee form', () => {
  it('two new messages saved in a row are two messages; the first is unchanged', async () => {
    const server = fakeServer();
    let editor = newEditor(site);
    editor = typeText(editor, '本署十二月一日起延長服務時間', 'Open until 7 p.m. from 1 December');
    editor = await submit(server.store, editor);
    // blank and new again, saying what was created
    expect(editor.mode).toEqual({ kind: 'new' });
    expect(editor.draft.zh).toBe('');
    expect(editor.draft.en).toBe('');
    expect(editor.saved).toEqual({ kind: 'created', id: 1 });

    editor = typeText(editor, '停車場整修，請改停第二停車場', 'The car park is closed; please use car park 2');
    expect(editor.saved).toBeNull();
    editor = await submit(server.store, editor);

    expect(server.calls).toEqual(['create', 'create']);
    expect([...server.stored.keys()]).toEqual([1, 2]);
    expect(server.stored.get(1)).toMatchObject({ zh: '本署十二月一日起延長服務時間', en: 'Open until 7 p.m. from 1 December' });
    expect(server.stored.get(2)).toMatchObject({ zh: '停車場整修，請改停第二停車場' });
    expect(server.store.getState().marqueeMessages?.map((m) => m.id)).toEqual([1, 2]);
  });

  it('only the Edit button edits; saving the edit writes that message and leaves the form new', async () => {
    const server = fakeServer();
    let editor = await submit(server.store, typeText(newEditor(site), '甲', 'A'));
    editor = await submit(server.store, typeText(editor, '乙', 'B'));
    const first = server.stored.get(1)!;
    editor = startEdit(editor, first, draftFromMessage(first));
    expect(editor.mode).toEqual({ kind: 'edit', id: 1 });
    expect(editor.draft.zh).toBe('甲');
    editor = await submit(server.store, typeText(editor, '甲（更新）', 'A (updated)'));
    expect(server.calls).toEqual(['create', 'create', 'update 1']);
    expect(editor.mode).toEqual({ kind: 'new' });
    expect(editor.saved).toEqual({ kind: 'updated', id: 1 });
    expect(server.stored.get(2)).toMatchObject({ zh: '乙', en: 'B' });

    // the next message typed is a new one
    await submit(server.store, typeText(editor, '丙', 'C'));
    expect(server.calls.at(-1)).toBe('create');
    expect(server.stored.get(1)).toMatchObject({ zh: '甲（更新）' });
  });

  it('each fresh form is a new one (errors gone); deleting the message being edited leaves a new form', () => {
    const m = { id: 4, zh: '公告', en: 'Notice', category: 'news', priority: 3, startsAt: null, endsAt: null, days: [], hoursFrom: null, hoursTo: null, targets: ['screen:calls'], active: true, updatedAt: '', updatedBy: null } satisfies MarqueeMessage;
    const start = newEditor(site);
    const editing = startEdit(start, m, draftFromMessage(m));
    expect(editing.form).not.toBe(start.form);
    expect(afterDelete(editing, 9, site)).toBe(editing);
    const gone = afterDelete(editing, 4, site);
    expect(gone.mode).toEqual({ kind: 'new' });
    expect(gone.draft.zh).toBe('');
    expect(startNew(editing, site).draft.targets).toEqual(['screen:calls', 'screen:hearings', 'screen:detainees', 'sign:lobby-led', 'sign:entrance-led']);
  });
});

describe('a sign that would cut the draft', () => {
  const preview = (over: Partial<Record<string, boolean>>): { signs: SignPreview[] } => ({
    signs: site.signs.map((s) => ({ id: s.id, protocol: s.protocol, text: '', runs: [], replaced: [], tooLong: over[s.id] ?? false })),
  });
  const draft = (targets: string[]) => ({ zh: '臺'.repeat(250), en: '', targets });

  it('is named when the draft is meant for it, in the site order', () => {
    expect(signsThatCut(site, draft(['sign:lobby-led', 'sign:entrance-led']), preview({ 'lobby-led': true }))).toEqual([{ id: 'lobby-led', name: site.signs[0]!.name }]);
    expect(signsThatCut(site, draft(['sign:entrance-led', 'sign:lobby-led']), preview({ 'lobby-led': true, 'entrance-led': true })).map((s) => s.id)).toEqual(['lobby-led', 'entrance-led']);
  });

  it('is not named when the draft is not meant for it, fits, is empty, or no answer has come yet', () => {
    expect(signsThatCut(site, draft(['screen:calls', 'sign:entrance-led']), preview({ 'lobby-led': true }))).toEqual([]);
    expect(signsThatCut(site, draft(['sign:lobby-led']), preview({}))).toEqual([]);
    expect(signsThatCut(site, { zh: '  ', en: '', targets: ['sign:lobby-led'] }, preview({ 'lobby-led': true }))).toEqual([]);
    expect(signsThatCut(site, draft(['sign:lobby-led']), { signs: null })).toEqual([]);
  });
});
