/**
 * 科室與地圖 Offices: each office's name, floor (a select), place on the floor
 * (tap the floor map, or type x/y and watch the map), what it does, hours and
 * phone. The floors, walkways and "you are here" are the building's and come
 * from the site file; staff move and describe offices, not walls.
 */
import { useId, useState, type MouseEvent } from 'react';
import type { GuideContent, GuideFloor, GuideOffice, GuideOfficesSection } from '../../../core/contract';
import { BiField, FieldError, ItemList, LabelText, NumField, Summary, TextField } from './GuideFields';
import { move, newOffice, officeCentredAt, replaced, stepsUsing, without, type FieldErrors } from './guideDraft';

type TapSets = 'office' | 'door';

export function OfficesEditor({ value, onChange, errors, content }: { value: GuideOfficesSection; onChange: (v: GuideOfficesSection) => void; errors: FieldErrors; content: GuideContent }) {
  const [editing, setEditing] = useState<number | null>(null);
  const [notice, setNotice] = useState<{ zh: string; en: string } | null>(null);
  const floors = [...value.floors].sort((a, b) => a.level - b.level);
  const offices = value.offices;
  const setOffices = (next: GuideOffice[]) => onChange({ ...value, offices: next });
  const floorOf = (id: string) => floors.find((f) => f.id === id) ?? floors[0]!;

  return (
    <>
      <p className="muted ge-note">
        <LabelText
          label={{
            zh: '樓層、走道與「你在這裡」依站台檔案設定；這裡編輯各科室的名稱、位置與資訊。',
            en: 'Floors, walkways and "you are here" come from the site file; here you edit each office: its name, place and details.',
          }}
        />
      </p>
      {notice && (
        <p className="inline-error" role="alert" data-testid="guide-office-notice">
          <span lang="zh-TW">{notice.zh}</span> <span lang="en">{notice.en}</span>
        </p>
      )}
      <ItemList
        items={offices}
        errors={errors}
        pathOf={(i) => `offices.${i}`}
        summary={(o) => (
          <>
            <span className="ge-floor-badge">{floorOf(o.floor).name.zh}</span> <Summary text={o.name} fallback={{ zh: '（尚未填寫名稱）', en: '(no name yet)' }} />
          </>
        )}
        editing={editing}
        onEdit={(i) => {
          setNotice(null);
          setEditing(i);
        }}
        onMove={(a, b) => {
          setOffices(move(offices, a, b));
          setEditing(editing === a ? b : editing);
        }}
        onRemove={(i) => {
          // A procedure step sending people to this office would point nowhere: say which, and keep it.
          const users = stepsUsing(content.procedures, offices[i]!.id);
          if (users.length) {
            setNotice({
              zh: `無法刪除：${users.map((u) => `「${u.procedure.title.zh}」第 ${u.step} 步`).join('、')}指向這個科室，請先到「作業流程」修改。`,
              en: `Cannot remove: ${users.map((u) => `step ${u.step} of "${u.procedure.title.en}"`).join(', ')} sends people here; change it under Procedures first.`,
            });
            return;
          }
          setNotice(null);
          setOffices(without(offices, i));
          setEditing(null);
        }}
        canRemove={offices.length > 1}
        onAdd={() => {
          setOffices([...offices, newOffice(offices, floorOf(value.youAreHere.floor))]);
          setEditing(offices.length);
        }}
        canAdd={offices.length < 80}
        addLabel={{ zh: '新增科室', en: 'Add an office' }}
        itemNoun={{ zh: '科室', en: 'office' }}
        testPrefix="guide-office-item"
        form={(o, i) => <OfficeForm office={o} path={`offices.${i}`} floors={floors} section={value} errors={errors} onChange={(next) => setOffices(replaced(offices, i, next))} />}
      />
    </>
  );
}

function OfficeForm(props: { office: GuideOffice; path: string; floors: GuideFloor[]; section: GuideOfficesSection; errors: FieldErrors; onChange: (o: GuideOffice) => void }) {
  const { office: o, path, errors, floors } = props;
  const [pick, setPick] = useState<TapSets>('office');
  const floorId = useId();
  const floor = floors.find((f) => f.id === o.floor) ?? floors[0]!;
  const set = (next: Partial<GuideOffice>) => props.onChange({ ...o, ...next });
  const err = (k: string) => errors.get(`${path}.${k}`);
  return (
    <>
      <BiField label={{ zh: '名稱', en: 'Name' }} name="name" value={o.name} onChange={(name) => set({ name })} errors={errors} path={`${path}.name`} max={60} />
      <div className="ge-field">
        <label htmlFor={floorId} className="ge-label">
          <LabelText label={{ zh: '樓層', en: 'Floor' }} />
        </label>
        <select
          id={floorId}
          className="ge-input"
          value={o.floor}
          // Another floor may be smaller: the office stays inside it.
          onChange={(e) => {
            const to = floors.find((f) => f.id === e.target.value)!;
            props.onChange({ ...officeCentredAt(o, { x: o.x + o.w / 2, y: o.y + o.h / 2 }, to), floor: to.id });
          }}
          aria-invalid={err('floor') ? true : undefined}
          aria-describedby={err('floor') ? `${floorId}-error` : undefined}
          data-testid="gf-floor"
        >
          {floors.map((f) => (
            <option key={f.id} value={f.id}>
              {f.name.zh} {f.name.en}
            </option>
          ))}
        </select>
        <FieldError id={`${floorId}-error`} error={err('floor')} />
      </div>
      <fieldset className="ge-place">
        <legend className="ge-label">
          <LabelText label={{ zh: '位置：點一下地圖來放置', en: 'Place: tap the floor map' }} />
        </legend>
        <div className="ge-place__pick" role="radiogroup" aria-label="點地圖設定 What a tap sets">
          {(
            [
              ['office', { zh: '科室位置', en: 'The office' }],
              ['door', { zh: '入口（路線終點）', en: 'Its door (where the way ends)' }],
            ] as const
          ).map(([k, l]) => (
            <label key={k} className="ge-radio">
              <input type="radio" name={`${path}-pick`} checked={pick === k} onChange={() => setPick(k)} data-testid={`gf-pick-${k}`} />
              <LabelText label={l} />
            </label>
          ))}
        </div>
        <PlaceMap section={props.section} floor={floor} office={o} onPick={(at) => props.onChange(pick === 'office' ? officeCentredAt(o, at, floor) : { ...o, door: at })} />
        <div className="ge-row ge-row--nums">
          <NumField label={{ zh: '左 x', en: 'Left x' }} name="x" value={o.x} onChange={(x) => props.onChange(shifted(o, { x: x ?? Number.NaN }))} error={err('x')} min={0} max={floor.width} />
          <NumField label={{ zh: '上 y', en: 'Top y' }} name="y" value={o.y} onChange={(y) => props.onChange(shifted(o, { y: y ?? Number.NaN }))} error={err('y')} min={0} max={floor.height} />
          <NumField label={{ zh: '寬', en: 'Width' }} name="w" value={o.w} onChange={(w) => set({ w })} error={err('w')} min={10} />
          <NumField label={{ zh: '高', en: 'Height' }} name="h" value={o.h} onChange={(h) => set({ h })} error={err('h')} min={10} />
          <NumField label={{ zh: '入口 x', en: 'Door x' }} name="door-x" value={o.door.x} onChange={(x) => set({ door: { ...o.door, x: x ?? Number.NaN } })} error={err('door.x')} min={0} />
          <NumField label={{ zh: '入口 y', en: 'Door y' }} name="door-y" value={o.door.y} onChange={(y) => set({ door: { ...o.door, y: y ?? Number.NaN } })} error={err('door.y')} min={0} />
        </div>
      </fieldset>
      <BiField label={{ zh: '業務簡介', en: 'What it does' }} name="about" value={o.about} onChange={(about) => set({ about })} errors={errors} path={`${path}.about`} max={600} multiline />
      <BiField label={{ zh: '服務時間', en: 'Opening hours' }} name="hours" value={o.hours} onChange={(hours) => set({ hours })} errors={errors} path={`${path}.hours`} max={120} />
      <TextField
        label={{ zh: '電話／分機（可空白）', en: 'Phone / extension (may be blank)' }}
        name="extension"
        value={o.extension ?? ''}
        onChange={(extension) => set({ extension })}
        error={err('extension')}
        max={40}
      />
      <TextField
        label={{ zh: '代號', en: 'ID' }}
        name="id"
        value={o.id}
        onChange={(id) => set({ id })}
        error={err('id')}
        hint={{ zh: '作業流程與連結用的代號，通常不必修改', en: 'Procedures and links use it; usually leave as it is' }}
        lang="en"
        max={40}
      />
    </>
  );
}

/** The office at a typed x or y; its door keeps its place on the office (a blank or half-typed number leaves the door be). */
function shifted(o: GuideOffice, to: { x?: number; y?: number }): GuideOffice {
  const dx = to.x !== undefined && Number.isFinite(to.x) && Number.isFinite(o.x) ? to.x - o.x : 0;
  const dy = to.y !== undefined && Number.isFinite(to.y) && Number.isFinite(o.y) ? to.y - o.y : 0;
  return { ...o, ...to, door: { x: o.door.x + dx, y: o.door.y + dy } };
}

/** A label's font size that fits its box: at most `px`, smaller for a long name. */
const fitPx = (text: string, width: number, px: number) => Math.max(12, Math.min(px, (width - 16) / Math.max(1, [...text].length)));

/** The floor as the guide draws it, this office highlighted; a tap reports the point in map units. */
function PlaceMap({ section, floor, office, onPick }: { section: GuideOfficesSection; floor: GuideFloor; office: GuideOffice; onPick: (at: { x: number; y: number }) => void }) {
  const nodes = new Map(section.walkways.nodes.map((n) => [n.id, n]));
  const here = section.youAreHere.floor === floor.id ? section.youAreHere : null;
  const tap = (e: MouseEvent<SVGSVGElement>) => {
    const svg = e.currentTarget;
    const m = svg.getScreenCTM();
    if (!m) return;
    const p = new DOMPoint(e.clientX, e.clientY).matrixTransform(m.inverse());
    onPick({ x: Math.round(Math.max(0, Math.min(floor.width, p.x))), y: Math.round(Math.max(0, Math.min(floor.height, p.y))) });
  };
  const ok = [office.x, office.y, office.w, office.h, office.door.x, office.door.y].every(Number.isFinite);
  return (
    <svg
      className="ge-map"
      viewBox={`0 0 ${floor.width} ${floor.height}`}
      role="img"
      aria-label={`${floor.name.zh} ${floor.name.en}：點一下放置，或填下方的 x、y Tap to place, or type x and y below`}
      onClick={tap}
      data-testid="gf-map"
      data-floor={floor.id}
    >
      <rect x={2} y={2} width={floor.width - 4} height={floor.height - 4} rx={16} className="ge-map__outline" />
      {section.walkways.edges.map((e, i) => {
        const a = nodes.get(e.from);
        const b = nodes.get(e.to);
        if (!a || !b || a.floor !== floor.id || b.floor !== floor.id) return null;
        return <line key={i} x1={a.x} y1={a.y} x2={b.x} y2={b.y} className="ge-map__walk" />;
      })}
      {section.offices
        .filter((x) => x.floor === floor.id && x !== office)
        .map((x) => (
          <g key={x.id} className="ge-map__other">
            <rect x={x.x} y={x.y} width={x.w} height={x.h} rx={8} />
            <text x={x.x + x.w / 2} y={x.y + x.h / 2 + 10} fontSize={fitPx(x.name.zh, x.w, 28)} textAnchor="middle">
              {x.name.zh}
            </text>
          </g>
        ))}
      {here && <circle cx={here.x} cy={here.y} r={16} className="ge-map__here" />}
      {ok && (
        <g className="ge-map__this" data-testid="gf-map-office">
          <rect x={office.x} y={office.y} width={office.w} height={office.h} rx={8} />
          <text x={office.x + office.w / 2} y={office.y + office.h / 2 + 12} fontSize={fitPx(office.name.zh || '＋', office.w, 32)} textAnchor="middle">
            {office.name.zh || '＋'}
          </text>
          <circle cx={office.door.x} cy={office.door.y} r={14} className="ge-map__door" data-testid="gf-map-door" />
        </g>
      )}
    </svg>
  );
}
