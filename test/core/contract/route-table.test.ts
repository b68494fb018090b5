import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  ROUTES,
  TOPICS,
  TOPIC_ACCESS,
  TOPIC_SCHEMAS,
  TOPIC_TABLE,
  pathOf,
  queryString,
  routeKey,
  type RouteArgs,
  type RouteInput,
  type RouteOutput,
  type StaffUser,
} from '../../../core/contract';

describe('the route table', () => {
  it('holds each method and path once', () => {
    const keys = Object.values(ROUTES).map(routeKey);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('names every path parameter a route takes in its params schema', () => {
    for (const [name, def] of Object.entries(ROUTES)) {
      const inPath = [...def.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]);
      const declared = 'params' in def ? Object.keys((def.params as unknown as { shape: object }).shape) : [];
      expect(declared.sort(), name).toEqual(inPath.sort());
    }
  });

  it('fills a path with encoded parameters and refuses a missing one', () => {
    expect(pathOf(ROUTES.updateUser, { id: 7 })).toBe('/api/staff/users/7');
    expect(pathOf(ROUTES.phoneTicket, { token: 'a/b c' })).toBe('/api/phone/t/a%2Fb%20c');
    expect(() => pathOf(ROUTES.updateUser, {})).toThrow(/missing parameter id/);
  });

  it('writes a query string, leaving out absent values', () => {
    expect(queryString({ from: '2026-01-01', to: undefined, zh: '開 庭' })).toBe('?from=2026-01-01&zh=%E9%96%8B+%E5%BA%AD');
    expect(queryString({ to: undefined })).toBe('');
    expect(queryString(undefined)).toBe('');
  });

  it('types what a caller sends and gets, and what a handler receives, from the entry', () => {
    expectTypeOf<RouteOutput<typeof ROUTES.listUsers>>().toEqualTypeOf<{ users: StaffUser[] }>();
    expectTypeOf<RouteInput<typeof ROUTES.updateUser>['params']>().toEqualTypeOf<{ id: unknown }>();
    expectTypeOf<RouteArgs<typeof ROUTES.updateUser>['params']>().toEqualTypeOf<{ id: number }>();
    expectTypeOf<RouteArgs<typeof ROUTES.site>['body']>().toEqualTypeOf<undefined>();
    expectTypeOf<RouteOutput<typeof ROUTES.statsCsv>>().toEqualTypeOf<string>();
  });
});

describe('the topic table', () => {
  it('gives every topic its access and schema, read by the older names too', () => {
    expect(TOPICS).toEqual(Object.keys(TOPIC_TABLE));
    for (const t of TOPICS) {
      expect(TOPIC_ACCESS[t]).toBe(TOPIC_TABLE[t].access);
      expect(TOPIC_SCHEMAS[t]).toBe(TOPIC_TABLE[t].schema);
    }
  });
});
