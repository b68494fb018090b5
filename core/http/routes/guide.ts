import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { API, guideSearchQuerySchema, guideSectionRequestSchema, guideSectionSchema, type GuideSearchResponse } from '../../contract';
import { DomainError } from '../../domain/errors';
import { staffOf } from '../route-access';
import { parse } from '../errors';
import type { HttpServices } from '../services';

/** A whole section (the floor plans with their walkways) is bigger than a command. */
const SECTION_BODY_LIMIT = 256 * 1024;

/** The guide is public and read-only (naming no staff account); desk staff (and admins) edit it a section at a time. */
export function guideRoutes(app: FastifyInstance, s: HttpServices): void {
  app.get(API.guide, async (_req, reply) => {
    void reply.header('cache-control', 'no-cache');
    return s.guide.view();
  });

  app.get(API.guideSearch, async (req): Promise<GuideSearchResponse> => {
    const { q } = parse(guideSearchQuerySchema, req.query);
    return { q, results: s.guide.search(q) };
  });

  app.get(API.staffGuide, async (_req, reply) => {
    void reply.header('cache-control', 'no-store');
    return s.guide.staffView();
  });

  app.put(API.staffGuideSectionPattern, { bodyLimit: SECTION_BODY_LIMIT }, async (req) => {
    const user = staffOf(req);
    const { section } = parse(z.strictObject({ section: guideSectionSchema }), req.params);
    const body = parse(guideSectionRequestSchema, req.body);
    const change = 'reset' in body ? ({ reset: true } as const) : { value: body.value };
    if (!('reset' in change) && change.value === undefined) throw new DomainError('invalid', 'value: Required');
    return s.guide.setSection(user.id, section, change);
  });
}
