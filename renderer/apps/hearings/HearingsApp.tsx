/**
 * Hearing progress (開庭進度) on a corridor TV: a fixed 1920×1080 canvas.
 * /hearings shows every courtroom, one row each; /hearings/<room> is the TV
 * outside one room. Names arrive masked from the server (王○明); with
 * `?names=0` only case numbers are shown. More rooms or hearings than fit turn
 * pages every `?rotate=` seconds (paging.ts); an upright TV gets an upright
 * canvas (canvas.ts).
 */
import type { CSSProperties } from 'react';
import { siteUsesHearings, type PublicHearing } from '../../../core/contract';
import { NotUsedHere } from '../../components/NotUsedHere';
import { Agency } from '../../components/Agency';
import { Clock } from '../../components/Clock';
import { ConnectionMark } from '../../components/ConnectionMark';
import { MarqueeBand } from '../../components/marquee';
import { both, type StringKey } from '../../i18n';
import { floorLabel, roomOf, type BoardRoom } from '../../features/hearings/board';
import { useOrientation, type Orientation } from './canvas';
import { FitLine, FitPersons } from './fit';
import { PageMark } from './PageMark';
import { linesPerPage, roomsPerPage, usePaged } from './paging';
import { Bi, BiText, StatePill } from './parts';
import { useHearingsBoard, view } from './state';
import '../../styles/hearings.css';

/** Persons listed by name on a row before "+N" (fewer when the line is too short for them whole). */
const NAMES_SHOWN = 3;
/** Coming-up hearings on a room's row of the all-rooms board. */
const NEXT_SHOWN = 2;

export function HearingsApp() {
  const site = useHearingsBoard((s) => s.site);
  const board = useHearingsBoard((s) => s.snapshots['hearings.board']);
  const connection = useHearingsBoard((s) => s.connection);
  const single = view.roomId !== null;
  const room = single ? roomOf(board, view.roomId!) : null;
  const siteRoom = single ? (site?.courtrooms.find((r) => r.id.toLowerCase() === view.roomId!.toLowerCase()) ?? null) : null;
  const orientation = useOrientation();

  if (site && !siteUsesHearings(site)) return <NotUsedHere site={site} screen="screen.hearings" />;
  return (
    <div className="board-host">
      <div
        className={`hb${single ? ' hb--room' : ' hb--all'} hb--${orientation}`}
        data-testid="hearings-board"
        data-room={view.roomId ?? ''}
        data-names={view.names ? '1' : '0'}
        data-orientation={orientation}
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
              <OneRoom room={room} orientation={orientation} />
            ) : (
              <div className="hb__empty" data-testid="room-not-found">
                <Bi k="hearings.roomNotFound" />
              </div>
            )
          ) : (
            <AllRooms rooms={board.rooms} orientation={orientation} />
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
  return <FitPersons persons={persons} most={NAMES_SHOWN} className={className} />;
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

/** Every room, one row each: room | now in session | next | waiting and delay; as many rooms a page as read well, pages turning. */
function AllRooms({ rooms, orientation }: { rooms: readonly BoardRoom[]; orientation: Orientation }) {
  const { items, page, pages, perPage } = usePaged(rooms, roomsPerPage(orientation), view.rotateMs);
  const head = (k: Parameters<typeof both>[0]) => {
    const t = both(k);
    return (
      <>
        <span lang="zh-TW">{t.zh}</span> <span lang="en">{t.en}</span>
      </>
    );
  };
  return (
    <div
      className={`rooms${pages > 1 ? ' rooms--paged' : ''}`}
      style={{ '--rooms-per-page': perPage } as CSSProperties}
      data-testid="rooms"
      data-page={page}
      data-pages={pages}
    >
      <div className="rooms__heads" aria-hidden="true">
        <span>{head('hearings.room')}</span>
        <span>{head('hearings.now')}</span>
        <span>{head('hearings.upcoming')}</span>
        <span>{head('hearings.status')}</span>
      </div>
      <div className="rooms__rows">
        {items.map((room) => (
          <RoomRow key={room.courtroomId} room={room} />
        ))}
      </div>
      <PageMark page={page} pages={pages} />
    </div>
  );
}

function RoomRow({ room }: { room: BoardRoom }) {
  return (
    <section
      className={`room-row${room.current ? ` room-row--${room.current.state}` : ' room-row--idle'}`}
      data-testid={`room-${room.courtroomId}`}
      aria-label={`${room.name.zh} ${room.name.en}`}
    >
      <div className="room-row__name">
        <FitLine text={room.name.zh} className="room-row__zh" min={32} />
        <span lang="en" className="room-row__en">
          {room.name.en}
        </span>{' '}
        <BiText text={floorLabel(room.floor)} className="floor-badge floor-badge--small" />
      </div>
      <div className="room-row__now" data-testid={`room-${room.courtroomId}-current`}>
        {room.current ? (
          <>
            <div className="room-row__now-head">
              <FitLine text={room.current.caseNumber} className="room-row__case num" min={32} testId="current-case" />
              <Bi k="hearings.division" vars={{ d: room.current.division }} className="room-row__division" />
            </div>
            <div className="room-row__now-sub">
              <StatePill state={room.current.state} testId="current-state" />
              <Persons persons={room.current.persons} className="room-row__persons" />
            </div>
          </>
        ) : (
          <Bi k="hearings.none" className="room-row__none" />
        )}
      </div>
      <div className="room-row__next-col">
        <Bi k="hearings.upcoming" className="room-row__next-label" />
        <ol className="room-row__next" data-testid={`room-${room.courtroomId}-next`}>
          {room.next.length === 0 && (
            <li className="room-row__none room-row__none--small">
              <Bi k="hearings.noneNext" />
            </li>
          )}
          {room.next.slice(0, NEXT_SHOWN).map((h) => (
            <NextItem key={h.id} h={h} />
          ))}
        </ol>
      </div>
      <div className="room-row__status">
        <Bi k="hearings.waiting" vars={{ n: room.waiting }} className="waiting-count" testId="waiting" />
        <Delay minutes={room.delayMinutes} />
      </div>
    </section>
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
function OneRoom({ room, orientation }: { room: BoardRoom; orientation: Orientation }) {
  const c = room.current;
  const { items: lines, page, pages } = usePaged(room.next, linesPerPage(orientation), view.rotateMs);
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
            <FitLine text={c.caseNumber} className="now-panel__case num" min={56} testId="current-case" />
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
        ) : orientation === 'portrait' ? (
          <LineCards roomId={room.courtroomId} lines={lines} />
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
              {lines.map((h) => (
                <tr key={h.id} data-testid="next-item" data-state={h.state}>
                  <td className="num">{h.time}</td>
                  <td className={`num${h.estimatedStart && h.estimatedStart !== h.time ? ' line-table__late' : ''}`}>{h.estimatedStart ?? '—'}</td>
                  <td className="num line-table__case">
                    <FitLine text={h.caseNumber} min={28} testId="next-case" />
                  </td>
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
        <PageMark page={page} pages={pages} />
      </section>
    </div>
  );
}

/** The line on an upright TV: one card a hearing (a six-column table is too narrow at 1080 px). */
function LineCards({ roomId, lines }: { roomId: string; lines: readonly PublicHearing[] }) {
  return (
    <ol className="line-cards" data-testid={`room-${roomId}-next`}>
      {lines.map((h) => {
        const late = h.estimatedStart !== null && h.estimatedStart !== h.time;
        return (
          <li key={h.id} className="line-card" data-testid="next-item" data-state={h.state}>
            <span className="line-card__time num">
              {h.time}
              {late && (
                <span className="line-card__est">
                  <Bi k="hearings.estimatedAt" vars={{ time: h.estimatedStart! }} />
                </span>
              )}
            </span>
            <FitLine text={h.caseNumber} className="line-card__case num" min={28} testId="next-case" />
            <StatePill state={h.state} className="state-pill--small line-card__state" />
            <span className="line-card__sub">
              <Bi k="hearings.division" vars={{ d: h.division }} className="line-card__division" />
              <Persons persons={h.persons} className="line-card__persons" />
            </span>
          </li>
        );
      })}
    </ol>
  );
}
