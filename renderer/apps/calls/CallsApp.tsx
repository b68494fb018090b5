import { useEffect } from 'react';
import type { Bilingual, Call, PublicSite, QueueBoard } from '../../../core/contract';
import { announcedAttr } from '../../audio/announcer';
import { Agency } from '../../components/Agency';
import { Clock } from '../../components/Clock';
import { ConnectionMark } from '../../components/ConnectionMark';
import { MarqueeBand } from '../../components/marquee/MarqueeBand';
import { both } from '../../i18n';
import { useCalls } from './state';
import '../../styles/calls.css';

const RECENT_ROWS = 5;

/** Newest first: call ids grow with every call, recalls included. */
export function sortCalls(calls: readonly Call[]): Call[] {
  return [...calls].sort((a, b) => b.id - a.id);
}

/** The counter as the site names it ("1 號窗口" at a prison), else "N 號櫃台". */
export function counterName(site: PublicSite | null, call: Pick<Call, 'counterId' | 'counterNumber'>): Bilingual {
  const counter = site?.counters.find((c) => c.id === call.counterId);
  return counter?.name ?? both('common.counter', { n: call.counterNumber });
}

export function CallsApp() {
  const site = useCalls((s) => s.site);
  const board = useCalls((s) => s.snapshots['queue.board']);
  const connection = useCalls((s) => s.connection);
  const calls = sortCalls(board?.recentCalls ?? []);
  const latest = calls[0] ?? null;
  const recent = calls.slice(1, 1 + RECENT_ROWS);

  return (
    <div className="canvas-host">
      <div className="calls" data-testid="calls-board">
        <header className="calls__head">
          <Agency site={site} />
          <Clock timeZone={site?.timeZone} layout="row" />
        </header>
        <main className="calls__main">
          <Latest site={site} call={latest} loading={!board} />
          <Recent site={site} calls={recent} />
        </main>
        <Waiting site={site} board={board ?? null} />
        {/* The marquee band: staff messages for this board, live (empty list → nothing shown). */}
        <div className="calls__marquee" data-testid="marquee-slot">
          <MarqueeBand screen="calls" />
        </div>
        <ConnectionMark status={connection} />
        <SoundUnlock />
        <AnnounceLog />
      </div>
    </div>
  );
}

function Pair({ text, className }: { text: Bilingual; className: string }) {
  return (
    <span className={className}>
      <span lang="zh-TW" className={`${className}-zh`}>
        {text.zh}
      </span>
      <span lang="en" className={`${className}-en`}>
        {text.en}
      </span>
    </span>
  );
}

function Marks({ call, block, testPrefix }: { call: Call; block: string; testPrefix?: string }) {
  if (!call.recall && !call.priority) return null;
  return (
    <span className={`${block}__marks`}>
      {call.recall && (
        <span className="mark mark--recall" data-testid={testPrefix ? `${testPrefix}-recall` : undefined}>
          <span lang="zh-TW">{both('calls.recall').zh}</span> <span lang="en">{both('calls.recall').en}</span>
        </span>
      )}
      {call.priority && (
        <span className="mark mark--priority" data-testid={testPrefix ? `${testPrefix}-priority` : undefined}>
          <span lang="zh-TW">{both('calls.priority').zh}</span> <span lang="en">{both('calls.priority').en}</span>
        </span>
      )}
    </span>
  );
}

function Latest({ site, call, loading }: { site: PublicSite | null; call: Call | null; loading: boolean }) {
  const title = both('calls.nowCalling');
  return (
    <section className="latest" aria-live="assertive" aria-atomic="true" aria-labelledby="latest-title">
      <h2 className="latest__title" id="latest-title">
        <span lang="zh-TW">{title.zh}</span>
        <span lang="en">{title.en}</span>
      </h2>
      {call ? (
        // keyed by the call id: every new call (a recall too) remounts and plays the highlight
        <div
          className={`latest__call${call.recall ? ' latest__call--recall' : ''}`}
          key={call.id}
          data-testid="latest-call"
          data-call-id={call.id}
          data-recall={call.recall}
          data-priority={call.priority}
        >
          <div className="latest__flash" aria-hidden="true" />
          <div className="latest__row">
            <div className="latest__number num" data-testid="latest-number">
              {call.number}
            </div>
            <Marks call={call} block="latest" testPrefix="latest" />
          </div>
          <div className="latest__to" data-testid="latest-counter" data-counter-number={call.counterNumber}>
            <span className="latest__arrow" aria-hidden="true">
              →
            </span>
            <Pair text={counterName(site, call)} className="latest__counter" />
          </div>
        </div>
      ) : (
        <div className="latest__empty" data-testid="latest-empty">
          {!loading && (
            <>
              <span lang="zh-TW">{both('calls.noCalls').zh}</span>
              <span lang="en">{both('calls.noCalls').en}</span>
            </>
          )}
        </div>
      )}
    </section>
  );
}

function Recent({ site, calls }: { site: PublicSite | null; calls: Call[] }) {
  const title = both('calls.recent');
  return (
    <section className="recent" aria-labelledby="recent-title">
      <h2 className="recent__title" id="recent-title">
        <span lang="zh-TW">{title.zh}</span>
        <span lang="en">{title.en}</span>
      </h2>
      <ol className="recent__list" data-testid="recent-calls">
        {calls.map((c) => (
          <li className="recent__row" key={c.id} data-call-id={c.id} data-recall={c.recall} data-priority={c.priority}>
            <span className="recent__number num">{c.number}</span>
            <span className="recent__arrow" aria-hidden="true">
              →
            </span>
            <Pair text={counterName(site, c)} className="recent__counter" />
            <Marks call={c} block="recent" />
          </li>
        ))}
      </ol>
    </section>
  );
}

function Waiting({ site, board }: { site: PublicSite | null; board: QueueBoard | null }) {
  const title = both('calls.waiting');
  const services = site?.services ?? [];
  return (
    <section className="waiting" aria-labelledby="waiting-title">
      <h2 className="waiting__title" id="waiting-title">
        <span lang="zh-TW">{title.zh}</span>
        <span lang="en">{title.en}</span>
      </h2>
      <ul className={`waiting__list waiting__list--n${Math.min(services.length, 8)}`}>
        {services.map((svc) => {
          const row = board?.services.find((b) => b.serviceId === svc.id);
          const closed = row ? !row.open : false;
          const minutes = row && row.open ? row.estimatedWaitMinutes : null;
          return (
            <li
              className={`waiting__item${closed ? ' waiting__item--closed' : ''}`}
              key={svc.id}
              data-testid={`service-row-${svc.id}`}
              data-open={row ? row.open : ''}
            >
              <span className="waiting__prefix" aria-hidden="true">
                {svc.prefix}
              </span>
              <span className="waiting__name">
                <span lang="zh-TW" className="waiting__name-zh">
                  {svc.name.zh}
                </span>
                <span lang="en" className="waiting__name-en">
                  {svc.name.en}
                </span>
              </span>
              <span className="waiting__count">
                <span className="waiting__count-n num" data-testid={`waiting-${svc.id}`}>
                  {row ? row.waiting : '–'}
                </span>
                {closed ? (
                  <span className="waiting__note waiting__note--closed" data-testid={`closed-${svc.id}`}>
                    <span lang="zh-TW">{both('calls.closed').zh}</span>
                    <span lang="en">{both('calls.closed').en}</span>
                  </span>
                ) : minutes !== null ? (
                  <span className="waiting__note" data-testid={`estimate-${svc.id}`} data-minutes={minutes}>
                    <span lang="zh-TW">{both('calls.aboutMinutes', { n: minutes }).zh}</span>
                    <span lang="en">{both('calls.aboutMinutes', { n: minutes }).en}</span>
                  </span>
                ) : (
                  <span className="waiting__note waiting__note--unit">
                    <span lang="zh-TW">人</span>
                    <span lang="en">waiting</span>
                  </span>
                )}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** Shown only when the browser blocked autoplay; any tap on the board unlocks the sound. */
function SoundUnlock() {
  const blocked = useCalls((s) => s.sound.blocked);
  const unlock = useCalls((s) => s.unlockSound);
  useEffect(() => {
    if (!blocked) return;
    const onTap = () => unlock();
    window.addEventListener('pointerdown', onTap);
    window.addEventListener('keydown', onTap);
    return () => {
      window.removeEventListener('pointerdown', onTap);
      window.removeEventListener('keydown', onTap);
    };
  }, [blocked, unlock]);
  if (!blocked) return null;
  const text = both('calls.enableSound');
  return (
    <button type="button" className="sound-unlock" data-testid="sound-unlock" onClick={unlock}>
      <svg className="sound-unlock__icon" viewBox="0 0 24 24" aria-hidden="true">
        <path d="M3 9v6h4l5 4V5L7 9H3z" fill="currentColor" />
        <path d="M15.5 8.5a5 5 0 0 1 0 7M18 6a8.5 8.5 0 0 1 0 12" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      </svg>
      <span lang="zh-TW">{text.zh}</span>
      <span lang="en">{text.en}</span>
    </button>
  );
}

/**
 * The announcer's log for tests and installers: call ids and what was played,
 * in order; `data-held` is "true" while an emergency holds the calls (they are
 * announced after it clears).
 */
function AnnounceLog() {
  const log = useCalls((s) => s.sound.log);
  const current = useCalls((s) => s.sound.current);
  const held = useCalls((s) => s.sound.held ?? false);
  return <div hidden data-testid="announce-log" data-announced={announcedAttr(log)} data-current={current ?? ''} data-held={held} />;
}
