import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GuideOfficesSection } from '../../../../core/contract';
import { assetsDir } from '../../../../core/config/load';
import { allRoutes, findRoute, mergeRides } from '../../../../core/domain/guide/route';
import { loadGuideFile } from '../../../../core/domain/guide/guide';

/** Two floors: a corridor on each, stairs at the east end, a lift at the west end. */
const building: GuideOfficesSection = {
  floors: [
    { id: 'g', level: 1, name: { zh: '一樓', en: '1F' }, width: 1000, height: 600 },
    { id: 'u', level: 2, name: { zh: '二樓', en: '2F' }, width: 1000, height: 600 },
  ],
  offices: [
    { id: 'near', name: { zh: '近', en: 'Near' }, floor: 'g', x: 400, y: 60, w: 200, h: 180, door: { x: 500, y: 240 }, about: { zh: '甲', en: 'a' }, hours: { zh: '乙', en: 'b' } },
    { id: 'up', name: { zh: '樓上', en: 'Up' }, floor: 'u', x: 760, y: 60, w: 200, h: 180, door: { x: 860, y: 240 }, about: { zh: '甲', en: 'a' }, hours: { zh: '乙', en: 'b' } },
    { id: 'island', name: { zh: '孤島', en: 'Island' }, floor: 'x', x: 0, y: 0, w: 100, h: 100, door: { x: 50, y: 50 }, about: { zh: '甲', en: 'a' }, hours: { zh: '乙', en: 'b' } },
  ],
  youAreHere: { floor: 'g', x: 300, y: 340 },
  walkways: {
    nodes: [
      { id: 'gw', floor: 'g', x: 100, y: 300 },
      { id: 'ge', floor: 'g', x: 900, y: 300 },
      { id: 'uw', floor: 'u', x: 100, y: 300 },
      { id: 'ue', floor: 'u', x: 900, y: 300 },
    ],
    edges: [
      { from: 'gw', to: 'ge', kind: 'walk' },
      { from: 'uw', to: 'ue', kind: 'walk' },
      { from: 'ge', to: 'ue', kind: 'stairs' },
      { from: 'gw', to: 'uw', kind: 'elevator' },
    ],
  },
};

describe('guide route finder', () => {
  it('walks along the corridor on one floor, from "you are here" to the door', () => {
    const r = findRoute(building, 'near')!;
    expect(r.legs).toHaveLength(1);
    expect(r.changes).toEqual([]);
    const pts = r.legs[0]!.points;
    expect(pts[0]).toEqual({ x: 300, y: 340 });
    expect(pts.at(-1)).toEqual({ x: 500, y: 240 });
    // via the corridor (y = 300), not straight through the wall
    expect(pts.some((p) => p.y === 300)).toBe(true);
    expect(r.distance).toBeCloseTo(40 + 200 + 60, 5);
  });

  it('with stairs allowed, changes floor by the cheapest way and returns a polyline per floor', () => {
    const r = findRoute(building, 'up', { stairs: true })!;
    expect(r.legs.map((l) => l.floor)).toEqual(['g', 'u']);
    expect(r.changes).toEqual([{ kind: 'stairs', from: 'g', to: 'u' }]);
    expect(r.legs[0]!.points.at(-1)).toEqual({ x: 900, y: 300 });
    expect(r.legs[1]!.points[0]).toEqual({ x: 900, y: 300 });
    expect(r.legs[1]!.points.at(-1)).toEqual({ x: 860, y: 240 });
  });

  it('is step-free unless stairs are asked for: the lift, even when it is longer', () => {
    const r = findRoute(building, 'up')!;
    expect(r.changes).toEqual([{ kind: 'elevator', from: 'g', to: 'u' }]);
    expect(r.legs[0]!.points.at(-1)).toEqual({ x: 100, y: 300 });
    expect(r.distance).toBeGreaterThan(findRoute(building, 'up', { stairs: true })!.distance);
  });

  it('returns null for an unknown or unreachable office', () => {
    expect(findRoute(building, 'nowhere')).toBeNull();
    expect(findRoute(building, 'island')).toBeNull();
  });

  it('reaches every office of both sample sites, across floors', () => {
    for (const id of ['taitung-prosecutors', 'hualien-prison']) {
      const g = loadGuideFile(join(assetsDir(), 'sites', id, 'guide', 'guide.json'));
      for (const stairs of [false, true]) {
        const routes = allRoutes(g.offices, { stairs });
        for (const o of g.offices.offices) {
          const r = routes[o.id];
          expect(r, `${id}/${o.id}`).not.toBeNull();
          expect(r!.legs.at(-1)!.floor).toBe(o.floor);
          expect(r!.legs.at(-1)!.points.at(-1)).toEqual(o.door);
          expect(r!.changes.length).toBe(r!.legs.length - 1);
          if (!stairs) expect(r!.changes.every((c) => c.kind === 'elevator'), `${id}/${o.id}`).toBe(true);
        }
        // 1F to 3F is one ride, up the lift (or the stairs) without stopping on 2F
        for (const third of g.offices.offices.filter((o) => o.floor === '3f')) {
          expect(routes[third.id]!.legs.map((l) => l.floor)).toEqual(['1f', '3f']);
          expect(routes[third.id]!.changes).toMatchObject([{ from: '1f', to: '3f' }]);
        }
      }
    }
  });
});

/** Three floors: a lift at the west end; stairs at the east end from 1F to 2F, and from 2F to 3F at the west end. */
const tower: GuideOfficesSection = {
  floors: [1, 2, 3].map((level) => ({ id: `f${level}`, level, name: { zh: `${level}樓`, en: `${level}F` }, width: 1000, height: 600 })),
  offices: [{ id: 'top', name: { zh: '頂樓', en: 'Top' }, floor: 'f3', x: 100, y: 60, w: 200, h: 180, door: { x: 200, y: 240 }, about: { zh: '甲', en: 'a' }, hours: { zh: '乙', en: 'b' } }],
  youAreHere: { floor: 'f1', x: 900, y: 340 },
  walkways: {
    nodes: [1, 2, 3].flatMap((level) => [
      { id: `w${level}`, floor: `f${level}`, x: 100, y: 300 },
      { id: `e${level}`, floor: `f${level}`, x: 900, y: 300 },
    ]),
    edges: [
      { from: 'w1', to: 'e1', kind: 'walk' },
      { from: 'w2', to: 'e2', kind: 'walk' },
      { from: 'w3', to: 'e3', kind: 'walk' },
      { from: 'w1', to: 'w2', kind: 'elevator' },
      { from: 'w2', to: 'w3', kind: 'elevator' },
      { from: 'e1', to: 'e2', kind: 'stairs' },
      { from: 'w2', to: 'w3', kind: 'stairs' },
    ],
  },
};

describe('floor changes on the way', () => {
  it('a 1F→3F lift ride is one change, and 2F, only passed, is not a floor of the way', () => {
    const r = findRoute(tower, 'top')!;
    expect(r.changes).toEqual([{ kind: 'elevator', from: 'f1', to: 'f3' }]);
    expect(r.legs.map((l) => l.floor)).toEqual(['f1', 'f3']);
    expect(r.legs[0]!.points.at(-1)).toEqual({ x: 100, y: 300 });
    expect(r.legs[1]!.points[0]).toEqual({ x: 100, y: 300 });
  });

  it('stairs with a walk across 2F to the next flight stay two changes', () => {
    const r = findRoute(tower, 'top', { stairs: true })!;
    expect(r.changes).toEqual([
      { kind: 'stairs', from: 'f1', to: 'f2' },
      { kind: 'stairs', from: 'f2', to: 'f3' },
    ]);
    expect(r.legs.map((l) => l.floor)).toEqual(['f1', 'f2', 'f3']);
    expect(r.legs[1]!.points).toEqual([
      { x: 900, y: 300 },
      { x: 100, y: 300 },
    ]);
  });

  it('mergeRides joins only rides of one kind through a floor that is only passed', () => {
    const at = (floor: string, n: number) => ({ floor, points: Array.from({ length: n }, (_, i) => ({ x: i, y: 0 })) });
    const lift = (from: string, to: string) => ({ kind: 'elevator' as const, from, to });
    const stairs = (from: string, to: string) => ({ kind: 'stairs' as const, from, to });
    expect(mergeRides([at('1', 3), at('2', 1), at('3', 1), at('4', 2)], [lift('1', '2'), lift('2', '3'), lift('3', '4')])).toEqual({
      legs: [at('1', 3), at('4', 2)],
      changes: [lift('1', '4')],
    });
    // the lift to 2F, then the stairs from the same landing: two different things to do
    expect(mergeRides([at('1', 3), at('2', 1), at('3', 2)], [lift('1', '2'), stairs('2', '3')]).changes).toHaveLength(2);
    expect(mergeRides([at('1', 2)], [])).toEqual({ legs: [at('1', 2)], changes: [] });
  });
});
