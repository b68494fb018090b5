import type { Call, PublicSite, QueueBoard } from '../../../core/contract';
import { Agency } from '../../components/Agency';
import { Clock } from '../../components/Clock';
import { ConnectionMark } from '../../components/ConnectionMark';
import { both } from '../../i18n';
import { useCalls } from './state';
import '../../styles/calls.css';

const RECENT_ROWS = 5;

/** Newest first, whatever order the snapshot carries. */
export function sortCalls(calls: readonly Call[]): Call[] {
  return [...calls].sort((a, b) => (a.calledAt < b.calledAt ? 1 : a.calledAt > b.calledAt ? -1 : 0));
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
          <Latest call={latest} loading={!board} />
          <Recent calls={recent} />
        </main>
        <Waiting site={site} board={board ?? null} />
        {/* Reserved for the marquee (a later issue fills it). Deliberately empty. */}
        <div className="calls__marquee" data-testid="marquee-slot" aria-hidden="true" />
        <ConnectionMark status={connection} />
      </div>
    </div>
  );
}

function CounterText({ n, className }: { n: number; className: string }) {
  const c = both('common.counter', { n });
  return (
    <span className={className}>
      <span lang="zh-TW" className={`${className}-zh`}>
        {c.zh}
      </span>
      <span lang="en" className={`${className}-en`}>
        {c.en}
      </span>
    </span>
  );
}

function Latest({ call, loading }: { call: Call | null; loading: boolean }) {
  const title = both('calls.nowCalling');
  return (
    <section className="latest" aria-live="assertive" aria-atomic="true" aria-labelledby="latest-title">
      <h2 className="latest__title" id="latest-title">
        <span lang="zh-TW">{title.zh}</span>
        <span lang="en">{title.en}</span>
      </h2>
      {call ? (
        // keyed by the call: a new call remounts and plays the highlight
        <div className="latest__call" key={`${call.number}@${call.calledAt}`} data-testid="latest-call">
          <div className="latest__flash" aria-hidden="true" />
          <div className="latest__number num" data-testid="latest-number">
            {call.number}
          </div>
          <div className="latest__to" data-testid="latest-counter" data-counter-number={call.counterNumber}>
            <span className="latest__arrow" aria-hidden="true">
              →
            </span>
            <CounterText n={call.counterNumber} className="latest__counter" />
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

function Recent({ calls }: { calls: Call[] }) {
  const title = both('calls.recent');
  return (
    <section className="recent" aria-labelledby="recent-title">
      <h2 className="recent__title" id="recent-title">
        <span lang="zh-TW">{title.zh}</span>
        <span lang="en">{title.en}</span>
      </h2>
      <ol className="recent__list" data-testid="recent-calls">
        {calls.map((c) => (
          <li className="recent__row" key={`${c.number}@${c.calledAt}`}>
            <span className="recent__number num">{c.number}</span>
            <span className="recent__arrow" aria-hidden="true">
              →
            </span>
            <CounterText n={c.counterNumber} className="recent__counter" />
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
          return (
            <li className="waiting__item" key={svc.id}>
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
                <span className="waiting__count-unit">
                  <span lang="zh-TW">人</span>
                  <span lang="en">waiting</span>
                </span>
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
