import { useEffect, useReducer, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { CounterTicket, PublicCounter, PublicService, PublicSite } from '../../../core/contract';
import { useNow } from '../../components/useNow';
import { formatTime } from '../../i18n';
import { currentTicketFor } from '../../features/counter/current';
import type { ConsoleAction } from '../../features/counter/slice';
import {
  COMMAND_LABEL,
  SHORTCUT,
  TRANSFER_CLOSED,
  availableCommands,
  commandForKey,
  countersFor,
  formatCountdown,
  normalizeTicketNumber,
  orderLines,
  reduceTransfer,
  remainingMs,
  skippedTickets,
  transferRequest,
  waitedMinutes,
  type Command,
  type ConsoleLine,
  type SkippedTicket,
  type TransferEvent,
  type TransferState,
} from './consoleLogic';
import { InlineError } from './Field';
import { useStaff } from './state';

/** Chips shown per line before "N more". */
const CHIPS_MINE = 12;
const CHIPS_OTHER = 6;

const ACTION_FOR: Record<Exclude<Command, 'transfer'>, ConsoleAction> = {
  next: { action: 'next' },
  recall: { action: 'recall' },
  skip: { action: 'skip' },
  start: { action: 'start' },
  finish: { action: 'finish' },
};

const TEST_ID: Record<Command, string> = {
  next: 'call-next',
  recall: 'recall',
  skip: 'skip',
  start: 'start-service',
  finish: 'finish-service',
  transfer: 'transfer',
};

function serviceOf(site: PublicSite, id: string): PublicService | undefined {
  return site.services.find((s) => s.id === id);
}

export function CounterConsole({ site, canCall }: { site: PublicSite; canCall: boolean }) {
  const counterId = useStaff((s) => s.counterId);
  const setCounter = useStaff((s) => s.setCounter);
  const act = useStaff((s) => s.act);
  const acting = useStaff((s) => s.acting);
  const actionError = useStaff((s) => s.actionError);
  const queueEmpty = useStaff((s) => s.queueEmpty);
  const staff = useStaff((s) => s.snapshots['queue.staff']);
  const ack = useStaff((s) => s.ack);

  const counter = site.counters.find((c) => c.id === counterId) ?? null;
  const current = currentTicketFor(counter?.id ?? null, staff, ack);
  const ready = canCall && counter !== null && acting === null;
  const can = availableCommands(current, ready);

  const [transfer, dispatchTransfer] = useReducer(
    (s: TransferState, e: TransferEvent) => reduceTransfer(s, e, site),
    TRANSFER_CLOSED,
  );

  const run = (command: Command) => {
    if (command === 'transfer') {
      if (!current) return;
      useStaff.getState().clearActionError();
      dispatchTransfer({ type: 'open', number: current.number, fromServiceId: current.serviceId });
      return;
    }
    void act(ACTION_FOR[command]);
  };

  // Shortcuts: read the latest state at key time, never while a dialog is open.
  const latest = useRef({ can, run, dialogOpen: transfer.open });
  latest.current = { can, run, dialogOpen: transfer.open };
  useEffect(() => {
    if (!canCall || !counter) return;
    const onKey = (e: KeyboardEvent) => {
      const { can: now, run: go, dialogOpen } = latest.current;
      if (dialogOpen) return;
      const command = commandForKey(e);
      if (!command) return;
      e.preventDefault();
      if (now[command]) go(command);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [canCall, counter]);

  return (
    <div className="console" data-testid="console" data-counter={counter?.id ?? ''} data-acting={acting ?? ''}>
      <section className="card console__main" aria-label="叫號 Calling">
        <div className="console__bar">
          <label htmlFor="counter-select" className="console__bar-label">
            <span lang="zh-TW">服務櫃台</span> <span lang="en">Counter</span>
          </label>
          <select
            id="counter-select"
            name="counterId"
            className="field__input console__counter"
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

        <CurrentTicket
          site={site}
          current={current}
          loading={counter !== null && canCall && staff === undefined && ack === null}
          queueEmpty={queueEmpty}
        />

        <button
          type="button"
          className="call-next"
          onClick={() => run('next')}
          disabled={!can.next}
          aria-keyshortcuts="N Enter"
          aria-busy={acting === 'next'}
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

        <div className="console__actions">
          {(['recall', 'skip', 'start', 'finish', 'transfer'] as const).map((c) => (
            <ActionButton key={c} command={c} enabled={can[c]} busy={acting === c} onRun={() => run(c)} />
          ))}
        </div>

        <CallNumberForm enabled={ready} onCall={(number) => act({ action: 'call-number', number })} />

        <InlineError message={transfer.open ? null : actionError} testId="console-error" />
      </section>

      <div className="console__side">
        {/* skipped first: calling one back has a deadline */}
        <SkippedList site={site} counter={counter} enabled={ready} />
        <WaitingLines site={site} counter={counter} loading={canCall && staff === undefined} />
      </div>

      {transfer.open && current && (
        <TransferDialog
          site={site}
          state={transfer}
          dispatch={dispatchTransfer}
          busy={acting === 'transfer'}
          error={actionError}
          onSubmit={async () => {
            const req = transferRequest(transfer);
            if (!req) return;
            if (await act(req)) dispatchTransfer({ type: 'close' });
          }}
        />
      )}
    </div>
  );
}

function ActionButton(props: { command: Command; enabled: boolean; busy: boolean; onRun: () => void }) {
  const { command, enabled, busy, onRun } = props;
  const label = COMMAND_LABEL[command];
  return (
    <button
      type="button"
      className={`console-action console-action--${command}`}
      onClick={onRun}
      disabled={!enabled}
      aria-keyshortcuts={SHORTCUT[command]}
      aria-busy={busy}
      data-testid={TEST_ID[command]}
    >
      <span className="console-action__zh" lang="zh-TW">
        {label.zh}
      </span>
      <span className="console-action__en" lang="en">
        {label.en}
      </span>
      <kbd className="console-action__key" aria-hidden="true">
        {SHORTCUT[command]}
      </kbd>
    </button>
  );
}

function PriorityMark({ testId }: { testId?: string }) {
  return (
    <span className="priority-mark" title="博愛 Priority (elderly, disabled, pregnant)" data-testid={testId}>
      博愛 <span lang="en">Priority</span>
    </span>
  );
}

function CurrentTicket(props: { site: PublicSite; current: CounterTicket | null; loading: boolean; queueEmpty: boolean }) {
  const { site, current, loading, queueEmpty } = props;
  const service = current ? serviceOf(site, current.serviceId) : undefined;
  return (
    <div
      className={`current${current ? ` current--${current.status}` : ''}`}
      data-testid="current-ticket"
      data-number={current?.number ?? ''}
      data-status={current?.status ?? ''}
      data-priority={current?.priority ? 'true' : 'false'}
      data-recalls={current?.recalls ?? 0}
      aria-live="polite"
    >
      <div className="current__head">
        <h2 className="current__title">
          <span lang="zh-TW">目前服務號碼</span> <span lang="en">Now serving</span>
        </h2>
        {current && (
          <span className={`pill ${current.status === 'serving' ? 'pill--ok' : 'pill--warn'}`} data-testid="current-status">
            {current.status === 'serving' ? (
              <>
                服務中 <span lang="en">Serving</span>
              </>
            ) : (
              <>
                已叫號 <span lang="en">Called</span>
              </>
            )}
          </span>
        )}
      </div>
      {current ? (
        <>
          <div className="current__body">
            <div className="current__number-wrap">
              <div className="current__number num" data-testid="current-number">
                {current.number}
              </div>
              {current.priority && <PriorityMark testId="current-priority" />}
            </div>
            <dl className="current__meta">
              <div>
                <dt>
                  叫號時間 <span lang="en">Called at</span>
                </dt>
                <dd className="num" data-testid="current-called-at">
                  {formatTime(current.calledAt, site.timeZone, true)}
                </dd>
              </div>
              <div>
                <dt>
                  開始服務 <span lang="en">Serving since</span>
                </dt>
                <dd className="num" data-testid="current-serving-at">
                  {current.servingAt ? formatTime(current.servingAt, site.timeZone, true) : '—'}
                </dd>
              </div>
              <div>
                <dt>
                  重新叫號 <span lang="en">Recalls</span>
                </dt>
                <dd className="num" data-testid="current-recalls">
                  {current.recalls}
                </dd>
              </div>
            </dl>
          </div>
          <div className="current__service" data-testid="current-service">
            {service ? (
              <>
                <strong>
                  {service.prefix} {service.name.zh}
                </strong>{' '}
                <span className="muted" lang="en">
                  {service.name.en}
                </span>
              </>
            ) : (
              current.serviceId
            )}
          </div>
        </>
      ) : (
        <div className="current__none">
          {loading ? '載入中… Loading…' : '目前沒有服務中的號碼 · No ticket at this counter'}
        </div>
      )}
      {queueEmpty && !current && (
        <p className="current__empty" role="status" data-testid="queue-empty">
          目前沒有等候的號碼 · No one is waiting
        </p>
      )}
    </div>
  );
}

function CallNumberForm({ enabled, onCall }: { enabled: boolean; onCall: (number: string) => Promise<boolean> }) {
  const [raw, setRaw] = useState('');
  const [invalid, setInvalid] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const number = normalizeTicketNumber(raw);
    if (!number) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    if (await onCall(number)) setRaw('');
  };
  return (
    <form className="call-number" onSubmit={(e) => void submit(e)} data-testid="call-number-form">
      <label htmlFor="call-number-input" className="call-number__label">
        <span lang="zh-TW">叫指定號碼</span> <span lang="en">Call a number</span>
      </label>
      <div className="call-number__row">
        <input
          id="call-number-input"
          name="number"
          className="field__input call-number__input"
          value={raw}
          onChange={(e) => {
            setRaw(e.target.value);
            setInvalid(false);
          }}
          placeholder="A012"
          autoComplete="off"
          spellCheck={false}
          maxLength={8}
          aria-invalid={invalid}
          aria-describedby={invalid ? 'call-number-invalid' : undefined}
          data-testid="call-number-input"
        />
        <button type="submit" className="btn btn--primary call-number__submit" disabled={!enabled || raw.trim() === ''} data-testid="call-number-submit">
          叫號 <span lang="en">Call</span>
        </button>
      </div>
      {invalid && (
        <p className="inline-error" id="call-number-invalid" role="alert">
          號碼格式如 A012 · A number looks like A012
        </p>
      )}
    </form>
  );
}

// ---- waiting lines and skipped tickets --------------------------------------------------

function WaitingLines({ site, counter, loading }: { site: PublicSite; counter: PublicCounter | null; loading: boolean }) {
  const staff = useStaff((s) => s.snapshots['queue.staff']);
  const offset = useStaff((s) => s.clockOffsetMs);
  const now = useNow(15_000).getTime() + offset;
  const lines = orderLines(site, counter, staff);
  return (
    <section className="card lines" aria-labelledby="lines-title">
      <h2 className="card__title" id="lines-title">
        <span lang="zh-TW">等候中</span>
        <span lang="en" className="card__title-en">
          Waiting
        </span>
        {counter && (
          <span className="lines__legend">
            <span className="lines__legend-mine" aria-hidden="true" /> 本櫃台服務 <span lang="en">this counter</span>
          </span>
        )}
      </h2>
      {loading && <p className="muted skipped__none">載入中… Loading…</p>}
      {!loading && (
        <div className="lines__list">
          {lines.map((l) => (
            <Line key={l.service.id} entry={l} now={now} counter={counter} site={site} />
          ))}
        </div>
      )}
    </section>
  );
}

function Line({ entry, now, counter, site }: { entry: ConsoleLine; now: number; counter: PublicCounter | null; site: PublicSite }) {
  const { service, line, mine } = entry;
  const waiting = line?.waiting ?? [];
  const total = line?.waitingTotal ?? 0;
  const shown = waiting.slice(0, mine ? CHIPS_MINE : CHIPS_OTHER);
  const more = total - shown.length;
  return (
    <div className={`line${mine ? ' line--mine' : ''}`} data-testid={`line-${service.id}`} data-total={total} data-mine={mine}>
      <div className="line__head">
        <span className="line__prefix" aria-hidden="true">
          {service.prefix}
        </span>
        <span className="line__name">
          {service.name.zh} <span className="muted" lang="en">{service.name.en}</span>
        </span>
        <span className="line__total" data-testid={`waiting-${service.id}`}>
          <strong className="num">{total}</strong> 人 <span lang="en">waiting</span>
        </span>
      </div>
      {shown.length > 0 && (
        <ol className="line__chips">
          {shown.map((t) => {
            const other = t.onlyCounterId !== null && t.onlyCounterId !== counter?.id;
            const only = t.onlyCounterId ? site.counters.find((c) => c.id === t.onlyCounterId) : undefined;
            return (
              <li
                key={t.number}
                className={`chip${t.priority ? ' chip--priority' : ''}${other ? ' chip--other' : ''}`}
                data-testid={`queued-${t.number}`}
                data-priority={t.priority}
              >
                <span className="chip__number num">{t.number}</span>
                {t.priority && (
                  <span className="chip__mark" title="博愛 Priority">
                    博愛
                  </span>
                )}
                <span className="chip__wait num" title="已等候分鐘 Minutes waited">
                  {waitedMinutes(t.waitingSince, now)} 分
                </span>
                {only && (
                  <span className="chip__only" title={`限 ${only.number} 號櫃台 Counter ${only.number} only`}>
                    →{only.number}
                  </span>
                )}
              </li>
            );
          })}
          {more > 0 && (
            <li className="chip chip--more">
              +{more} <span lang="en">more</span>
            </li>
          )}
        </ol>
      )}
    </div>
  );
}

function SkippedList({ site, counter, enabled }: { site: PublicSite; counter: PublicCounter | null; enabled: boolean }) {
  const staff = useStaff((s) => s.snapshots['queue.staff']);
  const act = useStaff((s) => s.act);
  const skipped = skippedTickets(staff, counter);
  return (
    <section className="card skipped" aria-labelledby="skipped-title">
      <h2 className="card__title" id="skipped-title">
        <span lang="zh-TW">過號</span>
        <span lang="en" className="card__title-en">
          Skipped — can be called back until the grace period ends
        </span>
      </h2>
      {skipped.length === 0 ? (
        <p className="muted skipped__none">目前沒有過號 · None</p>
      ) : (
        <ul className="skipped__list">
          {skipped.map((s) => (
            <SkippedRow
              key={s.number}
              ticket={s}
              service={serviceOf(site, s.serviceId)}
              timeZone={site.timeZone}
              enabled={enabled && s.mine}
              onCallBack={() => act({ action: 'call-number', number: s.number })}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function SkippedRow(props: { ticket: SkippedTicket; service: PublicService | undefined; timeZone: string; enabled: boolean; onCallBack: () => void }) {
  const { ticket, service, timeZone, enabled, onCallBack } = props;
  const offset = useStaff((s) => s.clockOffsetMs);
  const now = useNow(1000).getTime() + offset;
  const left = remainingMs(ticket.graceUntil, now);
  const over = left <= 0;
  return (
    <li className={`skipped__row${over ? ' skipped__row--over' : ''}`} data-testid={`skipped-${ticket.number}`} data-left-ms={left}>
      <span className="skipped__number num">{ticket.number}</span>
      <span className="skipped__info">
        <span>{service ? service.name.zh : ticket.serviceId}</span>
        <span className="muted small">
          過號 Skipped {formatTime(ticket.skippedAt, timeZone)}
        </span>
      </span>
      <span className="skipped__left" aria-label={`剩餘 ${formatCountdown(left)} left`}>
        {over ? (
          <>
            已逾時 <span lang="en">Over</span>
          </>
        ) : (
          <>
            剩 <strong className="num" data-testid={`skipped-left-${ticket.number}`}>{formatCountdown(left)}</strong>
          </>
        )}
      </span>
      <button
        type="button"
        className="btn skipped__call"
        disabled={!enabled || over}
        onClick={onCallBack}
        title={ticket.mine ? undefined : '本櫃台不服務此項目 This counter does not serve this line'}
        data-testid={`call-back-${ticket.number}`}
      >
        再叫 <span lang="en">Call back</span>
      </button>
    </li>
  );
}

// ---- transfer dialog ---------------------------------------------------------------------

function TransferDialog(props: {
  site: PublicSite;
  state: TransferState;
  dispatch: (e: TransferEvent) => void;
  busy: boolean;
  error: string | null;
  onSubmit: () => Promise<void>;
}) {
  const { site, state, dispatch, busy, error, onSubmit } = props;
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    // Modal: the rest of the console is inert and Escape closes it. (Unmounting releases the top layer.)
    if (d && !d.open) d.showModal();
  }, []);
  const from = serviceOf(site, state.fromServiceId);
  const targets = countersFor(site, state.toServiceId);
  const ready = transferRequest(state) !== null && !busy;
  return (
    <dialog
      ref={ref}
      className="transfer"
      aria-labelledby="transfer-title"
      onClose={() => dispatch({ type: 'close' })}
      onCancel={() => dispatch({ type: 'close' })}
      data-testid="transfer-dialog"
    >
      <form
        method="dialog"
        className="transfer__form"
        onSubmit={(e) => {
          e.preventDefault();
          if (ready) void onSubmit();
        }}
      >
        <h2 className="transfer__title" id="transfer-title">
          轉送 <span className="num">{state.number}</span> <span lang="en">Transfer</span>
        </h2>
        {from && (
          <p className="muted transfer__from">
            目前 Now: {from.name.zh} {from.name.en}
          </p>
        )}
        <Labelled zh="轉送至服務" en="To service" htmlFor="transfer-service">
          <select
            id="transfer-service"
            className="field__input"
            value={state.toServiceId}
            onChange={(e) => dispatch({ type: 'service', serviceId: e.target.value })}
            autoFocus
            data-testid="transfer-service"
          >
            <option value="">— 請選擇 Choose —</option>
            {site.services.map((s) => (
              <option key={s.id} value={s.id}>
                {s.prefix} · {s.name.zh} {s.name.en}
                {s.id === state.fromServiceId ? '（目前 current）' : ''}
              </option>
            ))}
          </select>
        </Labelled>
        <Labelled zh="櫃台" en="Counter" htmlFor="transfer-counter">
          <select
            id="transfer-counter"
            className="field__input"
            value={state.toCounterId}
            onChange={(e) => dispatch({ type: 'counter', counterId: e.target.value })}
            disabled={!state.toServiceId}
            data-testid="transfer-counter"
          >
            <option value="">任何櫃台 Any counter</option>
            {targets.map((c) => (
              <option key={c.id} value={c.id}>
                {c.number} 號 · {c.name.zh} {c.name.en}
              </option>
            ))}
          </select>
        </Labelled>
        <fieldset className="transfer__position">
          <legend className="field__label">
            排入位置 <span lang="en">Place in line</span>
          </legend>
          {(
            [
              ['front', '排在最前面', 'Front of the line'],
              ['back', '排在最後面', 'Back of the line'],
            ] as const
          ).map(([value, zh, en]) => (
            <label key={value} className="transfer__radio">
              <input
                type="radio"
                name="position"
                value={value}
                checked={state.position === value}
                onChange={() => dispatch({ type: 'position', position: value })}
                data-testid={`transfer-${value}`}
              />
              <span>
                {zh} <span lang="en">{en}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <InlineError message={error} testId="transfer-error" />
        <div className="transfer__buttons">
          <button type="button" className="btn" onClick={() => dispatch({ type: 'close' })} data-testid="transfer-cancel">
            取消 <span lang="en">Cancel</span>
          </button>
          <button type="submit" className="btn btn--primary" disabled={!ready} data-testid="transfer-submit">
            轉送 <span lang="en">Transfer</span>
          </button>
        </div>
      </form>
    </dialog>
  );
}

function Labelled({ zh, en, htmlFor, children }: { zh: string; en: string; htmlFor: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={htmlFor} className="field__label">
        <span lang="zh-TW">{zh}</span> <span lang="en">{en}</span>
      </label>
      {children}
    </div>
  );
}
