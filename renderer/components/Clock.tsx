import { DEFAULT_TIME_ZONE, formatDate, formatTime } from '../i18n';
import { useNow } from './useNow';

/**
 * Live clock: time, ROC date (Chinese) and Gregorian date (English), in the site's time zone.
 * `row` puts the dates to the left of the time (boards with a short header).
 */
export function Clock({ timeZone = DEFAULT_TIME_ZONE, layout = 'stack' }: { timeZone?: string; layout?: 'stack' | 'row' }) {
  const now = useNow(1000);
  return (
    <div className={`clock clock--${layout}`} data-testid="clock">
      <span className="clock__dates">
        <span className="clock__date" lang="zh-TW">
          {formatDate(now, 'zh-TW', timeZone, { weekday: true })}
        </span>
        <span className="clock__date-en" lang="en">
          {formatDate(now, 'en', timeZone, { weekday: true })}
        </span>
      </span>
      <time className="clock__time num" dateTime={now.toISOString()}>
        {formatTime(now, timeZone)}
      </time>
    </div>
  );
}
