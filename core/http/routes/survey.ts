import type { FastifyInstance } from 'fastify';
import { API, counterRatingRequestSchema, kioskRatingRequestSchema, statsQuerySchema } from '../../contract';
import { parse } from '../errors';
import { createRateLimiter } from '../rate-limit';
import type { HttpServices } from '../services';

/** Ratings come from counter tablets and kiosks; staff read the statistics. */
export function surveyRoutes(app: FastifyInstance, s: HttpServices): void {
  // A prompt is single-use already; this only keeps a script on the Wi-Fi from hammering the check.
  const tablets = createRateLimiter({ limit: 60, windowMs: 60_000, message: '請稍候再試 / Please try again in a moment.' });

  app.post(API.ratingsCounter, async (req, reply) => {
    tablets.hit(req.ip);
    s.ratings.rateCounter(parse(counterRatingRequestSchema, req.body));
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
