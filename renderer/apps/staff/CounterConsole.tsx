import { useEffect } from 'react';
import type { PublicSite, QueueBoard } from '../../../core/contract';
import { formatTime } from '../../i18n';
import { currentCallFor } from '../../store/staff';
import { InlineError } from './Field';
import { useStaff } from './state';

/** Keys that call the next number, unless the user is typing or a control has focus. */
function isCallKey(e: KeyboardEvent): boolean {
  if (e.repeat || e.altKey || e.ctrlKey || e.metaKey) return false;
  const target = e.target as HTMLElement | null;
  const tag = target?.tagName ?? '';
  const typing = tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target?.isContentEditable === true;
  if (typing) return false;
  if (e.key === 'n' || e.key === 'N') return true;
  // Enter on a focused button/link activates that control; don't call twice.
  if (e.key === 'Enter') return tag !== 'BUTTON' && tag !== 'A';
  return false;
}

export function CounterConsole({ site, canCall }: { site: PublicSite; canCall: boolean }) {
  const counterId = useStaff((s) => s.counterId);
  const setCounter = useStaff((s) => s.setCounter);
  const callNext = useStaff((s) => s.callNext);
  const calling = useStaff((s) => s.calling);
  const callError = useStaff((s) => s.callError);
  const lastCall = useStaff((s) => s.lastCall);
  const queueEmpty = useStaff((s) => s.queueEmpty);
  const board = useStaff((s) => s.snapshots['queue.board']);

  const counter = site.counters.find((c) => c.id === counterId) ?? null;
  const current = currentCallFor(counter?.id ?? null, lastCall, board?.recentCalls);
  const ready = canCall && counter !== null && !calling;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isCallKey(e)) return;
      e.preventDefault();
      void useStaff.getState().callNext();
    };
    if (!canCall || !counter) return;
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [canCall, counter]);

  const service = current ? site.services.find((s) => s.id === current.serviceId) : undefined;

  return (
    <div className="console">
      <section className="card console__main">
        <div className="field">
          <label htmlFor="counter-select" className="field__label">
            <span lang="zh-TW">服務櫃台</span> <span lang="en">Counter</span>
          </label>
          <select
            id="counter-select"
            name="counterId"
            className="field__input"
            value={counter?.id ?? ''}
            onChange={(e) => setCounter(e.target.value || null)}
            data-testid="counter-select"
          >
            <option value="">— 請選擇 Choose —</option>
            {site.counters.map((c) => (
              <option key={c.id} value={c.id}>
                {c.number} 號 · {c.name.zh} {c.name.en}
              </option>
            ))}
          </select>
        </div>

        <button
          type="button"
          className="call-next"
          onClick={() => void callNext()}
          disabled={!ready}
          aria-keyshortcuts="N Enter"
          data-testid="call-next"
        >
          <span className="call-next__label">
            <span lang="zh-TW">下一號</span>
            <span lang="en" className="call-next__en">
              Call next
            </span>
          </span>
          <span className="call-next__keys" aria-hidden="true">
            <kbd>N</kbd> / <kbd>Enter</kbd>
          </span>
        </button>
        {!canCall && (
          <p className="console__hint" role="note">
            此帳號沒有櫃台權限 · This account has no counter role
          </p>
        )}
        {canCall && !counter && (
          <p className="console__hint" role="note">
            請先選擇櫃台 · Choose a counter first
          </p>
        )}
        <InlineError message={callError} testId="call-error" />

        <div className="current" data-testid="current-ticket" data-number={current?.number ?? ''}>
          <h2 className="current__title">
            <span lang="zh-TW">目前服務號碼</span> <span lang="en">Now serving</span>
          </h2>
          {current ? (
            <>
              <div className="current__number num" data-testid="current-number">
                {current.number}
              </div>
              <div className="current__meta">
                {service && (
                  <span>
                    <span lang="zh-TW">{service.name.zh}</span> · <span lang="en">{service.name.en}</span>
                  </span>
                )}
                <span>
                  叫號時間 Called at {formatTime(current.calledAt, site.timeZone)}
                </span>
              </div>
            </>
          ) : (
            <div className="current__none">尚未叫號 · None yet</div>
          )}
          {queueEmpty && (
            <p className="current__empty" role="status" data-testid="queue-empty">
              目前沒有等候的號碼 · No one is waiting
            </p>
          )}
        </div>
      </section>

      <WaitingPanel site={site} board={board ?? null} serviceIds={counter?.serviceIds ?? []} />
    </div>
  );
}

function WaitingPanel({ site, board, serviceIds }: { site: PublicSite; board: QueueBoard | null; serviceIds: string[] }) {
  return (
    <section className="card console__side">
      <h2 className="card__title">
        <span lang="zh-TW">等候人數</span>
        <span lang="en" className="card__title-en">
          Waiting
        </span>
      </h2>
      <table className="table">
        <thead>
          <tr>
            <th>服務 Service</th>
            <th className="num-col">等候 Waiting</th>
            <th className="num-col">最近叫號 Last called</th>
          </tr>
        </thead>
        <tbody>
          {site.services.map((svc) => {
            const row = board?.services.find((b) => b.serviceId === svc.id);
            const mine = serviceIds.includes(svc.id);
            return (
              <tr key={svc.id} className={mine ? 'is-mine' : undefined}>
                <td>
                  <strong>{svc.prefix}</strong> {svc.name.zh} <span className="muted">{svc.name.en}</span>
                </td>
                <td className="num-col">
                  <span className="waiting-n num" data-testid={`waiting-${svc.id}`}>
                    {row ? row.waiting : '–'}
                  </span>
                </td>
                <td className="num-col num">{row?.lastCalled ?? '–'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {board && <p className="muted small">營業日 Day: {board.day}</p>}
    </section>
  );
}
