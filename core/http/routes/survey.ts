import type { FastifyInstance } from 'fastify';
import { API, counterRatingRequestSchema, kioskRatingRequestSchema, statsQuerySchema } from '../../contract';
import { ratingCounterOf } from '../../contract';
import { DomainError } from '../../domain/errors';
import { parse } from '../errors';
import type { HttpServices } from '../services';

/**
 * Ratings come from counter tablets and kiosks, each by its credential and within its own
 * budget (the access hook, kioskGate); staff read the statistics.
 */
export function surveyRoutes(app: FastifyInstance, s: HttpServices): void {
  app.post(API.ratingsCounter, async (req, reply) => {
    // The access hook let only a rating tablet through; it answers its own counter's prompts.
    const counterId = ratingCounterOf(req.kiosk?.purpose);
    if (counterId === null) throw new DomainError('unauthorized', '此裝置尚未設定為評價平板 / This device is not set up as a rating tablet.');
    s.ratings.rateCounter(parse(counterRatingRequestSchema, req.body), counterId);
    return reply.status(201).send({ ok: true });
  });

  app.post(API.ratingsKiosk, async (req, reply) => {
    s.ratings.rateAtKiosk(parse(kioskRatingRequestSchema, req.body));
    return reply.status(201).send({ ok: true });
  });

  app.get(API.staffStats, async (req) => {
    const { from, to } = parse(statsQuerySchema, req.query);
    // Days not stored yet are stored first, a day per turn of the loop; stored figures are then read a month per turn.
    return s.stats.reportInTurns(from, to);
  });

  app.get(API.staffStatsCsv, async (req, reply) => {
    const { from, to } = parse(statsQuerySchema, req.query);
    const names = {
      services: new Map(s.site.services.map((x) => [x.id, `${x.name.zh} ${x.name.en}`])),
      counters: new Map(s.site.counters.map((x) => [x.id, `${x.name.zh} ${x.name.en}`])),
    };
    const text = await s.stats.csvInTurns(from, to, names);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="lobby-stats-${from}-${to}.csv"`)
      .send(text);
  });
}
