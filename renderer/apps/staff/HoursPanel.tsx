/**
 * 營業時間 Opening hours (admin): for each service, the weekdays and times its tickets
 * are issued (a day with no time is closed), or always; saved over the site file's
 * hours, which one button brings back. Kiosks follow at once; the server audits each change.
 */
import { useEffect, useState } from 'react';
import { WEEKDAYS, type ServiceHours } from '../../../core/contract';
import { DEFAULT_WINDOW, WEEKDAY_NAMES, dayText, hoursOfWeek, weekOf, weekProblems, type Week, type Weekday } from '../../features/hours/week';
import { InlineError } from './Field';
import { useStaff } from './state';
import '../../styles/kiosks-hours.css';

export function HoursPanel() {
  const list = useStaff((s) => s.serviceHours);
  const error = useStaff((s) => s.hoursError);
  const load = useStaff((s) => s.loadHours);
  const [chosen, setChosen] = useState<string | null>(null);

  useEffect(() => {
    void load();
  }, [load]);

  const current = list?.find((s) => s.serviceId === chosen) ?? list?.[0] ?? null;
  return (
    <div className="admin-grid hours" data-testid="hours-panel">
      <section className="card">
        <h2 className="card__title">
          <span lang="zh-TW">營業時間</span>
          <span lang="en" className="card__title-en">
            Opening hours
          </span>
        </h2>
        <p className="card__text">
          取號機只在服務的營業時間內發號；修改後立即生效。
          <br />
          <span lang="en">The kiosk issues a service’s numbers only within its hours; a change takes effect at once.</span>
        </p>
        <InlineError message={error} testId="hours-error" />
        {list && list.length > 1 && (
          <div className="hours__services" role="group" aria-label="服務項目 Service">
            {list.map((s) => (
              <button
                key={s.serviceId}
                type="button"
                className="hours__service"
                aria-pressed={s.serviceId === current?.serviceId}
                onClick={() => setChosen(s.serviceId)}
                data-testid={`hours-service-${s.serviceId}`}
              >
                {s.name.zh} <span lang="en">{s.name.en}</span>
                <span className="hours__service-note">{s.edited ? '已修改 Edited' : '依站台設定 From the site file'}</span>
              </button>
            ))}
          </div>
        )}
        {/* A fresh form per service and per saved version: what it shows is what is in force. */}
        {current && <HoursForm key={`${current.serviceId} ${current.updatedAt ?? 'file'}`} service={current} />}
      </section>
      <section className="card" aria-labelledby="hours-in-force">
        <h2 className="card__title" id="hours-in-force">
          <span lang="zh-TW">目前的營業時間</span>
          <span lang="en" className="card__title-en">
            Hours in force
          </span>
        </h2>
        {(list ?? []).map((s) => (
          <HoursSummary key={s.serviceId} service={s} />
        ))}
      </section>
    </div>
  );
}

function HoursSummary({ service }: { service: ServiceHours }) {
  const week = service.hours ? weekOf(service.hours) : null;
  return (
    <div data-testid={`hours-summary-${service.serviceId}`}>
      <h3 className="field__label">
        {service.name.zh} <span lang="en">{service.name.en}</span>
      </h3>
      {week === null ? (
        <p className="card__text">
          隨時開放 <span lang="en">Always open</span>
        </p>
      ) : (
        <ul className="hours__summary">
          {WEEKDAYS.map((d) => {
            const text = dayText(week[d]);
            return (
              <li key={d}>
                <span className="hours__summary-day">
                  {WEEKDAY_NAMES[d].zh} <span lang="en" className="muted">{WEEKDAY_NAMES[d].en.slice(0, 3)}</span>
                </span>
                <span>
                  {text.zh === text.en ? text.zh : `${text.zh} ${text.en}`}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

function HoursForm({ service }: { service: ServiceHours }) {
  const busy = useStaff((s) => s.hoursBusy === service.serviceId);
  const saved = useStaff((s) => (s.hoursSaved?.serviceId === service.serviceId ? s.hoursSaved : null));
  const save = useStaff((s) => s.saveHours);
  const reset = useStaff((s) => s.resetHours);
  const [always, setAlways] = useState(service.hours === null);
  const [week, setWeek] = useState<Week>(() => weekOf(service.hours));
  const [tried, setTried] = useState(false);
  const problems = always ? [] : weekProblems(week);

  const setDay = (day: Weekday, windows: Week[Weekday]) => setWeek((w) => ({ ...w, [day]: windows }));
  const onSave = () => {
    setTried(true);
    if (problems.length > 0) return;
    void save(service.serviceId, { hours: always ? null : hoursOfWeek(week) });
  };

  return (
    <div className="kiosks__form" data-testid="hours-form" data-service={service.serviceId}>
      <h3 className="card__title">
        <span lang="zh-TW">{service.name.zh}</span>
        <span lang="en" className="card__title-en">
          {service.name.en}
        </span>
      </h3>
      <fieldset className="hours__mode">
        <legend className="visually-hidden">開放方式 When tickets are issued</legend>
        <label className="roles__item">
          <input type="radio" name="hours-mode" checked={!always} onChange={() => setAlways(false)} data-testid="hours-mode-week" />
          依下列時間 <span className="muted">At these hours</span>
        </label>
        <label className="roles__item">
          <input type="radio" name="hours-mode" checked={always} onChange={() => setAlways(true)} data-testid="hours-mode-always" />
          隨時開放 <span className="muted">Always open</span>
        </label>
      </fieldset>
      {!always && (
        <table className="hours__week" data-testid="hours-week">
          <tbody>
            {WEEKDAYS.map((day) => (
              <DayRow key={day} day={day} windows={week[day]} onChange={(w) => setDay(day, w)} />
            ))}
          </tbody>
        </table>
      )}
      {tried &&
        problems.map((p) => (
          <p key={`${p.day}${p.en}`} className="inline-error" role="alert" data-testid="hours-problem">
            {p.zh} <span lang="en">{p.en}</span>
          </p>
        ))}
      {saved && 'error' in saved && <InlineError message={saved.error} testId="hours-save-error" />}
      {saved && 'at' in saved && (
        <p className="inline-ok" role="status" data-testid="hours-saved">
          已儲存，取號機立即依此發號 <span lang="en">Saved: the kiosks follow these hours now</span>
        </p>
      )}
      <div className="hours__actions">
        <button type="button" className="btn btn--primary" disabled={busy} onClick={onSave} data-testid="hours-save">
          儲存 <span lang="en">Save</span>
        </button>
        {service.edited && (
          <button type="button" className="btn" disabled={busy} onClick={() => void reset(service.serviceId)} data-testid="hours-reset">
            改回站台設定檔的時間 <span lang="en">Back to the site file’s hours</span>
          </button>
        )}
      </div>
    </div>
  );
}

function DayRow({ day, windows, onChange }: { day: Weekday; windows: Week[Weekday]; onChange: (w: Week[Weekday]) => void }) {
  const name = WEEKDAY_NAMES[day];
  const closed = windows.length === 0;
  const setWindow = (i: number, part: 'from' | 'to', value: string) => onChange(windows.map((w, j) => (j === i ? { ...w, [part]: value } : w)));
  const last = windows[windows.length - 1];
  return (
    <tr data-testid={`hours-day-${day}`}>
      <th scope="row" className="hours__day">
        {name.zh} <span lang="en">{name.en}</span>
      </th>
      <td>
        <label className="roles__item">
          <input
            type="checkbox"
            checked={closed}
            onChange={(e) => onChange(e.target.checked ? [] : [{ ...DEFAULT_WINDOW }])}
            data-testid={`hours-day-${day}-closed`}
          />
          休息 <span className="muted">Closed</span>
        </label>
      </td>
      <td>
        {closed ? (
          <span className="hours__closed">
            不發號 <span lang="en">No tickets</span>
          </span>
        ) : (
          <div className="hours__windows">
            {windows.map((w, i) => (
              <span className="hours__window" key={i} data-testid={`hours-day-${day}-window-${i}`}>
                <input
                  type="time"
                  className="field__input"
                  value={w.from}
                  onChange={(e) => setWindow(i, 'from', e.target.value)}
                  aria-label={`${name.zh} 第 ${i + 1} 時段開始 ${name.en} window ${i + 1} from`}
                  data-testid={`hours-day-${day}-from-${i}`}
                />
                <span aria-hidden="true">–</span>
                <input
                  type="time"
                  className="field__input"
                  value={w.to}
                  onChange={(e) => setWindow(i, 'to', e.target.value)}
                  aria-label={`${name.zh} 第 ${i + 1} 時段結束 ${name.en} window ${i + 1} to`}
                  data-testid={`hours-day-${day}-to-${i}`}
                />
                {windows.length > 1 && (
                  <button type="button" className="btn" onClick={() => onChange(windows.filter((_, j) => j !== i))} aria-label={`刪除此時段 Remove this window (${w.from}–${w.to})`}>
                    ×
                  </button>
                )}
              </span>
            ))}
            {windows.length < 4 && (
              <button
                type="button"
                className="btn"
                onClick={() => onChange([...windows, last ? { from: last.to, to: last.to < '17:00' ? '17:00' : '23:59' } : { ...DEFAULT_WINDOW }])}
                data-testid={`hours-day-${day}-add`}
              >
                ＋ 時段 <span lang="en">Add hours</span>
              </button>
            )}
          </div>
        )}
      </td>
    </tr>
  );
}
