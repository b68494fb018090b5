/**
 * The 統計 Statistics tab (admin, desk): a month (this month by default) or
 * any range; the totals as big numbers; charts people would rather look at
 * than tables (each with its figures as an accessible table); and the CSV
 * download of the same range — the monthly report (每月統計民眾意見調查情形).
 */
import { useLayoutEffect, type ComponentProps, type ReactNode } from 'react';
import { RATING_REASONS, type PublicSite, type StatsReport } from '../../../core/contract';
import { BarChart, ChartFrame, DotPlot, HBarChart } from '../../components/charts/Charts';
import { formatValue } from '../../components/charts/scale';
import { formatDay, formatDayRange, t } from '../../i18n';
import { fillDays, monthOf, monthRange, rangeProblem, statsCsvUrl } from '../../features/stats/range';
import { REASON_KEY } from '../rate/parts';
import { useStaff } from './state';
import '../../styles/stats.css';

const GOOD = new Set(['fast', 'friendly', 'clear']);
const SCORE_WORDS = ['非常不滿意 Very unhappy', '不滿意 Unhappy', '普通 Neutral', '滿意 Happy', '非常滿意 Very happy'];

/**
 * One chart of the report: ChartFrame titled in both languages; its data
 * table's caption is the same title unless a longer one is given.
 */
function ChartCard({ zh, en, caption, ...frame }: { zh: string; en: string; caption?: string } & Omit<ComponentProps<typeof ChartFrame>, 'title' | 'caption'>) {
  return (
    <ChartFrame
      {...frame}
      title={
        <>
          <span lang="zh-TW">{zh}</span> <span lang="en" className="chart__title-en">{en}</span>
        </>
      }
      caption={caption ?? `${zh} ${en}`}
    />
  );
}

const MEDIAN_P90_LEGEND = [
  { label: '中位數 Median', swatch: 'median' },
  { label: '90% 的人不超過 90th percentile', swatch: 'p90' },
] as const;
/** The table under each per-service time chart. */
const SERVICE_TIME_COLUMNS = ['服務 Service', '中位數(分) Median (min)', 'P90 (分 min)'];

export function StatsPanel({ site, timeZone }: { site: PublicSite; timeZone: string }) {
  const range = useStaff((s) => s.statsRange);
  const report = useStaff((s) => s.statsReport);
  const loading = useStaff((s) => s.statsLoading);
  const error = useStaff((s) => s.statsError);
  const setRange = useStaff((s) => s.setStatsRange);
  const load = useStaff((s) => s.loadStats);
  // Each visit starts on this month, as the tab first showed it (before the first paint).
  useLayoutEffect(() => {
    void useStaff.getState().openStats(timeZone);
  }, [timeZone]);
  const problem = rangeProblem(range);
  const month = monthOf(range);

  return (
    <div className="stats" data-testid="stats-panel" aria-busy={loading}>
      <section className="card stats__controls" aria-labelledby="stats-title">
        <div className="card__head">
          <h2 className="card__title" id="stats-title">
            <span lang="zh-TW">服務統計</span>
            <span lang="en" className="card__title-en">
              Service statistics
            </span>
          </h2>
          <a
            className={`btn btn--primary stats__csv${problem ? ' stats__csv--off' : ''}`}
            href={problem ? undefined : statsCsvUrl(range)}
            aria-disabled={problem ? true : undefined}
            download={`statistics-${range.from}-${range.to}.csv`}
            data-testid="stats-csv"
          >
            <span aria-hidden="true">⤓ </span>下載 CSV <span lang="en">Download CSV</span>
          </a>
        </div>
        <div className="stats__range">
          <label className="field">
            <span className="field__label">
              月份 <span lang="en">Month</span>
            </span>
            <input
              className="field__input"
              type="month"
              value={month}
              onChange={(e) => {
                const r = monthRange(e.target.value);
                if (r) setRange(r);
              }}
              data-testid="stats-month"
            />
          </label>
          <span className="stats__or" aria-hidden="true">
            或 or
          </span>
          <label className="field">
            <span className="field__label">
              起日 <span lang="en">From</span>
            </span>
            <input className="field__input" type="date" value={range.from} max={range.to} onChange={(e) => setRange({ ...range, from: e.target.value })} data-testid="stats-from" />
          </label>
          <label className="field">
            <span className="field__label">
              迄日 <span lang="en">To</span>
            </span>
            <input className="field__input" type="date" value={range.to} min={range.from} onChange={(e) => setRange({ ...range, to: e.target.value })} data-testid="stats-to" />
          </label>
          <button type="button" className="btn" onClick={() => void load()} disabled={Boolean(problem) || loading} data-testid="stats-refresh">
            重新整理 <span lang="en">Refresh</span>
          </button>
          <p className="stats__status muted" role="status" aria-live="polite">
            {loading ? '載入中… Loading…' : report ? `${formatDayRange(report.from, report.to, 'zh-TW')} ${formatDayRange(report.from, report.to, 'en')}` : ''}
          </p>
        </div>
        {problem && (
          <p className="inline-error" role="alert" data-testid="stats-range-error">
            {problem.zh} · <span lang="en">{problem.en}</span>
          </p>
        )}
        {error && (
          <p className="inline-error" role="alert" data-testid="stats-error">
            {error}
          </p>
        )}
      </section>
      {report && <Report report={report} site={site} />}
    </div>
  );
}

function Big({ testId, zh, en, value, unit }: { testId: string; zh: string; en: string; value: string; unit?: ReactNode }) {
  return (
    <div className="stat-big" data-testid={testId}>
      <dt className="stat-big__label">
        {zh} <span lang="en">{en}</span>
      </dt>
      <dd className="stat-big__value num" data-testid={`${testId}-value`}>
        {value}
        {unit && <span className="stat-big__unit">{unit}</span>}
      </dd>
    </div>
  );
}

function Report({ report, site }: { report: StatsReport; site: PublicSite }) {
  const serviceName = (id: string) => site.services.find((s) => s.id === id)?.name.zh ?? id;
  const serviceFull = (id: string) => {
    const s = site.services.find((x) => x.id === id);
    return s ? `${s.name.zh} ${s.name.en}` : id;
  };
  const counterName = (id: string) => site.counters.find((c) => c.id === id)?.name.zh ?? id;
  const counterFull = (id: string) => {
    const c = site.counters.find((x) => x.id === id);
    return c ? `${c.name.zh} ${c.name.en}` : id;
  };
  const { totals } = report;
  const days = fillDays(report, report.perDay, (day) => ({ day, tickets: 0, noShows: 0, averageWaitMinutes: null, ratings: 0, averageScore: null }));
  // days of one month by their number; longer ranges as month/day
  const oneMonth = report.from.slice(0, 7) === report.to.slice(0, 7);
  const dayLabel = (d: string) => (oneMonth ? String(Number(d.slice(8, 10))) : `${Number(d.slice(5, 7))}/${Number(d.slice(8, 10))}`);
  const busyHours = report.perHour.filter((h) => h.tickets > 0).map((h) => h.hour);
  const hFrom = Math.min(8, ...busyHours);
  const hTo = Math.max(17, ...busyHours);
  const hours = Array.from({ length: hTo - hFrom + 1 }, (_, i) => hFrom + i).map((hour) => ({
    hour,
    tickets: report.perHour.find((h) => h.hour === hour)?.tickets ?? 0,
  }));
  const reasons = RATING_REASONS.map((r) => ({ reason: r, count: report.reasons.find((x) => x.reason === r)?.count ?? 0 }));
  const noData = totals.tickets === 0;

  return (
    <>
      <section className="card" aria-labelledby="stats-totals-title">
        <h2 className="visually-hidden" id="stats-totals-title">
          總計 Totals
        </h2>
        <dl className="stats__totals">
          <Big testId="stats-total-tickets" zh="取號" en="Tickets" value={String(totals.tickets)} />
          <Big testId="stats-total-served" zh="已服務" en="Served" value={String(totals.served)} />
          <Big testId="stats-total-no-shows" zh="過號未到" en="No-shows" value={String(totals.noShows)} />
          <Big testId="stats-total-ratings" zh="評價" en="Ratings" value={String(totals.ratings)} />
          <Big
            testId="stats-average-score"
            zh="平均分數"
            en="Average score"
            value={formatValue(totals.averageScore, 2)}
            unit={totals.averageScore === null ? undefined : ' / 5'}
          />
        </dl>
      </section>
      <div className="stats__charts">
        <ChartCard
          name="per-day"
          wide
          zh="每日取號與過號"
          en="Tickets and no-shows per day"
          legend={[
            { label: '取號 Tickets', swatch: 'bar' },
            { label: '過號 No-shows', swatch: 'bar-2' },
          ]}
          empty={noData}
          table={{ columns: ['日期 Day', '取號 Tickets', '過號 No-shows', '平均等候(分) Avg wait (min)'], rows: report.perDay.map((d) => [formatDay(d.day, 'zh-TW'), d.tickets, d.noShows, d.averageWaitMinutes]) }}
        >
          <BarChart
            categories={days.map((d) => dayLabel(d.day))}
            bars={[
              { label: 'Tickets', values: days.map((d) => d.tickets) },
              { label: 'No-shows', values: days.map((d) => d.noShows) },
            ]}
            xLabel={oneMonth ? '日 Day of month' : '日期 Date'}
            yLabel="張 Tickets"
            width={1440}
          />
        </ChartCard>
        <ChartCard
          name="per-hour"
          zh="各時段取號"
          en="Tickets by hour of day"
          empty={noData}
          table={{ columns: ['時段 Hour', '取號 Tickets'], rows: hours.map((h) => [`${h.hour}:00–${h.hour + 1}:00`, h.tickets]) }}
        >
          <BarChart categories={hours.map((h) => String(h.hour))} bars={[{ label: 'Tickets', values: hours.map((h) => h.tickets) }]} xLabel="時 Hour of day" yLabel="張 Tickets" />
        </ChartCard>
        <ChartCard
          name="no-shows"
          zh="各服務過號未到"
          en="No-shows by service"
          empty={noData}
          table={{
            columns: ['服務 Service', '取號 Tickets', '過號 No-shows', '過號率 No-show rate'],
            rows: report.byService.map((s) => [serviceFull(s.serviceId), s.tickets, s.noShows, s.tickets ? `${Math.round((s.noShows / s.tickets) * 100)}%` : '—']),
          }}
        >
          <HBarChart rows={report.byService.map((s) => ({ label: serviceName(s.serviceId), value: s.noShows, tone: 'bad' as const }))} xLabel="人次 No-shows" />
        </ChartCard>
        <ChartCard
          name="wait"
          zh="各服務等候時間"
          en="Waiting time by service"
          caption="各服務等候時間（分鐘）中位數與第 90 百分位 Waiting time by service (minutes), median and 90th percentile"
          legend={MEDIAN_P90_LEGEND}
          empty={noData}
          table={{
            columns: SERVICE_TIME_COLUMNS,
            rows: report.byService.map((s) => [serviceFull(s.serviceId), s.waitMinutes.median, s.waitMinutes.p90]),
          }}
        >
          <DotPlot rows={report.byService.map((s) => ({ label: serviceName(s.serviceId), ...s.waitMinutes }))} xLabel="分鐘 Minutes" />
        </ChartCard>
        <ChartCard
          name="service-time"
          zh="各服務辦理時間"
          en="Service time by service"
          caption="各服務辦理時間（分鐘）中位數與第 90 百分位 Service time by service (minutes), median and 90th percentile"
          legend={MEDIAN_P90_LEGEND}
          empty={noData}
          table={{
            columns: SERVICE_TIME_COLUMNS,
            rows: report.byService.map((s) => [serviceFull(s.serviceId), s.serviceMinutes.median, s.serviceMinutes.p90]),
          }}
        >
          <DotPlot rows={report.byService.map((s) => ({ label: serviceName(s.serviceId), ...s.serviceMinutes }))} xLabel="分鐘 Minutes" />
        </ChartCard>
        <ChartCard
          name="counters"
          zh="各櫃台辦理時間"
          en="Service time by counter"
          caption="各櫃台服務人次與辦理時間（分鐘） Served and service time by counter (minutes)"
          legend={MEDIAN_P90_LEGEND}
          empty={report.byCounter.length === 0}
          table={{
            columns: ['櫃台 Counter', '服務人次 Served', '中位數(分) Median (min)', 'P90 (分 min)', '評價 Ratings', '平均分數 Avg score'],
            rows: report.byCounter.map((c) => [counterFull(c.counterId), c.served, c.serviceMinutes.median, c.serviceMinutes.p90, c.ratings, c.averageScore]),
          }}
        >
          <DotPlot
            rows={report.byCounter.map((c) => ({ label: `${counterName(c.counterId)}（${c.served}）`, ...c.serviceMinutes }))}
            xLabel="分鐘 Minutes（括號內為服務人次 served in brackets）"
          />
        </ChartCard>
        <ChartCard
          name="ratings"
          wide
          zh="每日評價"
          en="Ratings per day"
          caption="每日評價件數與平均分數 Ratings per day: count and average score"
          legend={[
            { label: '件數 Count', swatch: 'bar' },
            { label: '平均分數 Average score', swatch: 'line' },
          ]}
          empty={totals.ratings === 0}
          table={{ columns: ['日期 Day', '件數 Ratings', '平均分數 Avg score'], rows: report.perDay.filter((d) => d.ratings > 0).map((d) => [formatDay(d.day, 'zh-TW'), d.ratings, d.averageScore]) }}
        >
          <BarChart
            categories={days.map((d) => dayLabel(d.day))}
            bars={[{ label: 'Ratings', values: days.map((d) => d.ratings) }]}
            line={{ label: 'Average', values: days.map((d) => d.averageScore), max: 5 }}
            xLabel={oneMonth ? '日 Day of month' : '日期 Date'}
            yLabel="件 Ratings"
            y2Label="平均分數 Avg score"
            width={1440}
          />
        </ChartCard>
        <ChartCard
          name="scores"
          zh="分數分布"
          en="Score distribution"
          empty={totals.ratings === 0}
          table={{ columns: ['分數 Score', '件數 Ratings'], rows: report.scoreDistribution.map((n, i) => [`${i + 1} ${SCORE_WORDS[i]}`, n]) }}
        >
          <BarChart
            categories={['1 ☹', '2', '3', '4', '5 ☺']}
            bars={[{ label: 'Ratings', values: report.scoreDistribution }]}
            xLabel="分數 Score（1 非常不滿意 – 5 非常滿意）"
            yLabel="件 Ratings"
          />
        </ChartCard>
        <ChartCard
          name="reasons"
          zh="評價原因"
          en="Reasons given"
          empty={totals.ratings === 0}
          table={{ columns: ['原因 Reason', '次數 Times'], rows: reasons.map((r) => [`${t('zh-TW', REASON_KEY[r.reason])} ${t('en', REASON_KEY[r.reason])}`, r.count]) }}
        >
          <HBarChart
            rows={reasons.map((r) => ({ label: `${GOOD.has(r.reason) ? '+' : '−'} ${t('zh-TW', REASON_KEY[r.reason])}`, value: r.count, tone: GOOD.has(r.reason) ? ('good' as const) : ('bad' as const) }))}
            xLabel="次 Times chosen"
          />
        </ChartCard>
      </div>
    </>
  );
}
