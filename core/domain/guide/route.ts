/**
 * The way through the building: Dijkstra over the walkway graph, across
 * floors by stairs and elevator edges. Pure: content in, polylines out.
 * The start ("you are here") and the office door join the graph at the
 * nearest point of the nearest walkway on their floor, so a route follows
 * the corridor instead of cutting through rooms.
 *
 * The way is step-free unless stairs are asked for: the guide shows the lift
 * first (wheelchairs, prams, a walking frame, a bad knee) and offers the
 * stairs to whoever wants them. A ride that passes floors without leaving
 * the lift (or the stairwell) is one change, not one per floor.
 */
import type { GuideOfficesSection, GuideRoute } from '../../contract';

/** The cost of one floor change in map units: stairs cost more than a short walk. */
export const STAIRS_COST = 120;
export const ELEVATOR_COST = 160;

interface Pt {
  floor: string;
  x: number;
  y: number;
}
interface Link {
  to: string;
  cost: number;
  kind: 'walk' | 'stairs' | 'elevator';
}

export interface RouteOptions {
  /** May climb stairs; without it the way is step-free (lifts only). */
  stairs?: boolean;
}

const dist = (a: { x: number; y: number }, b: { x: number; y: number }) => Math.hypot(a.x - b.x, a.y - b.y);

/** The nearest point on segment ab to p, and how far along (0..1). */
function project(p: { x: number; y: number }, a: { x: number; y: number }, b: { x: number; y: number }): { x: number; y: number; t: number } {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2));
  return { x: a.x + t * dx, y: a.y + t * dy, t };
}

/** Builds the graph with two extra points joined in: START and END. */
function buildGraph(section: GuideOfficesSection, start: Pt, end: Pt, opts: RouteOptions) {
  const nodes = new Map<string, Pt>(section.walkways.nodes.map((n) => [n.id, { floor: n.floor, x: n.x, y: n.y }]));
  const adj = new Map<string, Link[]>();
  const link = (a: string, b: string, cost: number, kind: Link['kind']) => {
    if (!adj.has(a)) adj.set(a, []);
    if (!adj.has(b)) adj.set(b, []);
    adj.get(a)!.push({ to: b, cost, kind });
    adj.get(b)!.push({ to: a, cost, kind });
  };
  const walks: { a: string; b: string }[] = [];
  for (const e of section.walkways.edges) {
    const a = nodes.get(e.from);
    const b = nodes.get(e.to);
    if (!a || !b) continue;
    if (e.kind === 'stairs' && !opts.stairs) continue;
    if (a.floor !== b.floor || e.kind !== 'walk') {
      link(e.from, e.to, e.kind === 'elevator' ? ELEVATOR_COST : e.kind === 'stairs' ? STAIRS_COST : dist(a, b), e.kind === 'walk' ? 'stairs' : e.kind);
    } else {
      walks.push({ a: e.from, b: e.to });
      link(e.from, e.to, dist(a, b), 'walk');
    }
  }
  // Join a point to the walkway: to the foot on the nearest walk edge of its floor (or the nearest node).
  const join = (id: string, p: Pt) => {
    nodes.set(id, p);
    let best: { d: number; foot: { x: number; y: number; t: number }; a: string; b: string } | null = null;
    for (const w of walks) {
      const a = nodes.get(w.a)!;
      const b = nodes.get(w.b)!;
      if (a.floor !== p.floor) continue;
      const foot = project(p, a, b);
      const d = dist(p, foot);
      if (!best || d < best.d) best = { d, foot, a: w.a, b: w.b };
    }
    if (best) {
      const footId = `${id}:foot`;
      nodes.set(footId, { floor: p.floor, x: best.foot.x, y: best.foot.y });
      link(id, footId, best.d, 'walk');
      link(footId, best.a, dist(best.foot, nodes.get(best.a)!), 'walk');
      link(footId, best.b, dist(best.foot, nodes.get(best.b)!), 'walk');
      return;
    }
    let near: { id: string; d: number } | null = null;
    for (const [nid, n] of nodes) {
      if (nid === id || n.floor !== p.floor) continue;
      const d = dist(p, n);
      if (!near || d < near.d) near = { id: nid, d };
    }
    if (near) link(id, near.id, near.d, 'walk');
  };
  join('@start', start);
  join('@end', end);
  // The start and the end on the same walkway segment: a straight walk between their feet.
  const sf = nodes.get('@start:foot');
  const ef = nodes.get('@end:foot');
  if (sf && ef && sf.floor === ef.floor) link('@start:foot', '@end:foot', dist(sf, ef), 'walk');
  return { nodes, adj };
}

/** Dijkstra from START to END; null when the office cannot be reached. */
export function findRoute(section: GuideOfficesSection, officeId: string, opts: RouteOptions = {}): GuideRoute | null {
  const office = section.offices.find((o) => o.id === officeId);
  if (!office) return null;
  const start: Pt = { ...section.youAreHere };
  const end: Pt = { floor: office.floor, x: office.door.x, y: office.door.y };
  const { nodes, adj } = buildGraph(section, start, end, opts);
  const best = new Map<string, number>([['@start', 0]]);
  const prev = new Map<string, { from: string; kind: Link['kind'] }>();
  const done = new Set<string>();
  // The graphs are small (hundreds of nodes): a linear scan for the minimum is plenty.
  for (;;) {
    let u: string | null = null;
    let ud = Infinity;
    for (const [id, d] of best) if (!done.has(id) && d < ud) [u, ud] = [id, d];
    if (u === null) return null;
    if (u === '@end') break;
    done.add(u);
    for (const l of adj.get(u) ?? []) {
      const nd = ud + l.cost;
      if (nd < (best.get(l.to) ?? Infinity)) {
        best.set(l.to, nd);
        prev.set(l.to, { from: u, kind: l.kind });
      }
    }
  }
  const path: { id: string; via: Link['kind'] | null }[] = [];
  for (let id: string | undefined = '@end'; id; id = prev.get(id)?.from) path.unshift({ id, via: prev.get(id)?.kind ?? null });
  const legs: GuideRoute['legs'] = [];
  const changes: GuideRoute['changes'] = [];
  for (const step of path) {
    const p = nodes.get(step.id)!;
    const leg = legs.at(-1);
    if (leg && leg.floor !== p.floor) changes.push({ kind: step.via === 'elevator' ? 'elevator' : 'stairs', from: leg.floor, to: p.floor });
    if (!leg || leg.floor !== p.floor) legs.push({ floor: p.floor, points: [] });
    const pts = legs.at(-1)!.points;
    const last = pts.at(-1);
    if (!last || last.x !== p.x || last.y !== p.y) pts.push({ x: p.x, y: p.y });
  }
  return { officeId, ...mergeRides(legs, changes), distance: Math.round(best.get('@end')! * 10) / 10 };
}

/**
 * Joins back-to-back floor changes of one kind whose floor in between is only
 * passed (a single point: the lift stop or the landing), so "lift to 2F, then
 * lift to 3F" reads "lift to 3F" and 2F is not a floor of the way. Walking on
 * the floor in between (to another lift, say) keeps both changes.
 */
export function mergeRides(legs: GuideRoute['legs'], changes: GuideRoute['changes']): Pick<GuideRoute, 'legs' | 'changes'> {
  const outLegs = legs.slice(0, 1);
  const outChanges: GuideRoute['changes'] = [];
  changes.forEach((c, i) => {
    const passed = outLegs.at(-1)!;
    const prev = outChanges.at(-1);
    if (prev && prev.kind === c.kind && passed.points.length <= 1) {
      outLegs.pop();
      outChanges[outChanges.length - 1] = { ...prev, to: c.to };
    } else outChanges.push({ ...c });
    outLegs.push(legs[i + 1]!);
  });
  return { legs: outLegs, changes: outChanges };
}

/** The way to every office. */
export function allRoutes(section: GuideOfficesSection, opts: RouteOptions = {}): Record<string, GuideRoute | null> {
  return Object.fromEntries(section.offices.map((o) => [o.id, findRoute(section, o.id, opts)]));
}
