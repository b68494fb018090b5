/**
 * 導覽內容 Guide content: desk staff edit the self-service guide with forms,
 * a section at a time — offices (floor from a list, place on the floor map),
 * procedures and their steps, FAQ, online services. Every text is entered in
 * Chinese and English side by side; each problem shows at its field in both
 * languages, checked by the contract's own schemas before anything is sent.
 * The server checks again, saves the section and audits it (and a reset).
 * Each section keeps its draft while staff look at another.
 */
import { useEffect, useState } from 'react';
import { GUIDE_SECTIONS, type GuideResponse, type GuideSection, type GuideSectionRequest } from '../../../core/contract';
import { errorMessage } from '../../client/call';
import { DEFAULT_TIME_ZONE, formatDateTime } from '../../i18n';
import { LabelText, type Label } from './GuideFields';
import { FaqEditor, OnlineEditor, ProceduresEditor } from './GuideListEditors';
import { OfficesEditor } from './GuideOfficesEditor';
import { draftErrors, tidy, type FieldErrors, type SectionValue } from './guideDraft';
import { useStaff } from './state';
import '../../styles/guide-editor.css';

const LABEL: Record<GuideSection, Label> = {
  offices: { zh: '科室與地圖', en: 'Offices and maps' },
  procedures: { zh: '作業流程', en: 'Procedures' },
  faq: { zh: '常見問題', en: 'FAQ' },
  online: { zh: '線上服務', en: 'Online services' },
};

type Drafts = { [S in GuideSection]?: SectionValue<S> };
/** JSON with keys sorted: a form rebuilds objects in its own key order. */
function stable(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b))) : x));
}
const same = (a: unknown, b: unknown) => stable(a) === stable(b);

export function GuidePanel() {
  const timeZone = useStaff((s) => s.site?.timeZone ?? DEFAULT_TIME_ZONE);
  const [guide, setGuide] = useState<GuideResponse | null>(null);
  const [section, setSection] = useState<GuideSection>('faq');
  const [drafts, setDrafts] = useState<Drafts>({});
  // Problems show once staff have tried to save a section: a new blank item is not an error yet.
  const [tried, setTried] = useState<Partial<Record<GuideSection, boolean>>>({});
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<Label | null>(null);
  const [confirmReset, setConfirmReset] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    // The staff answer names who edited each section; the public /api/guide does not.
    useStaff
      .getState()
      .fetchStaffGuide()
      .then(setGuide)
      .catch((e: unknown) => setError(errorMessage(e)));
  }, []);
  useEffect(() => {
    setError(null);
    setSaved(null);
    setConfirmReset(false);
  }, [section]);

  if (!guide) {
    return (
      <section className="card guide-panel" data-testid="guide-panel" aria-labelledby="guide-panel-title">
        <h2 id="guide-panel-title">導覽內容 Guide content</h2>
        {error ? (
          <p className="inline-error" role="alert">
            {error}
          </p>
        ) : (
          <p className="muted">載入中… Loading…</p>
        )}
      </section>
    );
  }

  const saved$ = guide.content;
  const draftOf = <S extends GuideSection>(s: S): SectionValue<S> => (drafts[s] as SectionValue<S> | undefined) ?? saved$[s];
  const dirty = (s: GuideSection) => drafts[s] !== undefined && !same(tidy(s, draftOf(s)), saved$[s]);
  const errors: FieldErrors = tried[section] ? draftErrors(section, tidy(section, draftOf(section)), saved$) : new Map();
  const setDraft = <S extends GuideSection>(s: S, v: SectionValue<S>) => {
    setSaved(null);
    setDrafts((d) => ({ ...d, [s]: v }));
  };

  async function send(body: GuideSectionRequest, done: Label) {
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      const next = await useStaff.getState().saveGuideSection(section, body);
      setGuide(next);
      setDrafts((d) => ({ ...d, [section]: undefined }));
      setTried((t) => ({ ...t, [section]: false }));
      setSaved(done);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
      setConfirmReset(false);
    }
  }

  function save() {
    const value = tidy(section, draftOf(section));
    setTried((t) => ({ ...t, [section]: true }));
    const problems = draftErrors(section, value, saved$);
    if (problems.size) {
      setSaved(null);
      setError(null);
      return;
    }
    void send({ value }, { zh: `已儲存「${LABEL[section].zh}」，導覽畫面已更新`, en: `${LABEL[section].en} saved; the guide shows it now` });
  }

  const edited = guide.edited.find((e) => e.section === section);
  // Problems in another section that this draft causes (a step naming a removed office), keyed '@section.…'.
  const elsewhere = [...errors].filter(([k]) => k.startsWith('@'));
  return (
    <section className="card guide-panel" data-testid="guide-panel" data-section={section} aria-labelledby="guide-panel-title">
      <h2 id="guide-panel-title" className="card__title">
        <span lang="zh-TW">導覽內容</span>
        <span lang="en" className="card__title-en">
          Guide content
        </span>
      </h2>
      <div className="tabs ge-tabs" role="group" aria-label="段落 Section">
        {GUIDE_SECTIONS.map((s) => (
          <button key={s} type="button" className="tabs__tab" aria-pressed={s === section} onClick={() => setSection(s)} data-testid={`guide-section-${s}`}>
            <LabelText label={LABEL[s]} />
            {dirty(s) && (
              <span className="ge-unsaved" data-testid={`guide-unsaved-${s}`}>
                {' '}
                ● 未儲存 Unsaved
              </span>
            )}
          </button>
        ))}
      </div>
      <p className="muted" data-testid="guide-edited">
        {edited ? (
          <>
            <span lang="zh-TW">
              {formatDateTime(edited.at, 'zh-TW', timeZone)} 由 {edited.by ?? '（已刪除的帳號）'} 修改
            </span>{' '}
            <span lang="en">
              Edited {formatDateTime(edited.at, 'en', timeZone)} by {edited.by ?? '(a removed account)'}
            </span>
          </>
        ) : (
          <LabelText label={{ zh: '使用站台預設內容', en: "Using the site's default content" }} />
        )}{' '}
        ·{' '}
        <a href="/guide" target="_blank" rel="noreferrer" data-testid="guide-preview">
          預覽導覽畫面 Preview the guide
        </a>
      </p>

      {section === 'offices' && <OfficesEditor value={draftOf('offices')} onChange={(v) => setDraft('offices', v)} errors={errors} content={saved$} />}
      {section === 'procedures' && <ProceduresEditor value={draftOf('procedures')} onChange={(v) => setDraft('procedures', v)} errors={errors} content={saved$} />}
      {section === 'faq' && <FaqEditor value={draftOf('faq')} onChange={(v) => setDraft('faq', v)} errors={errors} content={saved$} />}
      {section === 'online' && <OnlineEditor value={draftOf('online')} onChange={(v) => setDraft('online', v)} errors={errors} content={saved$} />}

      <div className="ge-footer">
        {errors.size > 0 && (
          <div className="inline-error" role="alert" data-testid="guide-problems">
            <span lang="zh-TW">尚有 {errors.size} 處待修正，請看標示的欄位；未儲存。</span>{' '}
            <span lang="en">{errors.size === 1 ? '1 field needs fixing' : `${errors.size} fields need fixing`} (marked); nothing was saved.</span>
            {elsewhere.length > 0 && (
              <ul>
                {elsewhere.map(([k, m]) => (
                  <li key={k}>
                    <span lang="zh-TW">{m.zh}</span> <span lang="en">{m.en}</span> <span className="mono small">({k.slice(1)})</span>
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        {error && (
          <p className="inline-error" role="alert" data-testid="guide-save-error">
            {error}
          </p>
        )}
        {saved && (
          <p className="inline-ok" role="status" data-testid="guide-saved">
            <LabelText label={saved} />
          </p>
        )}
        <div className="ge-footer__buttons">
          <button type="button" className="btn btn--primary" disabled={busy} onClick={save} data-testid="guide-save">
            儲存「{LABEL[section].zh}」 Save {LABEL[section].en}
          </button>
          {dirty(section) && (
            <button
              type="button"
              className="btn"
              disabled={busy}
              onClick={() => {
                setDrafts((d) => ({ ...d, [section]: undefined }));
                setTried((t) => ({ ...t, [section]: false }));
              }}
              data-testid="guide-discard"
            >
              放棄修改 Discard changes
            </button>
          )}
          {!confirmReset ? (
            <button type="button" className="btn" disabled={busy || !edited} onClick={() => setConfirmReset(true)} data-testid="guide-reset">
              還原為站台預設 Reset to the site's default
            </button>
          ) : (
            <span className="ge-confirm" role="group" aria-label="確認還原 Confirm reset">
              <span>
                <span lang="zh-TW">「{LABEL[section].zh}」將改回站台預設內容，確定嗎？</span>{' '}
                <span lang="en">Put {LABEL[section].en} back to the site's default?</span>
              </span>
              <button
                type="button"
                className="btn ge-btn--danger"
                disabled={busy}
                onClick={() => void send({ reset: true }, { zh: `「${LABEL[section].zh}」已還原為站台預設`, en: `${LABEL[section].en} is back to the site's default` })}
                data-testid="guide-reset-confirm"
              >
                確定還原 Reset
              </button>
              <button type="button" className="btn" onClick={() => setConfirmReset(false)} data-testid="guide-reset-cancel">
                取消 Cancel
              </button>
            </span>
          )}
        </div>
      </div>
    </section>
  );
}
