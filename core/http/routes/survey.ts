import type { FastifyInstance } from 'fastify';
import { ratingCounterOf, ROUTES } from '../../contract';
import { DomainError } from '../../domain/errors';
import { OK, serve } from '../serve-route';
import type { HttpServices } from '../services';

/**
 * Ratings come from counter tablets and kiosks, each by its credential and within its own
 * budget (the access hook, kioskGate); staff read the statistics.
 */
export function surveyRoutes(app: FastifyInstance, s: HttpServices): void {
  serve(app, ROUTES.rateCounter, ({ body, req }) => {
    // The access hook let only a rating tablet through; it answers its own counter's prompts.
    const counterId = ratingCounterOf(req.kiosk?.purpose);
    if (counterId === null) throw new DomainError('unauthorized', '此裝置尚未設定為評價平板 / This device is not set up as a rating tablet.');
    s.ratings.rateCounter(body, counterId);
    return OK;
  });

  serve(app, ROUTES.rateAtKiosk, ({ body }) => {
    s.ratings.rateAtKiosk(body);
    return OK;
  });

  // Days not stored yet are stored first, a day per turn of the loop; stored figures are then read a month per turn.
  serve(app, ROUTES.stats, ({ query: { from, to } }) => s.stats.reportInTurns(from, to));

  serve(app, ROUTES.statsCsv, async ({ query: { from, to }, reply }) => {
    const names = {
      services: new Map(s.site.services.map((x) => [x.id, `${x.name.zh} ${x.name.en}`])),
      counters: new Map(s.site.counters.map((x) => [x.id, `${x.name.zh} ${x.name.en}`])),
    };
    void reply.header('content-disposition', `attachment; filename="lobby-stats-${from}-${to}.csv"`);
    return s.stats.csvInTurns(from, to, names);
  });
}
