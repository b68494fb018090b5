/**
 * Hearing progress (開庭進度) on a corridor TV: a fixed 1920×1080 canvas.
 * /hearings shows every courtroom, one row each; /hearings/<room> is the TV
 * outside one room. Names arrive masked from the server (王○明); with
 * `?names=0` only case numbers are shown.
 */
import type { PublicHearing } from '../../../core/contract';
import { Agency } from '../../components/Agency';
import { Clock } from '../../components/Clock';
import { ConnectionMark } from '../../components/ConnectionMark';
import { MarqueeBand } from '../../components/marquee';
import { both, type StringKey } from '../../i18n';
import { floorLabel, roomOf, type BoardRoom } from '../../features/hearings/board';
import { Bi, BiText, StatePill } from './parts';
import { useHearingsBoard, view } from './state';
import '../../styles/hearings.css';

/** Persons listed by name on a row before "+N". */
const NAMES_SHOWN = 3;

export function HearingsApp() {
  const site = useHearingsBoard((s) => s.site);
  const board = useHearingsBoard((s) => s.snapshots['hearings.board']);
  const connection = useHearingsBoard((s) => s.connection);
  const single = view.roomId !== null;
  const room = single ? roomOf(board, view.roomId!) : null;
  const siteRoom = single ? (site?.courtrooms.find((r) => r.id.toLowerCase() === view.roomId!.toLowerCase()) ?? null) : null;

  return (
    <div className="board-host">
      <div
        className={`hb${single ? ' hb--room' : ' hb--all'}`}
        data-testid="hearings-board"
        data-room={view.roomId ?? ''}
        data-names={view.names ? '1' : '0'}
      >
        <header className="hb__head">
          {single ? (
            <RoomTitle name={room?.name ?? siteRoom?.name ?? null} floor={room?.floor ?? siteRoom?.floor ?? null} site={site} />
          ) : (
            <>
              <Agency site={site} />
              <Bi k="screen.hearings" className="hb__title" />
            </>
          )}
          <Clock timeZone={site?.timeZone} layout="row" />
        </header>
        <main className="hb__main">
          {!board ? (
            <div className="hb__empty">{connection === 'open' || connection === 'idle' ? <Bi k="common.loading" /> : <Bi k="common.retrying" />}</div>
          ) : single ? (
            room ? (
              <OneRoom room={room} />
            ) : (
              <div className="hb__empty" data-testid="room-not-found">
                <Bi k="hearings.roomNotFound" />
              </div>
            )
          ) : (
            <AllRooms rooms={board.rooms} />
          )}
        </main>
        {/* The marquee band: staff messages for this board, live (empty list → nothing shown). */}
        <div className="hb__marquee" data-testid="marquee-slot">
          <MarqueeBand screen="hearings" />
        </div>
        <ConnectionMark status={connection} />
      </div>
    </div>
  );
}

function RoomTitle({ name, floor, site }: { name: { zh: string; en: string } | null; floor: number | null; site: { agency: { zh: string; en: string } } | null }) {
  return (
    <div className="hb__room-title" data-testid="room-title">
      <h1 className="hb__room-name">
        <span lang="zh-TW" className="hb__room-zh">
          {name?.zh ?? ''}
        </span>
        <span lang="en" className="hb__room-en">
          {name?.en ?? ''}
        </span>
      </h1>
      <div className="hb__room-sub">
        {floor !== null && <BiText text={floorLabel(floor)} className="floor-badge" />}
        {site && (
          <span className="hb__room-agency">
            <span lang="zh-TW">{site.agency.zh}</span> · <Bi k="screen.hearings" className="hb__room-screen" />
          </span>
        )}
      </div>
    </div>
  );
}

function Persons({ persons, className }: { persons: readonly string[]; className: string }) {
  if (!view.names || persons.length === 0) return null;
  const shown = persons.slice(0, NAMES_SHOWN);
  const more = persons.length - shown.length;
  return (
    <span className={className} data-testid="persons">
      {shown.join('、')}
      {more > 0 && (
        <span className="hb__more">
          {' '}
          <Bi k="hearings.more" vars={{ n: more }} />
        </span>
      )}
    </span>
  );
}

function Delay({ minutes, big = false }: { minutes: number; big?: boolean }) {
  const late = minutes > 0;
  return (
    <Bi
      k={late ? 'hearings.late' : 'hearings.onTime'}
      vars={{ n: minutes }}
      className={`delay${late ? ' delay--late' : ' delay--on-time'}${big ? ' delay--big' : ''}`}
      testId="delay"
    />
  );
}

/** Every room, one row each: room | now in session | next | waiting and delay. */
function AllRooms({ rooms }: { rooms: readonly BoardRoom[] }) {
  const nextShown = rooms.length <= 4 ? 2 : 1;
  const head = (k: Parameters<typeof both>[0]) => {
    const t = both(k);
    return (
      <>
        <span lang="zh-TW">{t.zh}</span> <span lang="en">{t.en}</span>
      </>
    );
  };
  return (
    <div className={`rooms rooms--n${Math.min(rooms.length, 8)}`} data-testid="rooms">
      <div className="rooms__heads" aria-hidden="true">
        <span>{head('hearings.room')}</span>
        <span>{head('hearings.now')}</span>
        <span>{head('hearings.upcoming')}</span>
        <span>{head('hearings.status')}</span>
      </div>
      {rooms.map((room) => (
        <section
          key={room.courtroomId}
          className={`room-row${room.current ? ` room-row--${room.current.state}` : ' room-row--idle'}`}
          data-testid={`room-${room.courtroomId}`}
          aria-label={`${room.name.zh} ${room.name.en}`}
        >
          <div className="room-row__name">
            <span lang="zh-TW" className="room-row__zh">
              {room.name.zh}
            </span>
            <span lang="en" className="room-row__en">
              {room.name.en}
            </span>
            <BiText text={floorLabel(room.floor)} className="floor-badge floor-badge--small" />
          </div>
          <div className="room-row__now" data-testid={`room-${room.courtroomId}-current`}>
            {room.current ? (
              <>
                <span className="room-row__case num" data-testid="current-case">
                  {room.current.caseNumber}
                </span>
                <div className="room-row__now-sub">
                  <StatePill state={room.current.state} testId="current-state" />
                  <Bi k="hearings.division" vars={{ d: room.current.division }} className="room-row__division" />
                  <Persons persons={room.current.persons} className="room-row__persons" />
                </div>
              </>
            ) : (
              <Bi k="hearings.none" className="room-row__none" />
            )}
          </div>
          <ol className="room-row__next" data-testid={`room-${room.courtroomId}-next`}>
            {room.next.length === 0 && (
              <li className="room-row__none room-row__none--small">
                <Bi k="hearings.noneNext" />
              </li>
            )}
            {room.next.slice(0, nextShown).map((h) => (
              <NextItem key={h.id} h={h} />
            ))}
          </ol>
          <div className="room-row__status">
            <Bi k="hearings.waiting" vars={{ n: room.waiting }} className="waiting-count" testId="waiting" />
            <Delay minutes={room.delayMinutes} />
          </div>
        </section>
      ))}
    </div>
  );
}

function NextItem({ h }: { h: PublicHearing }) {
  const late = h.estimatedStart !== null && h.estimatedStart !== h.time;
  const state = both(`hearing.state.${h.state}` as StringKey);
  return (
    <li className="next-item" data-testid="next-item" data-state={h.state}>
      <span className="next-item__main num">
        <span className="next-item__time">{h.time}</span>
        <span className="next-item__case">{h.caseNumber}</span>
      </span>
      <span className="next-item__sub">
        <span className="next-item__division">{h.division}股</span>
        {late && (
          <span className="next-item__est num">
            <span lang="zh-TW">預估</span> <span lang="en">est.</span> {h.estimatedStart}
          </span>
        )}
        {h.state !== 'scheduled' && (
          <span className={`next-item__state next-item__state--${h.state}`}>
            <span lang="zh-TW">{state.zh}</span> <span lang="en">{state.en}</span>
          </span>
        )}
      </span>
    </li>
  );
}

/** The TV outside one room: the case in session large, then the line. */
function OneRoom({ room }: { room: BoardRoom }) {
  const c = room.current;
  const th = (k: Parameters<typeof both>[0]) => {
    const t = both(k);
    return (
      <>
        <span lang="zh-TW">{t.zh}</span>
        <span lang="en">{t.en}</span>
      </>
    );
  };
  return (
    <div className="one-room" data-testid={`room-${room.courtroomId}`}>
      <section className={`now-panel${c ? ` now-panel--${c.state}` : ' now-panel--idle'}`} data-testid={`room-${room.courtroomId}-current`}>
        <div className="now-panel__top">
          <Bi k="hearings.now" className="now-panel__label" />
          {c && <StatePill state={c.state} className="state-pill--big" testId="current-state" />}
          {c && (
            <span className="now-panel__times">
              <Bi k="hearings.scheduledAt" vars={{ time: c.time }} className="now-panel__time" />
              {c.startedAt && <Bi k="hearings.startedAt" vars={{ time: c.startedAt }} className="now-panel__time now-panel__time--started" testId="current-started" />}
            </span>
          )}
        </div>
        {c ? (
          <>
            <div className="now-panel__case num" data-testid="current-case">
              {c.caseNumber}
            </div>
            <div className="now-panel__sub">
              <Bi k="hearings.division" vars={{ d: c.division }} className="now-panel__division" />
              <Persons persons={c.persons} className="now-panel__persons" />
            </div>
          </>
        ) : (
          <Bi k="hearings.none" className="now-panel__none" />
        )}
      </section>
      <aside className="side-panel">
        <div className="side-panel__block">
          <Bi k="hearings.colState" className="side-panel__label" />
          <Delay minutes={room.delayMinutes} big />
        </div>
        <div className="side-panel__block" data-testid="waiting" data-n={room.waiting}>
          <span className="side-panel__count num">{room.waiting}</span>
          <Bi k="hearings.waitingLabel" className="side-panel__count-label" />
        </div>
      </aside>
      <section className="line-panel">
        <h2 className="line-panel__title">
          <Bi k="hearings.upcoming" />
        </h2>
        {room.next.length === 0 ? (
          <Bi k="hearings.noneNext" className="line-panel__none" />
        ) : (
          <table className={`line-table${view.names ? '' : ' line-table--no-names'}`} data-testid={`room-${room.courtroomId}-next`}>
            <thead>
              <tr>
                <th>{th('hearings.colTime')}</th>
                <th>{th('hearings.colEstimate')}</th>
                <th>{th('hearings.colCase')}</th>
                <th>{th('hearings.colDivision')}</th>
                {view.names && <th className="line-table__persons-head">{th('hearings.colPersons')}</th>}
                <th>{th('hearings.colState')}</th>
              </tr>
            </thead>
            <tbody>
              {room.next.map((h) => (
                <tr key={h.id} data-testid="next-item" data-state={h.state}>
                  <td className="num">{h.time}</td>
                  <td className={`num${h.estimatedStart && h.estimatedStart !== h.time ? ' line-table__late' : ''}`}>{h.estimatedStart ?? '—'}</td>
                  <td className="num line-table__case">{h.caseNumber}</td>
                  <td>{h.division}</td>
                  {view.names && (
                    <td className="line-table__persons">
                      <Persons persons={h.persons} className="" />
                    </td>
                  )}
                  <td>
                    <StatePill state={h.state} className="state-pill--small" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
