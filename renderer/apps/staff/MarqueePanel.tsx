/**
 * The 跑馬燈 Marquee tab (desk staff and admins): every message with its
 * status, a form to write or edit one, and a live preview of exactly what each
 * chosen target will show — the boards' band (drawn here, it is this
 * renderer's own component), and each LED sign as a dot matrix (Alpha signs:
 * the English alone, in a Latin font; Onbon signs: the Chinese, then the
 * English). What a sign shows comes from the server, which runs that sign's
 * own encoder (features/marquee previewSigns). A save leaves the form blank
 * and new; only a row's Edit button edits (features/marquee/editor.ts). A
 * chosen sign that would cut the draft is named beside the text.
 */
import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { MARQUEE_CATEGORIES, MARQUEE_SCREENS, type MarqueeMessage, type PublicSite } from '../../../core/contract';
import { LedStrip } from '../../components/marquee/LedStrip';
import { MarqueeStrip } from '../../components/marquee/MarqueeBand';
import { useLiveTopic } from '../../components/marquee/useLiveTopic';
import {
  STATUS_LABEL,
  draftFromMessage,
  draftToInput,
  fieldOfError,
  messageStatus,
  type DraftField,
  type MarqueeDraft,
} from '../../components/marquee/draft';
import { BOARD_LABEL, CATEGORY_LABEL, WEEKDAYS } from '../../components/marquee/labels';
import { formatDateTime } from '../../i18n';
import { useNow } from '../../components/useNow';
import { afterDelete, afterSave, newEditor, signsThatCut, startEdit, startNew, typed, type EditorState } from '../../features/marquee/editor';
import { useStaff } from './state';
import '../../styles/marquee.css';

// Counted as the server and the textarea's maxLength count (UTF-16 units: an emoji takes two), so the hint never says room is left when it is not.
const MAX_TEXT = 300;
const TEXT_FIELDS = [
  { key: 'zh', zh: '中文內容', en: 'Chinese text', lang: 'zh-TW' },
  { key: 'en', zh: '英文內容', en: 'English text', lang: 'en' },
] as const;

export function MarqueePanel({ site, timeZone }: { site: PublicSite; timeZone: string }) {
  const messages = useStaff((s) => s.marqueeMessages);
  const loadError = useStaff((s) => s.marqueeLoadError);
  const loadMarquee = useStaff((s) => s.loadMarquee);
  // The public board changes whenever any message is written or a schedule starts or ends: reload the list then.
  const board = useLiveTopic('marquee');
  useEffect(() => {
    void loadMarquee();
  }, [board, loadMarquee]);

  const [editor, setEditor] = useState<EditorState>(() => newEditor(site));
  const editingId = editor.mode.kind === 'edit' ? editor.mode.id : null;
  // The Edit button sits in the list, maybe far below the form: bring the heading that names the message into view.
  const formTitle = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (editingId !== null) formTitle.current?.scrollIntoView?.({ block: 'nearest' });
  }, [editingId, editor.form]);

  const onEdit = (m: MarqueeMessage) => {
    setEditor((e) => startEdit(e, m, draftFromMessage(m)));
    useStaff.getState().clearMarqueeError();
  };
  const onNew = () => {
    setEditor((e) => startNew(e, site));
    useStaff.getState().clearMarqueeError();
  };

  return (
    <div className="mq-admin" data-testid="marquee-panel">
      <section className="card" aria-labelledby="mq-list-title">
        <div className="card__head">
          <h2 className="card__title" id="mq-list-title">
            <span lang="zh-TW">跑馬燈訊息</span>
            <span lang="en" className="card__title-en">
              Marquee messages
            </span>
          </h2>
          <button type="button" className="btn" onClick={onNew} data-testid="marquee-new">
            新增 New
          </button>
        </div>
        {loadError && (
          <p className="inline-error" role="alert" data-testid="marquee-load-error">
            {loadError}
          </p>
        )}
        {messages === null && !loadError && <p className="muted">載入中… Loading…</p>}
        {messages && messages.length === 0 && (
          <p className="muted" data-testid="marquee-none">
            尚無訊息 · No messages yet
          </p>
        )}
        {messages && messages.length > 0 && (
          <MessageList messages={messages} site={site} timeZone={timeZone} editingId={editingId} onEdit={onEdit} onDeleted={(id) => setEditor((e) => afterDelete(e, id, site))} />
        )}
      </section>

      <section className="card" aria-labelledby="mq-form-title">
        <h2 className="card__title" id="mq-form-title" ref={formTitle}>
          {editingId !== null ? (
            <>
              <span lang="zh-TW">編輯訊息 #{editingId}</span>
              <span lang="en" className="card__title-en">
                Edit message #{editingId}
              </span>
            </>
          ) : (
            <>
              <span lang="zh-TW">新增訊息</span>
              <span lang="en" className="card__title-en">
                New message
              </span>
            </>
          )}
        </h2>
        <MessageForm
          key={editor.form}
          site={site}
          draft={editor.draft}
          setDraft={(d) => setEditor((e) => typed(e, d))}
          editingId={editingId}
          onSaved={(m) => setEditor((e) => afterSave(e, m, site))}
          onCancel={onNew}
          saved={editor.saved}
        />
        <Preview site={site} draft={editor.draft} id={editingId ?? 0} speed={board?.speedPxPerSecond ?? 90} />
      </section>
    </div>
  );
}

function targetsSummary(site: PublicSite, targets: readonly string[]): string {
  return targets
    .map((t) => {
      const [kind, id] = t.split(':') as [string, string];
      if (kind === 'screen') return BOARD_LABEL[id as keyof typeof BOARD_LABEL]?.zh ?? id;
      return site.signs.find((s) => s.id === id)?.name.zh ?? id;
    })
    .join('、');
}

function scheduleSummary(m: MarqueeMessage, timeZone: string): string {
  const parts: string[] = [];
  if (m.startsAt || m.endsAt) {
    parts.push(`${m.startsAt ? formatDateTime(m.startsAt, 'zh-TW', timeZone) : '即日起'} – ${m.endsAt ? formatDateTime(m.endsAt, 'zh-TW', timeZone) : '不限'}`);
  }
  if (m.days.length && m.days.length < 7) parts.push(`星期${m.days.map((d) => WEEKDAYS[d - 1]?.zh ?? d).join('')}`);
  if (m.hoursFrom && m.hoursTo) parts.push(`${m.hoursFrom}–${m.hoursTo}`);
  return parts.length ? parts.join(' · ') : '隨時 Always';
}

function MessageList(props: {
  messages: MarqueeMessage[];
  site: PublicSite;
  timeZone: string;
  editingId: number | null;
  onEdit: (m: MarqueeMessage) => void;
  onDeleted: (id: number) => void;
}) {
  const { messages, site, timeZone, editingId, onEdit, onDeleted } = props;
  const busy = useStaff((s) => s.marqueeBusy);
  const deleteMarquee = useStaff((s) => s.deleteMarquee);
  const [confirming, setConfirming] = useState<number | null>(null);
  const now = useNow(30_000).getTime();
  return (
    <ul className="mq-list" data-testid="marquee-list">
      {messages.map((m) => {
        const status = messageStatus(m, now);
        const label = STATUS_LABEL[status];
        const cat = CATEGORY_LABEL[m.category];
        return (
          <li
            key={m.id}
            className={`mq-row mq-row--${status}${editingId === m.id ? ' mq-row--editing' : ''}`}
            data-testid={`marquee-row-${m.id}`}
            data-status={status}
          >
            <div className="mq-row__badges">
              <span className={`mq-status mq-status--${status}`} data-testid={`marquee-status-${m.id}`}>
                {label.zh} {label.en}
              </span>
            </div>
            <div className="mq-row__text">
              <span>
                <span className={`mq-cat mq__chip--${m.category}`}>
                  {cat.zh} {cat.en}
                </span>{' '}
                <span className="mq-row__meta">
                  優先 Priority {m.priority} · {scheduleSummary(m, timeZone)}
                </span>
              </span>
              <span className="mq-row__zh" lang="zh-TW">
                {m.zh}
              </span>
              <span className="mq-row__en" lang="en">
                {m.en}
              </span>
              <span className="mq-row__meta">
                → {targetsSummary(site, m.targets)} · {m.updatedBy ?? '—'} {formatDateTime(m.updatedAt, 'zh-TW', timeZone)}
              </span>
            </div>
            <div className="mq-row__actions">
              <button type="button" className="btn" onClick={() => onEdit(m)} data-testid={`marquee-edit-${m.id}`}>
                編輯 Edit
              </button>
              {confirming === m.id ? (
                <>
                  <button
                    type="button"
                    className="btn btn--danger"
                    disabled={busy !== null}
                    onClick={async () => {
                      if (await deleteMarquee(m.id)) {
                        setConfirming(null);
                        onDeleted(m.id);
                      }
                    }}
                    data-testid={`marquee-delete-confirm-${m.id}`}
                  >
                    確定刪除 Confirm delete
                  </button>
                  <button type="button" className="btn" onClick={() => setConfirming(null)} data-testid={`marquee-delete-cancel-${m.id}`}>
                    取消 Cancel
                  </button>
                </>
              ) : (
                <button type="button" className="btn" onClick={() => setConfirming(m.id)} data-testid={`marquee-delete-${m.id}`}>
                  刪除 Delete
                </button>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}

function Labelled(props: { zh: string; en: string; children: (id: string) => ReactNode; hint?: string; wide?: boolean }) {
  const id = useId();
  return (
    <div className={`field${props.wide ? ' mq-form__wide' : ''}`}>
      <label htmlFor={id} className="field__label">
        <span lang="zh-TW">{props.zh}</span> <span lang="en">{props.en}</span>
      </label>
      {props.children(id)}
      {props.hint && <span className="field__hint">{props.hint}</span>}
    </div>
  );
}

function MessageForm(props: {
  site: PublicSite;
  draft: MarqueeDraft;
  setDraft: (d: MarqueeDraft) => void;
  editingId: number | null;
  onSaved: (m: MarqueeMessage) => void;
  onCancel: () => void;
  saved: EditorState['saved'];
}) {
  const { site, draft, setDraft, editingId, onSaved, onCancel, saved } = props;
  const busy = useStaff((s) => s.marqueeBusy);
  const serverError = useStaff((s) => s.marqueeError);
  const saveMarquee = useStaff((s) => s.saveMarquee);
  const [localError, setLocalError] = useState<{ message: string; field: DraftField | null } | null>(null);
  const error = localError ?? (serverError ? { message: serverError, field: fieldOfError(serverError) } : null);
  const bad = (f: DraftField) => (error?.field === f ? true : undefined);
  const set = <K extends DraftField>(k: K, v: MarqueeDraft[K]) => {
    setLocalError(null);
    setDraft({ ...draft, [k]: v });
  };
  const toggle = (k: 'days' | 'targets', v: never) => {
    const list = draft[k] as (string | number)[];
    set(k, (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]) as never);
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const result = draftToInput(draft);
    if (result.error !== null) {
      setLocalError({ message: result.error, field: result.field });
      return;
    }
    setLocalError(null);
    const m = await saveMarquee(editingId, result.input);
    if (m) onSaved(m);
  };

  return (
    <form className="mq-form" onSubmit={onSubmit} noValidate data-testid="marquee-form" data-editing={editingId ?? ''}>
      <div className="mq-form__grid">
        {TEXT_FIELDS.map((f) => (
          <Labelled key={f.key} zh={f.zh} en={f.en} wide hint={`${draft[f.key].length} / ${MAX_TEXT}`}>
            {(id) => (
              <textarea
                id={id}
                className="field__input"
                value={draft[f.key]}
                maxLength={MAX_TEXT}
                onChange={(e) => set(f.key, e.target.value)}
                aria-invalid={bad(f.key)}
                lang={f.lang}
                data-testid={`marquee-${f.key}`}
              />
            )}
          </Labelled>
        ))}
        <SignCutWarning site={site} draft={draft} />
        <Labelled zh="類別" en="Category">
          {(id) => (
            <select id={id} className="field__input" value={draft.category} onChange={(e) => set('category', e.target.value as MarqueeDraft['category'])} data-testid="marquee-category">
              {MARQUEE_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {CATEGORY_LABEL[c].zh} {CATEGORY_LABEL[c].en}
                </option>
              ))}
            </select>
          )}
        </Labelled>
        <Labelled zh="優先順序" en="Priority" hint="5 最高、最先播放 · 5 shows first">
          {(id) => (
            <select id={id} className="field__input" value={draft.priority} onChange={(e) => set('priority', Number(e.target.value))} aria-invalid={bad('priority')} data-testid="marquee-priority">
              {[1, 2, 3, 4, 5].map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          )}
        </Labelled>
        <Labelled zh="開始" en="From" hint="空白 = 即日起 · empty = from now">
          {(id) => (
            <input id={id} type="datetime-local" className="field__input" value={draft.startsAt} onChange={(e) => set('startsAt', e.target.value)} aria-invalid={bad('startsAt')} data-testid="marquee-starts" />
          )}
        </Labelled>
        <Labelled zh="結束" en="Until" hint="空白 = 直到刪除 · empty = until deleted">
          {(id) => (
            <input id={id} type="datetime-local" className="field__input" value={draft.endsAt} onChange={(e) => set('endsAt', e.target.value)} aria-invalid={bad('endsAt')} data-testid="marquee-ends" />
          )}
        </Labelled>
        <fieldset className="mq-form__wide" aria-invalid={bad('days')}>
          <legend className="field__label">
            星期 <span lang="en">Days</span> <span className="field__hint">（不勾 = 每天 · none = every day）</span>
          </legend>
          <div className="mq-checks">
            {WEEKDAYS.map((d) => (
              <label key={d.day}>
                <input type="checkbox" checked={draft.days.includes(d.day)} onChange={() => toggle('days', d.day as never)} data-testid={`marquee-day-${d.day}`} />
                {d.zh} <span className="muted">{d.en}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <Labelled zh="每日自" en="Hours from" hint="空白 = 全天 · empty = all day">
          {(id) => (
            <input id={id} type="time" className="field__input" value={draft.hoursFrom} onChange={(e) => set('hoursFrom', e.target.value)} aria-invalid={bad('hoursFrom')} data-testid="marquee-hours-from" />
          )}
        </Labelled>
        <Labelled zh="每日至" en="Hours to">
          {(id) => (
            <input id={id} type="time" className="field__input" value={draft.hoursTo} onChange={(e) => set('hoursTo', e.target.value)} aria-invalid={bad('hoursTo')} data-testid="marquee-hours-to" />
          )}
        </Labelled>
        <fieldset className="mq-form__wide" aria-invalid={bad('targets')}>
          <legend className="field__label">
            播放位置 <span lang="en">Show on</span>
          </legend>
          <div className="mq-checks">
            {MARQUEE_SCREENS.map((s) => (
              <label key={s}>
                <input type="checkbox" checked={draft.targets.includes(`screen:${s}`)} onChange={() => toggle('targets', `screen:${s}` as never)} data-testid={`marquee-target-screen-${s}`} />
                {BOARD_LABEL[s].zh} <span className="muted">{BOARD_LABEL[s].en}</span>
              </label>
            ))}
            {site.signs.map((s) => (
              <label key={s.id}>
                <input type="checkbox" checked={draft.targets.includes(`sign:${s.id}`)} onChange={() => toggle('targets', `sign:${s.id}` as never)} data-testid={`marquee-target-sign-${s.id}`} />
                {s.name.zh} <span className="muted">{s.name.en}</span>{' '}
                <span className="mq-cat mq__chip--other">{s.protocol === 'alpha' ? 'Alpha · English' : 'Onbon BX · 中文'}</span>
              </label>
            ))}
          </div>
        </fieldset>
      </div>
      {error && (
        <p className="inline-error" role="alert" data-testid="marquee-error" data-field={error.field ?? ''}>
          {error.message}
        </p>
      )}
      {saved && !error && (
        <p className="inline-ok" role="status" data-testid="marquee-saved">
          {saved.kind === 'created' ? (
            <>
              <span lang="zh-TW">已新增訊息 #{saved.id}，可再寫下一則</span> · <span lang="en">Message #{saved.id} created; the form is ready for the next one</span>
            </>
          ) : (
            <>
              <span lang="zh-TW">已儲存訊息 #{saved.id}</span> · <span lang="en">Message #{saved.id} saved</span>
            </>
          )}
        </p>
      )}
      <div className="mq-form__buttons">
        <button type="submit" className="btn btn--primary" disabled={busy !== null} data-testid="marquee-save">
          {editingId !== null ? '儲存變更 Save changes' : '新增訊息 Create message'}
        </button>
        {editingId !== null && (
          <button type="button" className="btn" onClick={onCancel} data-testid="marquee-cancel">
            取消編輯 Stop editing
          </button>
        )}
      </div>
    </form>
  );
}

/** Beside the text: each chosen sign that would cut the draft, before it is saved. */
function SignCutWarning({ site, draft }: { site: PublicSite; draft: MarqueeDraft }) {
  const preview = useStaff((s) => s.signPreview);
  const cut = signsThatCut(site, draft, preview);
  // Always in the page, so a screen reader hears the warning come and go as the text is typed.
  return (
    <div className="mq-form__wide" role="status" data-testid="marquee-cut-warning-slot">
      {cut.length > 0 && (
        <p className="mq-cut-warning" data-testid="marquee-cut-warning" data-signs={cut.map((s) => s.id).join(',')} aria-busy={preview.loading || undefined}>
          <span aria-hidden="true" className="mq-cut-warning__icon">
            !
          </span>
          <span>
            <span lang="zh-TW">
              {cut.map((s) => s.name.zh).join('、')}放不下這則訊息，播放時會被截斷；請縮短內容或不要勾選此看板。
            </span>{' '}
            <span lang="en">
              Too long for {cut.map((s) => s.name.en).join(', ')}: the sign will cut it. Shorten the text or untick that sign.
            </span>
          </span>
        </p>
      )}
    </div>
  );
}

/** What each chosen target will show, live as the text is typed. */
function Preview({ site, draft, id, speed }: { site: PublicSite; draft: MarqueeDraft; id: number; speed: number }) {
  const [paused, setPaused] = useState(false);
  const boards = MARQUEE_SCREENS.filter((s) => draft.targets.includes(`screen:${s}`));
  const signs = site.signs.filter((s) => draft.targets.includes(`sign:${s.id}`));
  const empty = draft.zh.trim() === '' && draft.en.trim() === '';
  const items = useMemo(() => [{ id, zh: draft.zh.trim(), en: draft.en.trim(), category: draft.category }], [id, draft.zh, draft.en, draft.category]);
  const signPreview = useStaff((s) => s.signPreview);
  const previewSigns = useStaff((s) => s.previewSigns);
  const anySign = site.signs.length > 0;
  useEffect(() => {
    if (anySign) previewSigns(draft.zh, draft.en);
  }, [anySign, draft.zh, draft.en, previewSigns]);
  // Leaving the editor: nothing pending, and the next one starts blank.
  useEffect(() => () => previewSigns('', ''), [previewSigns]);
  return (
    <div className="mq-preview" data-testid="marquee-preview" aria-label="預覽 Preview">
      <h3 className="card__title">
        <span lang="zh-TW">預覽</span>
        <span lang="en" className="card__title-en">
          Preview
        </span>
      </h3>
      {empty && <p className="mq-preview__note">輸入內容後即可預覽 · Type a message to preview it</p>}
      {!empty && boards.length > 0 && (
        <div className="mq-preview__item" data-testid="marquee-preview-screen" data-boards={boards.join(',')}>
          <span className="mq-preview__label">
            {boards.map((b) => BOARD_LABEL[b].zh).join('、')} <span className="muted">{boards.map((b) => BOARD_LABEL[b].en).join(', ')} (½)</span>
            <button type="button" className="btn" onClick={() => setPaused(!paused)} aria-pressed={paused} data-testid="marquee-preview-pause">
              {paused ? '播放 Play' : '暫停 Pause'}
            </button>
          </span>
          <div className="mq-preview__board">
            <MarqueeStrip items={items} speedPxPerSecond={speed} paused={paused} testId="marquee-preview-band" />
          </div>
        </div>
      )}
      {!empty && signs.length > 0 && signPreview.error && (
        <p className="mq-preview__note mq-preview__note--warn" role="status" data-testid="marquee-preview-signs-error">
          無法取得看板預覽 · The sign preview could not be loaded: {signPreview.error}
        </p>
      )}
      {!empty &&
        signs.map((s) => {
          // The last answer until the next one comes (nothing yet on the very first).
          const p = signPreview.signs?.find((x) => x.id === s.id);
          const replaced = p?.replaced ?? [];
          return (
            <div
              className="mq-preview__item"
              key={s.id}
              data-testid={`marquee-preview-sign-${s.id}`}
              data-protocol={s.protocol}
              data-text={p?.text ?? ''}
              data-too-long={p?.tooLong ? 'true' : undefined}
              data-pending={signPreview.loading || undefined}
              aria-busy={signPreview.loading || undefined}
            >
              <span className="mq-preview__label">
                {s.name.zh} <span className="muted">{s.name.en}</span>
                <span className="mq-cat mq__chip--other">{s.protocol === 'alpha' ? 'Alpha' : 'Onbon BX'}</span>
              </span>
              <LedStrip messages={p ? [p.runs] : []} scroll={!paused} />
              <p className="mq-preview__note">
                {s.protocol === 'alpha'
                  ? '此看板僅有英文字型，只顯示英文內容 · Latin font only: this sign shows the English text alone'
                  : '先顯示中文，再顯示英文 · Chinese first, then English'}
              </p>
              {p?.tooLong && (
                <p className="mq-preview__note mq-preview__note--warn" role="status" data-testid={`marquee-preview-sign-${s.id}-too-long`}>
                  <span lang="zh-TW">此訊息超過看板容量，將被截斷</span> · <span lang="en">Too long for this sign: it will be cut</span>
                </p>
              )}
              {replaced.length > 0 && (
                <p className="mq-preview__note mq-preview__note--warn" data-testid={`marquee-preview-sign-${s.id}-replaced`}>
                  無法顯示的字元將被取代 · Characters the sign cannot show are replaced:{' '}
                  {[...new Map(replaced.map((r) => [r.char, r])).values()].map((r) => `「${r.char}」→ ${r.replacement}`).join('  ')}
                </p>
              )}
            </div>
          );
        })}
    </div>
  );
}
