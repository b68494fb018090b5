import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GuideOfficesSection } from '../../../../core/contract';
import { assetsDir } from '../../../../core/config/load';
import { findRoute, allRoutes } from '../../../../core/domain/guide/route';
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

  it('changes floor by the cheapest way and returns a polyline per floor', () => {
    const r = findRoute(building, 'up')!;
    expect(r.legs.map((l) => l.floor)).toEqual(['g', 'u']);
    expect(r.changes).toEqual([{ kind: 'stairs', from: 'g', to: 'u' }]);
    expect(r.legs[0]!.points.at(-1)).toEqual({ x: 900, y: 300 });
    expect(r.legs[1]!.points[0]).toEqual({ x: 900, y: 300 });
    expect(r.legs[1]!.points.at(-1)).toEqual({ x: 860, y: 240 });
  });

  it('a step-free route takes the lift even when it is longer', () => {
    const r = findRoute(building, 'up', { stepFree: true })!;
    expect(r.changes).toEqual([{ kind: 'elevator', from: 'g', to: 'u' }]);
    expect(r.legs[0]!.points.at(-1)).toEqual({ x: 100, y: 300 });
    expect(r.distance).toBeGreaterThan(findRoute(building, 'up')!.distance);
  });

  it('returns null for an unknown or unreachable office', () => {
    expect(findRoute(building, 'nowhere')).toBeNull();
    expect(findRoute(building, 'island')).toBeNull();
  });

  it('reaches every office of both sample sites, across floors', () => {
    for (const id of ['taitung-prosecutors', 'hualien-prison']) {
      const g = loadGuideFile(join(assetsDir(), 'sites', id, 'guide', 'guide.json'));
      const routes = allRoutes(g.offices);
      for (const o of g.offices.offices) {
        const r = routes[o.id];
        expect(r, `${id}/${o.id}`).not.toBeNull();
        expect(r!.legs.at(-1)!.floor).toBe(o.floor);
        expect(r!.legs.at(-1)!.points.at(-1)).toEqual(o.door);
        expect(r!.changes.length).toBe(r!.legs.length - 1);
      }
      const third = g.offices.offices.find((o) => o.floor === '3f');
      if (third) expect(routes[third.id]!.legs.map((l) => l.floor)).toEqual(['1f', '2f', '3f']);
    }
  });
});
