import type { FastifyInstance } from 'fastify';
import { ROUTES } from '../../contract';
import { DomainError } from '../../domain/errors';
import { serve } from '../serve-route';
import type { HttpServices } from '../services';

/** The guide is public and read-only (naming no staff account); desk staff (and admins) edit it a section at a time. */
export function guideRoutes(app: FastifyInstance, s: HttpServices): void {
  serve(app, ROUTES.guide, ({ reply }) => {
    void reply.header('cache-control', 'no-cache');
    return s.guide.view();
  });

  serve(app, ROUTES.searchGuide, ({ query: { q } }) => ({ q, results: s.guide.search(q) }));

  serve(app, ROUTES.staffGuide, ({ reply }) => {
    void reply.header('cache-control', 'no-store');
    return s.guide.staffView();
  });

  serve(app, ROUTES.saveGuideSection, ({ params: { section }, body, staff }) => {
    const change = 'reset' in body ? ({ reset: true } as const) : { value: body.value };
    if (!('reset' in change) && change.value === undefined) throw new DomainError('invalid', 'value: Required');
    return s.guide.setSection(staff.id, section, change);
  });
}
