/**
 * 導覽內容 Guide content: desk staff edit the self-service guide a section at
 * a time as JSON. The server validates the whole guide and names the field
 * it refuses; every change (and reset) is audited there.
 */
import { useEffect, useState } from 'react';
import { GUIDE_SECTIONS, type GuideResponse, type GuideSection, type GuideSectionRequest } from '../../../core/contract';
import { errorMessage } from '../../client/call';
import { useStaff } from './state';

const LABEL: Record<GuideSection, string> = {
  offices: '科室與地圖 Offices and maps',
  procedures: '作業流程 Procedures',
  faq: '常見問題 FAQ',
  online: '線上服務 Online services',
};

export function GuidePanel() {
  const [guide, setGuide] = useState<GuideResponse | null>(null);
  const [section, setSection] = useState<GuideSection>('faq');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
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
    if (guide) setText(JSON.stringify(guide.content[section], null, 2));
    setError(null);
    setSaved(null);
  }, [guide, section]);

  async function save(body: GuideSectionRequest) {
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      const next = await useStaff.getState().saveGuideSection(section, body);
      setGuide(next);
      setSaved('已儲存 Saved');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  function submit() {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      setError(`JSON 格式錯誤 Not valid JSON: ${(e as Error).message}`);
      return;
    }
    void save({ value });
  }

  const edited = guide?.edited.find((e) => e.section === section);
  return (
    <section className="card guide-panel" data-testid="guide-panel" aria-labelledby="guide-panel-title">
      <h2 id="guide-panel-title">導覽內容 Guide content</h2>
      <div className="tabs" role="group" aria-label="段落 Section">
        {GUIDE_SECTIONS.map((s) => (
          <button key={s} type="button" className="tabs__tab" aria-pressed={s === section} onClick={() => setSection(s)} data-testid={`guide-section-${s}`}>
            {LABEL[s]}
          </button>
        ))}
      </div>
      <p className="muted">
        {edited ? `已修改 Edited ${edited.at}${edited.by ? ` · ${edited.by}` : ''}` : '使用站台預設內容 Using the site file'} ·{' '}
        <a href="/guide" target="_blank" rel="noreferrer" data-testid="guide-preview">
          預覽 Preview
        </a>
      </p>
      <label htmlFor="guide-json">JSON：{LABEL[section]}</label>
      <textarea
        id="guide-json"
        className="guide-panel__json"
        rows={24}
        spellCheck={false}
        value={text}
        onChange={(e) => setText(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'guide-json-error' : undefined}
        data-testid="guide-json"
        style={{ width: '100%', fontFamily: 'var(--font-mono)', fontSize: 16 }}
      />
      {error && (
        <p id="guide-json-error" className="inline-error" role="alert" data-testid="guide-json-error">
          {error}
        </p>
      )}
      {saved && (
        <p role="status" data-testid="guide-saved">
          {saved}
        </p>
      )}
      <div className="row">
        <button type="button" className="btn" disabled={busy} onClick={submit} data-testid="guide-save">
          儲存 Save
        </button>
        <button type="button" className="btn btn--secondary" disabled={busy || !edited} onClick={() => void save({ reset: true })} data-testid="guide-reset">
          還原為預設 Reset to the site file
        </button>
      </div>
    </section>
  );
}
