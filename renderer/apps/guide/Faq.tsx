/**
 * 常見問題 FAQ on a touch kiosk, which has no keyboard and no way to type
 * Chinese: the FAQ's own topics as large chips (one tap lists that topic's
 * questions, in either language), and a large A–Z keyboard on screen for an
 * English word. A Chinese word needs no typing: a zhuyin or handwriting pad
 * would be slow and error-prone for the people this screen serves, and a
 * topic chip gets them there in one tap. A real keyboard still types into
 * the box (a browser on a desk, a staff member trying it).
 */
import { useState } from 'react';
import type { Bilingual, GuideFaq, GuideResponse } from '../../../core/contract';
import type { Lang } from '../../i18n';
import { useGuide } from './state';
import { Bi, BiL, label } from './text';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');

/** Every topic the FAQ names, once, in the order the site lists them. */
export function faqTopics(faq: readonly GuideFaq[]): Bilingual[] {
  const seen = new Map<string, Bilingual>();
  for (const f of faq) for (const t of f.topics ?? []) if (!seen.has(t.zh)) seen.set(t.zh, t);
  return [...seen.values()];
}

const both = (k: Parameters<typeof label>[0]) => `${label(k, 'zh-TW')} ${label(k, 'en')}`;

export function Faq({ guide, lang }: { guide: GuideResponse; lang: Lang }) {
  const query = useGuide((s) => s.query);
  const search = useGuide((s) => s.search);
  const searchError = useGuide((s) => s.searchError);
  const topic = useGuide((s) => s.topic);
  const [keyboard, setKeyboard] = useState(false);
  const g = useGuide.getState();
  const topics = faqTopics(guide.content.faq);
  const chosen = topics.find((t) => t.zh === topic) ?? null;
  const items = search ? search.results : chosen ? guide.content.faq.filter((f) => f.topics?.some((t) => t.zh === chosen.zh)) : guide.content.faq;
  const go = () => {
    setKeyboard(false);
    void g.runSearch();
  };
  return (
    <section className="guide-faq" aria-labelledby="faq-title">
      <h2 id="faq-title" className="guide__section-title">
        <BiL k="tab.faq" lang={lang} />
      </h2>
      {topics.length > 0 && (
        <div className="faq-topics" role="group" aria-label={both('byTopic')} data-testid="faq-topics">
          <BiL k="byTopic" lang={lang} className="faq-topics__title bi" as="div" />
          <div className="faq-topics__chips">
            <button type="button" className="topic-chip" aria-pressed={!chosen && !search} onClick={() => g.chooseTopic(null)} data-testid="faq-topic-all">
              <BiL k="allQuestions" lang={lang} className="bi bi--stack" />
            </button>
            {topics.map((t, i) => (
              <button key={t.zh} type="button" className="topic-chip" aria-pressed={chosen?.zh === t.zh} onClick={() => g.chooseTopic(t.zh)} data-testid={`faq-topic-${i}`} data-topic={t.zh}>
                <Bi text={t} lang={lang} className="bi bi--stack" />
              </button>
            ))}
          </div>
        </div>
      )}
      <form
        className="faq-search"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          go();
        }}
      >
        <label htmlFor="faq-q" className="visually-hidden">
          {label('searchLabel', lang)} {label('searchLabel', lang === 'zh-TW' ? 'en' : 'zh-TW')}
        </label>
        <input
          id="faq-q"
          className="faq-search__input"
          type="search"
          value={query}
          maxLength={100}
          placeholder={label('searchLabel', lang)}
          autoComplete="off"
          // While the on-screen keyboard is up, a tablet's own keyboard stays down.
          inputMode={keyboard ? 'none' : undefined}
          onClick={() => setKeyboard(true)}
          onChange={(e) => g.setQuery(e.target.value)}
          data-testid="faq-search"
        />
        <button type="button" className="faq-search__kb" aria-expanded={keyboard} aria-controls="faq-keyboard" onClick={() => setKeyboard(!keyboard)} data-testid="faq-keyboard-toggle">
          <span aria-hidden="true" className="faq-search__kb-icon">
            ⌨
          </span>
          <BiL k="keyboard" lang={lang} className="bi bi--stack" />
        </button>
        <button type="submit" className="faq-search__go" data-testid="faq-search-go">
          <BiL k="search" lang={lang} className="bi bi--stack" />
        </button>
        {query && (
          <button type="button" className="faq-search__clear" onClick={() => g.setQuery('')} data-testid="faq-clear">
            <BiL k="clear" lang={lang} className="bi bi--stack" />
          </button>
        )}
      </form>
      {keyboard && <LetterKeyboard lang={lang} onSearch={go} onHide={() => setKeyboard(false)} />}
      <div role="status" className="faq-count" data-testid="faq-count">
        {searchError ? (
          <span lang="en">{searchError}</span>
        ) : search ? (
          search.results.length ? (
            <BiL k="results" lang={lang} vars={{ n: search.results.length }} />
          ) : (
            <BiL k="noResults" lang={lang} />
          )
        ) : chosen ? (
          <Bi text={{ zh: label('topicCount', 'zh-TW', { topic: chosen.zh, n: items.length }), en: label('topicCount', 'en', { topic: chosen.en, n: items.length }) }} lang={lang} />
        ) : null}
      </div>
      <ul className="faq-list" data-testid="faq-list">
        {items.map((f) => (
          <li key={f.id} className="faq-item" data-testid={`faq-${f.id}`}>
            <h3 className="faq-item__q">
              <Bi text={f.q} lang={lang} className="bi bi--stack" />
            </h3>
            <Bi text={f.a} lang={lang} className="faq-item__a bi bi--stack" as="div" />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A–Z in alphabetical order (easier to find than QWERTY for someone who does not type), space, delete, search. */
function LetterKeyboard({ lang, onSearch, onHide }: { lang: Lang; onSearch: () => void; onHide: () => void }) {
  const g = useGuide.getState();
  return (
    <div className="faq-keyboard" id="faq-keyboard" role="group" aria-label={both('letterKeyboard')} data-testid="faq-keyboard">
      <div className="faq-keyboard__letters">
        {LETTERS.map((l) => (
          <button key={l} type="button" className="faq-key" onClick={() => g.typeKey(l.toLowerCase())} data-testid={`faq-key-${l}`}>
            {l}
          </button>
        ))}
        <button type="button" className="faq-key faq-key--back" aria-label={both('backspace')} onClick={() => g.typeKey('backspace')} data-testid="faq-key-back">
          <span aria-hidden="true">⌫</span>
        </button>
      </div>
      <div className="faq-keyboard__actions">
        <button type="button" className="faq-key faq-key--wide" onClick={() => g.typeKey(' ')} data-testid="faq-key-space">
          <BiL k="space" lang={lang} className="bi bi--stack" />
        </button>
        <button type="button" className="faq-key faq-key--wide" onClick={onHide} data-testid="faq-key-hide">
          <BiL k="hideKeyboard" lang={lang} className="bi bi--stack" />
        </button>
        <button type="button" className="faq-key faq-key--go" onClick={onSearch} data-testid="faq-key-search">
          <BiL k="search" lang={lang} className="bi bi--stack" />
        </button>
      </div>
    </div>
  );
}
