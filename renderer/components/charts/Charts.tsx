/**
 * Small SVG charts for the statistics tab (no chart library): vertical bars
 * (optionally grouped, optionally with a line on a second axis), a dot plot of
 * median and p90 per row, and horizontal bars. Each sits in a ChartFrame: a
 * titled figure whose figures are also a data table — visually hidden until
 * toggled, always there for screen readers (the drawing itself is hidden from
 * them).
 */
import { useId, useState, type ReactNode } from 'react';
import { bandScale, formatValue, labelEvery, linearScale, niceTicks } from './scale';

export interface DataTable {
  columns: readonly string[];
  rows: readonly (readonly (string | number | null)[])[];
}

export function ChartFrame(props: {
  name: string;
  title: ReactNode;
  /** A plain-text title for the table's caption. */
  caption: string;
  legend?: readonly { label: string; swatch: 'bar' | 'bar-2' | 'line' | 'median' | 'p90' }[];
  table: DataTable;
  empty?: boolean;
  wide?: boolean;
  children: ReactNode;
}) {
  const [showTable, setShowTable] = useState(false);
  const tableId = useId();
  return (
    <figure className={`chart${props.wide ? ' chart--wide' : ''}`} data-testid={`stats-chart-${props.name}`}>
      <figcaption className="chart__head">
        <span className="chart__title">{props.title}</span>
        <button
          type="button"
          className="chart__toggle"
          aria-expanded={showTable}
          aria-controls={tableId}
          onClick={() => setShowTable((v) => !v)}
          data-testid={`stats-table-toggle-${props.name}`}
        >
          {showTable ? '圖表 Chart' : '數據表 Table'}
        </button>
      </figcaption>
      {props.legend && props.legend.length > 0 && !showTable && (
        <ul className="chart__legend" aria-hidden="true">
          {props.legend.map((l) => (
            <li key={l.label}>
              <span className={`chart__swatch chart__swatch--${l.swatch}`} />
              {l.label}
            </li>
          ))}
        </ul>
      )}
      {props.empty ? (
        <p className="chart__empty">此期間無資料 · No data in this range</p>
      ) : (
        !showTable && <div className="chart__plot">{props.children}</div>
      )}
      <div id={tableId} className={showTable ? 'chart__table-wrap' : 'visually-hidden'}>
        <table className="chart__table">
          <caption>{props.caption}</caption>
          <thead>
            <tr>
              {props.table.columns.map((c, i) => (
                <th key={i} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.table.rows.map((row, r) => (
              <tr key={r}>
                {row.map((cell, i) =>
                  i === 0 ? (
                    <th key={i} scope="row">
                      {cell}
                    </th>
                  ) : (
                    <td key={i} className="num">
                      {typeof cell === 'number' || cell === null ? formatValue(cell) : cell}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

const W = 720;
const M = { top: 16, right: 24, bottom: 56, left: 64 };

export interface BarSeries {
  label: string;
  values: readonly (number | null)[];
}

/** Vertical bars per category; two series side by side; an optional line on a right-hand axis. */
export function BarChart(props: {
  categories: readonly string[];
  bars: readonly BarSeries[];
  line?: BarSeries & { max: number };
  xLabel: string;
  yLabel: string;
  y2Label?: string;
  height?: number;
  /** viewBox width: wider for a full-width chart, so its text stays the size of the others'. */
  width?: number;
  integer?: boolean;
}) {
  const W = props.width ?? 720;
  const H = props.height ?? 260;
  const right = props.line ? 64 : M.right;
  const x0 = M.left;
  const x1 = W - right;
  const y0 = H - M.bottom;
  const y1 = M.top;
  const max = Math.max(0, ...props.bars.flatMap((s) => s.values.map((v) => v ?? 0)));
  const ticks = niceTicks(max, 4, props.integer ?? true);
  const y = linearScale([0, ticks.at(-1)!], [y0, y1]);
  const band = bandScale(props.categories.length, [x0, x1], 0.25);
  // a bar is never fatter than 56 units: one day alone is a bar, not a wall
  const barsW = Math.min(band.width, 56 * props.bars.length);
  const groupW = barsW / Math.max(1, props.bars.length);
  const barX = (i: number, si: number) => band.center(i) - barsW / 2 + si * groupW;
  const every = labelEvery(band.step, 44);
  const line = props.line;
  const y2 = line ? linearScale([0, line.max], [y0, y1]) : null;
  const linePts = line
    ? line.values.map((v, i) => (v === null ? null : ([band.center(i), y2!(v)] as const))).filter((p): p is readonly [number, number] => p !== null)
    : [];
  return (
    <svg className="chart__svg" viewBox={`0 0 ${W} ${H}`} aria-hidden="true" focusable="false">
      {ticks.map((t) => (
        <g key={t}>
          <line className="chart__grid" x1={x0} x2={x1} y1={y(t)} y2={y(t)} />
          <text className="chart__tick" x={x0 - 8} y={y(t)} dy="0.35em" textAnchor="end">
            {formatValue(t)}
          </text>
        </g>
      ))}
      {props.bars.map((s, si) =>
        s.values.map((v, i) =>
          v === null || v === 0 ? null : (
            <rect
              key={`${si}-${i}`}
              className={`chart__bar chart__bar--${si + 1}`}
              x={barX(i, si)}
              y={y(v)}
              width={Math.max(1, groupW - (props.bars.length > 1 ? 2 : 0))}
              height={Math.max(0, y0 - y(v))}
            />
          ),
        ),
      )}
      {line && y2 && (
        <>
          {linePts.length > 1 && <polyline className="chart__line" points={linePts.map((p) => p.join(',')).join(' ')} />}
          {linePts.map(([cx, cy], i) => (
            <circle key={i} className="chart__line-dot" cx={cx} cy={cy} r={5} />
          ))}
          {niceTicks(line.max, line.max, true).map((t) =>
            t > line.max ? null : (
              <text key={t} className="chart__tick" x={x1 + 8} y={y2(t)} dy="0.35em">
                {formatValue(t)}
              </text>
            ),
          )}
          <text className="chart__axis-label" transform={`translate(${W - 8} ${(y0 + y1) / 2}) rotate(90)`} textAnchor="middle">
            {props.y2Label}
          </text>
        </>
      )}
      <line className="chart__axis" x1={x0} x2={x1} y1={y0} y2={y0} />
      {props.categories.map((c, i) =>
        i % every === 0 ? (
          <text key={i} className="chart__tick" x={band.center(i)} y={y0 + 20} textAnchor="middle">
            {c}
          </text>
        ) : null,
      )}
      <text className="chart__axis-label" x={(x0 + x1) / 2} y={H - 8} textAnchor="middle">
        {props.xLabel}
      </text>
      <text className="chart__axis-label" transform={`translate(16 ${(y0 + y1) / 2}) rotate(-90)`} textAnchor="middle">
        {props.yLabel}
      </text>
    </svg>
  );
}

/** The value axis of the row charts: a vertical line and its label per tick. */
function VerticalGrid({ ticks, x, yBottom }: { ticks: readonly number[]; x: (v: number) => number; yBottom: number }) {
  return (
    <>
      {ticks.map((t) => (
        <g key={t}>
          <line className="chart__grid" x1={x(t)} x2={x(t)} y1={M.top} y2={yBottom} />
          <text className="chart__tick" x={x(t)} y={yBottom + 20} textAnchor="middle">
            {formatValue(t)}
          </text>
        </g>
      ))}
    </>
  );
}

/** Per row a median dot and a p90 diamond joined by a line: how long most waits, and the long tail. */
export function DotPlot(props: { rows: readonly { label: string; median: number | null; p90: number | null }[]; xLabel: string }) {
  const rowH = 40;
  const left = 200;
  const H = M.top + props.rows.length * rowH + 48;
  const x0 = left;
  const x1 = W - M.right;
  const max = Math.max(0, ...props.rows.flatMap((r) => [r.median ?? 0, r.p90 ?? 0]));
  const ticks = niceTicks(max, 5);
  const x = linearScale([0, ticks.at(-1)!], [x0, x1]);
  const yBottom = M.top + props.rows.length * rowH;
  return (
    <svg className="chart__svg" viewBox={`0 0 ${W} ${H}`} aria-hidden="true" focusable="false">
      <VerticalGrid ticks={ticks} x={x} yBottom={yBottom} />
      {props.rows.map((r, i) => {
        const cy = M.top + i * rowH + rowH / 2;
        return (
          <g key={i}>
            <text className="chart__tick chart__tick--row" x={x0 - 12} y={cy} dy="0.35em" textAnchor="end">
              {r.label}
            </text>
            {r.median !== null && r.p90 !== null && <line className="chart__range" x1={x(r.median)} x2={x(r.p90)} y1={cy} y2={cy} />}
            {r.p90 !== null && (
              <rect className="chart__p90" x={x(r.p90) - 7} y={cy - 7} width={14} height={14} transform={`rotate(45 ${x(r.p90)} ${cy})`} />
            )}
            {r.median !== null && <circle className="chart__median" cx={x(r.median)} cy={cy} r={8} />}
          </g>
        );
      })}
      <text className="chart__axis-label" x={(x0 + x1) / 2} y={H - 6} textAnchor="middle">
        {props.xLabel}
      </text>
    </svg>
  );
}

/** Horizontal bars with their value at the end (reasons, per-counter counts). */
export function HBarChart(props: { rows: readonly { label: string; value: number; tone?: 'good' | 'bad' }[]; xLabel: string }) {
  const rowH = 40;
  const left = 200;
  const H = M.top + props.rows.length * rowH + 48;
  const x0 = left;
  const x1 = W - M.right - 40;
  const max = Math.max(0, ...props.rows.map((r) => r.value));
  const ticks = niceTicks(max, 5, true);
  const x = linearScale([0, ticks.at(-1)!], [x0, x1]);
  const yBottom = M.top + props.rows.length * rowH;
  return (
    <svg className="chart__svg" viewBox={`0 0 ${W} ${H}`} aria-hidden="true" focusable="false">
      <VerticalGrid ticks={ticks} x={x} yBottom={yBottom} />
      {props.rows.map((r, i) => {
        const top = M.top + i * rowH + 8;
        const cy = top + (rowH - 16) / 2;
        return (
          <g key={i}>
            <text className="chart__tick chart__tick--row" x={x0 - 12} y={cy} dy="0.35em" textAnchor="end">
              {r.label}
            </text>
            <rect className={`chart__bar${r.tone ? ` chart__bar--${r.tone}` : ''}`} x={x0} y={top} width={Math.max(0, x(r.value) - x0)} height={rowH - 16} />
            <text className="chart__value" x={x(r.value) + 8} y={cy} dy="0.35em">
              {r.value}
            </text>
          </g>
        );
      })}
      <text className="chart__axis-label" x={(x0 + x1) / 2} y={H - 6} textAnchor="middle">
        {props.xLabel}
      </text>
    </svg>
  );
}
