/**
 * New detainees (新收人犯處理情形) on the TV outside the bailiffs' office:
 * masked names, arrival, bringing agency and stage — never an offence — and
 * today's staff on duty. A fixed 1920×1080 canvas; long lists turn pages.
 */
import type { DetaineesBoard } from '../../../core/contract';
import { Agency } from '../../components/Agency';
import { Clock } from '../../components/Clock';
import { ConnectionMark } from '../../components/ConnectionMark';
import { MarqueeBand } from '../../components/marquee';
import { useNow } from '../../components/useNow';
import { both, type StringKey } from '../../i18n';
import { pageOf } from '../../features/hearings/board';
import { FitLine } from '../hearings/fit';
import { Bi, BiText } from '../hearings/parts';
import { useDetaineesBoard } from './state';
import '../../styles/hearings.css';
import '../../styles/detainees.css';

/** Rows on one page of the list, and how long a page shows. */
export const ROWS_PER_PAGE = 9;
export const PAGE_MS = 12_000;

export function DetaineesApp() {
  const site = useDetaineesBoard((s) => s.site);
  const board = useDetaineesBoard((s) => s.snapshots['detainees.board']);
  const connection = useDetaineesBoard((s) => s.connection);
  return (
    <div className="board-host">
      <div className="hb db" data-testid="detainees-board">
        <header className="hb__head">
          <Agency site={site} />
          <Bi k="screen.detainees" className="hb__title db__title" />
          <Clock timeZone={site?.timeZone} layout="row" />
        </header>
        <main className="hb__main db__main">
          {!board ? (
            <div className="hb__empty">{connection === 'open' || connection === 'idle' ? <Bi k="common.loading" /> : <Bi k="common.retrying" />}</div>
          ) : (
            <>
              <Entries entries={board.entries} />
              <OnDuty onDuty={board.onDuty} />
            </>
          )}
        </main>
        {/* The marquee band: staff messages for this board, live (empty list → nothing shown). */}
        <div className="hb__marquee" data-testid="marquee-slot">
          <MarqueeBand screen="detainees" />
        </div>
        <ConnectionMark status={connection} />
      </div>
    </div>
  );
}

function Th({ k }: { k: StringKey }) {
  const t = both(k);
  return (
    <th>
      <span lang="zh-TW">{t.zh}</span>
      <span lang="en">{t.en}</span>
    </th>
  );
}

function Entries({ entries }: { entries: DetaineesBoard['entries'] }) {
  const now = useNow(1000).getTime();
  const { items, page, pages } = pageOf(entries, ROWS_PER_PAGE, now, PAGE_MS);
  return (
    <section className="db__list" aria-label="新收人犯 New detainees">
      {entries.length === 0 ? (
        <div className="db__none" data-testid="detainees-none">
          <Bi k="detainees.none" />
        </div>
      ) : (
        <table className="db-table" data-testid="detainees-table">
          <thead>
            <tr>
              <Th k="detainees.name" />
              <Th k="detainees.arrived" />
              <Th k="detainees.agency" />
              <Th k="detainees.stage" />
            </tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <tr key={e.id} className={e.final ? 'db-row db-row--final' : 'db-row'} data-testid={`detainee-${e.id}`} data-final={e.final}>
                <td className="db-row__name">
                  <FitLine text={e.name} min={28} testId="detainee-name" />
                </td>
                <td className="db-row__time num">{e.broughtAt}</td>
                <td className="db-row__agency">{e.agency}</td>
                <td>
                  {/* An outcome is where the processing ended, not good or bad news: one neutral style for all (no check mark, no green). */}
                  <span className={`stage${e.final ? ' stage--outcome' : ''}`} data-testid="detainee-stage">
                    <BiText text={e.stage} />
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pages > 1 && <Bi k="detainees.page" vars={{ p: page, n: pages }} className="db__page" testId="detainees-page" />}
    </section>
  );
}

function OnDuty({ onDuty }: { onDuty: DetaineesBoard['onDuty'] }) {
  return (
    <aside className="duty" data-testid="on-duty">
      <h2 className="duty__title">
        <Bi k="detainees.onDuty" />
      </h2>
      {onDuty.length === 0 ? (
        <Bi k="detainees.noDuty" className="duty__none" />
      ) : (
        <ul className="duty__list">
          {onDuty.map((d, i) => (
            <li key={`${d.role.zh}-${d.shift.zh}-${i}`} className="duty__item" data-testid="duty-entry">
              <span className="duty__role">
                <span lang="zh-TW">{d.role.zh}</span>
                <span lang="en">{d.role.en}</span>
              </span>
              <span className="duty__name" data-testid="duty-name">
                {d.name}
              </span>
              <BiText text={d.shift} className="duty__shift" />
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
