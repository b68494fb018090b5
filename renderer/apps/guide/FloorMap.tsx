import type { GuideFloor, GuideOffice, GuideResponse, GuideRoute } from '../../../core/contract';
import type { Lang } from '../../i18n';
import { label, pick } from './text';

const ZH_PX = 28;
const EN_PX = 24;

/** Splits a label into lines that fit `width` map units (Chinese by character, English by word). */
export function wrap(text: string, width: number, px: number, cjk: boolean): string[] {
  const per = Math.max(1, Math.floor(width / (cjk ? px : px * 0.56)));
  if (cjk) {
    const chars = [...text];
    const lines: string[] = [];
    for (let i = 0; i < chars.length; i += per) lines.push(chars.slice(i, i + per).join(''));
    return lines;
  }
  const lines: string[] = [];
  let line = '';
  for (const w of text.split(/\s+/)) {
    if (line && (line + ' ' + w).length > per) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines;
}

function OfficeShape({ office, lang, selected, onSelect }: { office: GuideOffice; lang: Lang; selected: boolean; onSelect: (id: string) => void }) {
  const primaryCjk = lang === 'zh-TW';
  const pad = 12;
  const primary = wrap(pick(office.name, lang), office.w - pad * 2, primaryCjk ? ZH_PX : EN_PX, primaryCjk);
  const secondary = wrap(pick(office.name, primaryCjk ? 'en' : 'zh-TW'), office.w - pad * 2, primaryCjk ? EN_PX : ZH_PX, !primaryCjk);
  const pPx = primaryCjk ? ZH_PX : EN_PX + 2;
  const sPx = primaryCjk ? EN_PX : ZH_PX - 2;
  const maxLines = Math.max(1, Math.floor((office.h - pad * 2) / 30));
  const pLines = primary.slice(0, maxLines);
  const sLines = secondary.slice(0, Math.max(0, maxLines - pLines.length));
  const total = pLines.length * (pPx + 4) + sLines.length * (sPx + 4);
  let y = office.y + (office.h - total) / 2 + pPx;
  const cx = office.x + office.w / 2;
  return (
    <g
      className={`map-office${selected ? ' map-office--selected' : ''}`}
      data-testid={`map-office-${office.id}`}
      data-selected={selected}
      onClick={() => onSelect(office.id)}
    >
      <rect x={office.x} y={office.y} width={office.w} height={office.h} rx={10} className="map-office__box" />
      <circle cx={office.door.x} cy={office.door.y} r={9} className="map-office__door" />
      {pLines.map((l, i) => {
        const el = (
          <text key={`p${i}`} x={cx} y={y} fontSize={pPx} className="map-office__name" textAnchor="middle">
            {l}
          </text>
        );
        y += pPx + 4;
        return el;
      })}
      {sLines.map((l, i) => {
        const el = (
          <text key={`s${i}`} x={cx} y={y} fontSize={sPx} className="map-office__name map-office__name--secondary" textAnchor="middle">
            {l}
          </text>
        );
        y += sPx + 4;
        return el;
      })}
    </g>
  );
}

/** One floor drawn from the guide's geometry: offices, walkways, "you are here" and the way on this floor. */
export function FloorMap(props: { guide: GuideResponse; floor: GuideFloor; lang: Lang; officeId: string | null; route: GuideRoute | null; onSelect: (id: string) => void }) {
  const { guide, floor, lang, officeId, route } = props;
  const section = guide.content.offices;
  const here = section.youAreHere.floor === floor.id ? section.youAreHere : null;
  const leg = route?.legs.find((l) => l.floor === floor.id) ?? null;
  const nodes = new Map(section.walkways.nodes.map((n) => [n.id, n]));
  const changeNodes = section.walkways.edges
    .filter((e) => e.kind !== 'walk')
    .flatMap((e) => [nodes.get(e.from), nodes.get(e.to)].map((n) => (n && n.floor === floor.id ? { n, kind: e.kind } : null)))
    .filter((x): x is NonNullable<typeof x> => x !== null);
  const uniqueChange = [...new Map(changeNodes.map((c) => [c.n.id, c])).values()];
  const title = `${floor.name.zh} ${floor.name.en}`;
  return (
    <svg
      className="floor-map"
      viewBox={`0 0 ${floor.width} ${floor.height}`}
      role="img"
      aria-label={`${title}${here ? ' · 你在這裡 You are here' : ''}`}
      data-testid={`floor-map-${floor.id}`}
      data-floor={floor.id}
      preserveAspectRatio="xMidYMid meet"
    >
      <rect x={2} y={2} width={floor.width - 4} height={floor.height - 4} rx={16} className="floor-map__outline" />
      {section.walkways.edges.map((e, i) => {
        const a = nodes.get(e.from);
        const b = nodes.get(e.to);
        if (!a || !b || a.floor !== floor.id || b.floor !== floor.id) return null;
        return <line key={i} x1={a.x} y1={a.y} x2={b.x} y2={b.y} className="floor-map__walk" />;
      })}
      {uniqueChange.map(({ n, kind }) => (
        <g key={n.id} className="floor-map__change" aria-hidden="true">
          <rect x={n.x - 34} y={n.y - 34} width={68} height={68} rx={10} />
          <text x={n.x} y={n.y + 12} fontSize={34} textAnchor="middle">
            {kind === 'elevator' ? '⇅' : '≣'}
          </text>
        </g>
      ))}
      {section.offices
        .filter((o) => o.floor === floor.id)
        .map((o) => (
          <OfficeShape key={o.id} office={o} lang={lang} selected={o.id === officeId} onSelect={props.onSelect} />
        ))}
      {leg && leg.points.length > 1 && (
        <polyline
          points={leg.points.map((p) => `${p.x},${p.y}`).join(' ')}
          className="floor-map__route"
          data-testid="route-line"
          data-floor={floor.id}
          data-points={leg.points.length}
        />
      )}
      {leg && leg.points.length > 0 && route && route.legs.at(-1)!.floor === floor.id && (
        <circle cx={leg.points.at(-1)!.x} cy={leg.points.at(-1)!.y} r={16} className="floor-map__goal" />
      )}
      {here && (
        <g className="floor-map__here" data-testid="you-are-here">
          <circle cx={here.x} cy={here.y} r={20} />
          <text x={here.x} y={here.y + 62} fontSize={28} textAnchor="middle" className="floor-map__here-label">
            {label('youAreHere', lang)}
          </text>
          <text x={here.x} y={here.y + 92} fontSize={24} textAnchor="middle" className="floor-map__here-label">
            {label('youAreHere', lang === 'zh-TW' ? 'en' : 'zh-TW')}
          </text>
        </g>
      )}
    </svg>
  );
}
