import { randomBytes } from 'node:crypto';
import type { CounterRatingRequest, KioskRatingRequest, RatingPrompts } from '../../contract';
import { localDay, localIso, type Clock } from '../../store/clock';
import { inTransaction, type Db } from '../../store/db';
import type { EventBus } from '../events';
import { DomainError } from '../errors';
import { columnChecks, maybeRow, numValue } from '../row-check';

const PROMPT_MS = 3 * 60_000;

interface Prompt {
  id: string;
  counterId: string;
  serviceId: string;
  expiresAt: number;
  usedAt: number | null;
}

const PROMPT = columnChecks('rating_prompts row');

function promptOf(row: unknown): Prompt {
  const r = PROMPT.row(row);
  return {
    id: PROMPT.text(r.id, 'id'),
    counterId: PROMPT.text(r.counter_id, 'counter_id'),
    serviceId: PROMPT.text(r.service_id, 'service_id'),
    expiresAt: PROMPT.time(r.expires_at, 'expires_at'),
    usedAt: PROMPT.timeOrNull(r.used_at, 'used_at'),
  };
}

/**
 * The instant rating (即時評價). Finishing a ticket opens a short-lived prompt
 * on that counter's tablet; one tap answers it, once. A rating records the
 * service and the counter — never the ticket or the person — so the monthly
 * figures measure the service, not a citizen.
 */
export function createRatings(deps: { db: Db; clock: Clock; bus: EventBus; timeZone: string; counterIds: readonly string[]; serviceIds: readonly string[] }) {
  const { db, clock, bus } = deps;
  const stmts = {
    expireOpen: db.prepare('UPDATE rating_prompts SET expires_at = ? WHERE counter_id = ? AND used_at IS NULL AND expires_at > ?'),
    insertPrompt: db.prepare('INSERT INTO rating_prompts (id, counter_id, service_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)'),
    openFor: db.prepare('SELECT * FROM rating_prompts WHERE counter_id = ? AND used_at IS NULL AND expires_at > ? ORDER BY created_at DESC LIMIT 1'),
    prompt: db.prepare('SELECT * FROM rating_prompts WHERE id = ?'),
    use: db.prepare('UPDATE rating_prompts SET used_at = ? WHERE id = ? AND used_at IS NULL'),
    insertRating: db.prepare('INSERT INTO ratings (at, day, service_id, counter_id, score, reasons, source) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    prune: db.prepare('DELETE FROM rating_prompts WHERE expires_at < ?'),
  };

  function open(counterId: string, serviceId: string): void {
    const now = clock.now();
    inTransaction(db, () => {
      stmts.expireOpen.run(now, counterId, now);
      stmts.insertPrompt.run(randomBytes(12).toString('base64url'), counterId, serviceId, now, now + PROMPT_MS);
      stmts.prune.run(now - 86_400_000);
    });
    bus.emit('rating.changed', {});
  }

  /** A tablet's answer: only to a prompt of `counterId`, the counter its credential is for. */
  function rateCounter(req: CounterRatingRequest, counterId: string): void {
    const now = clock.now();
    inTransaction(db, () => {
      const p = maybeRow(stmts.prompt.get(req.promptId), promptOf);
      // A tablet of another counter (or one that saw another's prompt id) may not answer it.
      if (p && p.counterId !== counterId) throw new DomainError('forbidden', '此評價不屬於本櫃台 / This rating belongs to another counter.');
      if (!p || p.usedAt !== null || p.expiresAt <= now) throw new DomainError('conflict', '此評價已完成或已逾時 / This rating was already given or has expired.');
      stmts.use.run(now, req.promptId);
      stmts.insertRating.run(now, localDay(now, deps.timeZone), p.serviceId, p.counterId, req.score, JSON.stringify([...new Set(req.reasons)]), 'counter');
    });
    bus.emit('rating.changed', {});
  }

  function rateAtKiosk(req: KioskRatingRequest): void {
    if (!deps.serviceIds.includes(req.serviceId)) throw new DomainError('not_found', `Unknown service: ${req.serviceId}`);
    const now = clock.now();
    stmts.insertRating.run(now, localDay(now, deps.timeZone), req.serviceId, null, req.score, JSON.stringify([...new Set(req.reasons)]), 'kiosk');
    bus.emit('rating.changed', {});
  }

  function prompts(): RatingPrompts {
    const now = clock.now();
    return {
      counters: deps.counterIds.map((counterId) => {
        const p = maybeRow(stmts.openFor.get(counterId, now), promptOf);
        return { counterId, prompt: p ? { id: p.id, serviceId: p.serviceId, expiresAt: localIso(p.expiresAt, deps.timeZone) } : null };
      }),
    };
  }

  /** The time of the next prompt expiry, so the board can drop it without a command. */
  function nextExpiry(): number | null {
    const t = db.prepare('SELECT MIN(expires_at) FROM rating_prompts WHERE used_at IS NULL AND expires_at > ?').pluck().get(clock.now());
    return t === null ? null : numValue(t, 'next rating prompt expiry');
  }

  return { open, rateCounter, rateAtKiosk, prompts, nextExpiry };
}

export type Ratings = ReturnType<typeof createRatings>;
