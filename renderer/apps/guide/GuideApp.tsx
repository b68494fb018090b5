import { useEffect, useRef } from 'react';
import type { GuideProcedure, GuideResponse, GuideRoute } from '../../../core/contract';
import { Agency } from '../../components/Agency';
import { LangToggle } from '../../components/LangToggle';
import { QrImage } from '../../components/QrImage';
import { IdleGuard, MannerToggles } from '../../components/kiosk-manners';
import { LANG_TAG, type Lang } from '../../i18n';
import { Faq } from './Faq';
import { FloorMap } from './FloorMap';
import { GUIDE_TABS, chosenRoute, type GuideTab } from '../../features/guide/slice';
import { useGuide } from './state';
import { Bi, BiL, label, pick } from './text';
import '../../styles/guide.css';

export function GuideApp() {
  const lang = useGuide((s) => s.lang);
  const setLang = useGuide((s) => s.setLang);
  const site = useGuide((s) => s.site);
  const guide = useGuide((s) => s.guide);
  const error = useGuide((s) => s.error);
  const tab = useGuide((s) => s.tab);

  return (
    <div className="guide" data-testid="guide" data-lang={lang} data-tab={tab}>
      <header className="guide__head">
        <div className="guide__brand">
          <Agency site={site} className="guide-agency" />
          <BiL k="title" lang={lang} className="guide__title" />
        </div>
        <div className="guide__controls">
          <MannerToggles lang={lang} />
          <LangToggle lang={lang} onChange={setLang} className="guide__lang" />
          <a className="guide__home" href="/kiosk" data-testid="guide-home">
            <span aria-hidden="true" className="guide__home-icon">
              ⌂
            </span>
            <BiL k="home" lang={lang} className="bi bi--stack" />
          </a>
        </div>
      </header>
      <nav className="guide__tabs" aria-label="導覽 Guide sections">
        {GUIDE_TABS.map((t) => (
          <button
            key={t}
            type="button"
            className="guide__tab"
            aria-current={tab === t ? 'page' : undefined}
            data-testid={`guide-tab-${t}`}
            onClick={() => useGuide.getState().setTab(t)}
          >
            <BiL k={`tab.${t}` as const} lang={lang} className="bi bi--stack" />
          </button>
        ))}
      </nav>
      <main className="guide__main" id="guide-main" tabIndex={0}>
        {!guide ? (
          <p className="guide__notice" role={error ? 'alert' : 'status'}>
            <BiL k={error ? 'offline' : 'loading'} lang={lang} className="bi bi--stack" />
          </p>
        ) : (
          <Panel tab={tab} guide={guide} lang={lang} />
        )}
      </main>
      <IdleGuard
        lang={lang}
        active
        onTimeout={() => {
          useGuide.getState().home();
          // Back to the kiosk's home screen: the next citizen starts there.
          location.assign('/kiosk');
        }}
      />
    </div>
  );
}

function Panel({ tab, guide, lang }: { tab: GuideTab; guide: GuideResponse; lang: Lang }) {
  if (tab === 'procedures') return <Procedures guide={guide} lang={lang} />;
  if (tab === 'faq') return <Faq guide={guide} lang={lang} />;
  if (tab === 'online') return <Online guide={guide} lang={lang} />;
  return <MapPanel guide={guide} lang={lang} />;
}

function MapPanel({ guide, lang }: { guide: GuideResponse; lang: Lang }) {
  const floorId = useGuide((s) => s.floor);
  const officeId = useGuide((s) => s.officeId);
  const stairs = useGuide((s) => s.stairs);
  const section = guide.content.offices;
  const floors = [...section.floors].sort((a, b) => a.level - b.level);
  const floor = floors.find((f) => f.id === floorId) ?? floors[0]!;
  const way = officeId ? chosenRoute(guide, officeId, stairs) : null;
  const route = way?.route ?? null;
  const office = section.offices.find((o) => o.id === officeId) ?? null;
  const onRoute = new Set(route?.legs.map((l) => l.floor) ?? []);
  const select = (id: string) => useGuide.getState().selectOffice(id);

  return (
    <section className="guide-map" aria-labelledby="map-title">
      <h2 id="map-title" className="visually-hidden">
        {label('tab.map', lang)} {label('tab.map', lang === 'zh-TW' ? 'en' : 'zh-TW')}
      </h2>
      <div className="guide-map__floors" role="group" aria-label={`${label('floorShown', 'zh-TW')} ${label('floorShown', 'en')}`}>
        {floors.map((f) => (
          <button
            key={f.id}
            type="button"
            className={`floor-btn${onRoute.has(f.id) ? ' floor-btn--route' : ''}`}
            aria-pressed={f.id === floor.id}
            data-testid={`floor-${f.id}`}
            onClick={() => useGuide.getState().showFloor(f.id)}
          >
            <Bi text={f.name} lang={lang} className="bi bi--stack" />
          </button>
        ))}
      </div>
      <div className="guide-map__canvas">
        <FloorMap guide={guide} floor={floor} lang={lang} officeId={officeId} route={route} onSelect={select} />
      </div>
      <div className="guide-map__side">
        {office ? (
          <OfficeCard guide={guide} lang={lang} route={route} stairs={stairs} stepFree={way?.stepFree ?? true} />
        ) : (
          <BiL k="chooseOffice" lang={lang} className="guide-map__hint bi bi--stack" as="div" />
        )}
        <h3 className="guide-map__list-title">
          <BiL k="offices" lang={lang} />
        </h3>
        <ul className="office-list">
          {floors.map((f) =>
            section.offices
              .filter((o) => o.floor === f.id)
              .map((o) => (
                <li key={o.id}>
                  <button type="button" className="office-btn" aria-pressed={o.id === officeId} data-testid={`office-${o.id}`} onClick={() => select(o.id)}>
                    <span className="office-btn__floor" lang={LANG_TAG[lang]}>
                      {pick(f.name, lang)}
                    </span>
                    <Bi text={o.name} lang={lang} className="bi bi--stack" />
                  </button>
                </li>
              )),
          )}
        </ul>
      </div>
    </section>
  );
}

function floorName(guide: GuideResponse, id: string, lang: Lang): string {
  const f = guide.content.offices.floors.find((x) => x.id === id);
  return f ? pick(f.name, lang) : id;
}

/** "3rd floor" reads "the 3rd floor" in a sentence; a floor named otherwise ("B1", "Mezzanine") stays as named. */
function floorInSentence(guide: GuideResponse, id: string, lang: Lang): string {
  const name = floorName(guide, id, lang);
  return lang === 'en' && /\bfloor$/i.test(name) ? `the ${name}` : name;
}

/** The floor changes as one sentence: "搭電梯到三樓" / "Take the lift to the 3rd floor". */
export function routeSentence(guide: GuideResponse, route: GuideRoute, lang: Lang): string {
  if (route.changes.length === 0) return label('sameFloor', lang);
  return route.changes
    .map((c, i) => label(i === 0 ? c.kind : (`${c.kind}.then` as const), lang, { floor: floorInSentence(guide, c.to, lang) }))
    .join(lang === 'zh-TW' ? '，' : ', ');
}

function RouteSteps({ guide, route, lang }: { guide: GuideResponse; route: GuideRoute; lang: Lang }) {
  const say = (l: Lang) => routeSentence(guide, route, l);
  return (
    <p className="office-card__route" data-testid="route-summary" data-changes={route.changes.length}>
      <span lang={LANG_TAG[lang]} className="bi__primary">
        {say(lang)}
      </span>{' '}
      <span lang={LANG_TAG[lang === 'zh-TW' ? 'en' : 'zh-TW']} className="bi__secondary">
        {say(lang === 'zh-TW' ? 'en' : 'zh-TW')}
      </span>
    </p>
  );
}

function OfficeCard({ guide, lang, route, stairs, stepFree }: { guide: GuideResponse; lang: Lang; route: GuideRoute | null; stairs: boolean; stepFree: boolean }) {
  const officeId = useGuide((s) => s.officeId);
  const office = guide.content.offices.offices.find((o) => o.id === officeId)!;
  // Only a way the stairs could take has a choice to make (not one on this floor).
  const stairsDiffer = (guide.routes[office.id]?.changes ?? []).some((c) => c.kind === 'stairs');
  const floorHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => floorHeading.current?.focus({ preventScroll: true }), [officeId]);
  return (
    <article className="office-card" data-testid="office-card" data-office={office.id} aria-live="polite">
      <h3 className="office-card__name" ref={floorHeading} tabIndex={-1}>
        <Bi text={office.name} lang={lang} className="bi bi--stack" />
      </h3>
      {route ? <RouteSteps guide={guide} route={route} lang={lang} /> : <BiL k="noRoute" lang={lang} className="office-card__route bi bi--stack" as="div" />}
      {route && route.legs.length > 1 && (
        <div className="office-card__legs" role="group" aria-label={`${label('routeFloors', 'zh-TW')} ${label('routeFloors', 'en')}`}>
          {route.legs.map((l, i) => (
            <button key={l.floor} type="button" className="leg-btn" data-testid={`leg-${l.floor}`} onClick={() => useGuide.getState().showFloor(l.floor)}>
              <span aria-hidden="true">{i + 1}</span> <span lang={LANG_TAG[lang]}>{floorName(guide, l.floor, lang)}</span>
            </button>
          ))}
        </div>
      )}
      {route && !stepFree && <BiL k="noStepFree" lang={lang} className="office-card__warn bi bi--stack" as="div" />}
      {stairsDiffer && <WayChoice lang={lang} stairs={stairs} />}
      <dl className="office-card__facts">
        <dt>
          <BiL k="about" lang={lang} />
        </dt>
        <dd data-testid="office-about">
          <Bi text={office.about} lang={lang} className="bi bi--stack" />
        </dd>
        <dt>
          <BiL k="hours" lang={lang} />
        </dt>
        <dd data-testid="office-hours">
          <Bi text={office.hours} lang={lang} className="bi bi--stack" />
        </dd>
        {office.extension && (
          <>
            <dt>
              <BiL k="phone" lang={lang} />
            </dt>
            <dd className="num" data-testid="office-extension">
              {office.extension}
            </dd>
          </>
        )}
      </dl>
    </article>
  );
}

/** Lift or stairs, as two buttons side by side (the kiosk's language switch asks the same way); the lift is chosen first. */
function WayChoice({ lang, stairs }: { lang: Lang; stairs: boolean }) {
  const set = (on: boolean) => useGuide.getState().setStairs(on);
  return (
    <div className="way-choice" role="group" aria-label={`${label('wayBetweenFloors', 'zh-TW')} ${label('wayBetweenFloors', 'en')}`} data-testid="way-choice">
      <BiL k="wayBetweenFloors" lang={lang} className="way-choice__title bi" as="div" />
      <div className="way-choice__buttons">
        <button type="button" className="way-btn" aria-pressed={!stairs} onClick={() => set(false)} data-testid="way-lift">
          <span aria-hidden="true" className="way-btn__icon">
            ⇅
          </span>
          <BiL k="byLift" lang={lang} className="bi bi--stack" />
        </button>
        <button type="button" className="way-btn" aria-pressed={stairs} onClick={() => set(true)} data-testid="way-stairs">
          <span aria-hidden="true" className="way-btn__icon">
            ≣
          </span>
          <BiL k="byStairs" lang={lang} className="bi bi--stack" />
        </button>
      </div>
    </div>
  );
}

function Procedures({ guide, lang }: { guide: GuideResponse; lang: Lang }) {
  const procedureId = useGuide((s) => s.procedureId);
  const procedure = guide.content.procedures.find((p) => p.id === procedureId) ?? null;
  if (!procedure) {
    return (
      <section className="guide-procs" aria-labelledby="procs-title">
        <h2 id="procs-title" className="guide__section-title">
          <BiL k="tab.procedures" lang={lang} />
        </h2>
        <ul className="proc-list">
          {guide.content.procedures.map((p) => (
            <li key={p.id}>
              <button type="button" className="proc-btn" data-testid={`procedure-${p.id}`} onClick={() => useGuide.getState().openProcedure(p.id)}>
                <Bi text={p.title} lang={lang} className="proc-btn__title bi bi--stack" />
                <Bi text={p.summary} lang={lang} className="proc-btn__summary bi bi--stack" />
              </button>
            </li>
          ))}
        </ul>
      </section>
    );
  }
  return <ProcedureFlow guide={guide} procedure={procedure} lang={lang} />;
}

function ProcedureFlow({ guide, procedure, lang }: { guide: GuideResponse; procedure: GuideProcedure; lang: Lang }) {
  const step = Math.min(useGuide((s) => s.step), procedure.steps.length - 1);
  const current = procedure.steps[step]!;
  const office = current.officeId ? guide.content.offices.offices.find((o) => o.id === current.officeId) : undefined;
  const g = useGuide.getState();
  return (
    <section className="proc-flow" aria-labelledby="proc-title" data-testid="procedure-flow" data-procedure={procedure.id} data-step={step + 1}>
      <button type="button" className="back-btn" onClick={() => g.openProcedure(null)} data-testid="procedure-back">
        <span aria-hidden="true">‹ </span>
        <BiL k="allProcedures" lang={lang} />
      </button>
      <h2 id="proc-title" className="guide__section-title">
        <Bi text={procedure.title} lang={lang} className="bi bi--stack" />
      </h2>
      <Bi text={procedure.summary} lang={lang} className="proc-flow__summary bi bi--stack" as="div" />
      <div className="proc-flow__facts">
        <div className="proc-flow__bring">
          <h3>
            <BiL k="bring" lang={lang} />
          </h3>
          <ul>
            {procedure.bring.map((b, i) => (
              <li key={i}>
                <Bi text={b} lang={lang} className="bi bi--stack" />
              </li>
            ))}
          </ul>
        </div>
        <div className="proc-flow__duration">
          <h3>
            <BiL k="duration" lang={lang} />
          </h3>
          <Bi text={procedure.duration} lang={lang} className="bi bi--stack" as="div" />
        </div>
      </div>
      <ol className="proc-steps" aria-label={`${label('stepOf', 'zh-TW', { n: step + 1, m: procedure.steps.length })} ${label('stepOf', 'en', { n: step + 1, m: procedure.steps.length })}`}>
        {procedure.steps.map((s, i) => (
          <li key={i} className={`proc-steps__item${i === step ? ' proc-steps__item--current' : i < step ? ' proc-steps__item--done' : ''}`} aria-current={i === step ? 'step' : undefined}>
            <button type="button" onClick={() => g.setStep(i)} data-testid={`step-dot-${i + 1}`}>
              <span className="proc-steps__n">{i + 1}</span>
              <span className="visually-hidden">{pick(s.text, lang)}</span>
            </button>
          </li>
        ))}
      </ol>
      <article className="step-card" data-testid="step-card" aria-live="polite">
        <BiL k="stepOf" lang={lang} vars={{ n: step + 1, m: procedure.steps.length }} className="step-card__count bi" as="div" />
        <Bi text={current.text} lang={lang} className="step-card__text bi bi--stack" as="div" />
        {office && (
          <div className="step-card__where">
            <BiL k="where" lang={lang} className="step-card__label bi" as="div" />
            <Bi text={office.name} lang={lang} className="bi bi--stack" as="div" />
            <button type="button" className="btn-secondary" data-testid="step-show-map" onClick={() => g.selectOffice(office.id)}>
              <BiL k="showMap" lang={lang} />
            </button>
          </div>
        )}
        {current.bring && current.bring.length > 0 && (
          <ul className="step-card__bring">
            {current.bring.map((b, i) => (
              <li key={i}>
                <Bi text={b} lang={lang} />
              </li>
            ))}
          </ul>
        )}
        {current.minutes !== undefined && <BiL k="minutes" lang={lang} vars={{ n: current.minutes }} className="step-card__minutes bi" as="div" />}
      </article>
      <div className="proc-flow__nav">
        <button type="button" className="nav-btn" disabled={step === 0} onClick={() => g.setStep(step - 1)} data-testid="step-prev">
          <span aria-hidden="true">← </span>
          <BiL k="prev" lang={lang} />
        </button>
        <button type="button" className="nav-btn nav-btn--primary" disabled={step >= procedure.steps.length - 1} onClick={() => g.setStep(step + 1)} data-testid="step-next">
          <BiL k="next" lang={lang} />
          <span aria-hidden="true"> →</span>
        </button>
      </div>
    </section>
  );
}

function Online({ guide, lang }: { guide: GuideResponse; lang: Lang }) {
  return (
    <section className="guide-online" aria-labelledby="online-title">
      <h2 id="online-title" className="guide__section-title">
        <BiL k="tab.online" lang={lang} />
      </h2>
      <BiL k="scan" lang={lang} className="guide-online__hint bi bi--stack" as="div" />
      <ul className="online-list">
        {guide.content.online.map((o) => (
          <li key={o.id} className="online-card" data-testid={`online-${o.id}`}>
            <QrImage payload={o.url} modulePx={7} alt={`QR code: ${o.name.zh} ${o.name.en}`} className="online-card__qr" testId={`qr-${o.id}`} />
            <div className="online-card__text">
              <h3 className="online-card__name">
                <Bi text={o.name} lang={lang} className="bi bi--stack" />
              </h3>
              <Bi text={o.description} lang={lang} className="online-card__desc bi bi--stack" as="div" />
              <div className="online-card__url" lang="en">
                {o.url.replace(/^https?:\/\//, '').replace(/\/$/, '')}
              </div>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
