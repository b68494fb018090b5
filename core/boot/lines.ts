import type { Bilingual, DeviceHealth } from '../contract';
import { createLinkWatch, linkHealth } from '../devices/link-health';
import type { EventBus } from '../domain/events';
import type { Clock } from '../store/clock';
import type { ByteTransport, TransportState } from '../../hardware/transports/types';
import type { Ticking } from './scheduler';

/** A device known by its line: its state read when asked (absent: no such device on this site). */
export interface WatchedLine {
  id: string;
  kind: DeviceHealth['kind'];
  name: Bilingual;
  state(): TransportState | undefined;
  /** On a bus whose devices answer (Modbus displays): the addresses that stopped answering. */
  unanswered?(): number[];
  /** The serial link, whose drops and returns are heard at once. */
  link?: ByteTransport;
}

/**
 * Keypads, counter displays and the scanner report like the printer: a line
 * that drops or comes back, or a display that stops answering, reaches the
 * staff view within a second (the link's own events, and a look on every tick
 * for what has none).
 */
export function watchLines(deps: { lines: readonly WatchedLine[]; clock: Clock; timeZone: string; bus: EventBus }): Ticking & { health(): DeviceHealth[]; stop(): void } {
  const { bus } = deps;
  const watch = createLinkWatch(() => deps.clock.now());

  function health(): DeviceHealth[] {
    const out: DeviceHealth[] = [];
    for (const line of deps.lines) {
      const state = line.state();
      if (!state) continue;
      const silent = line.unanswered?.() ?? [];
      out.push(linkHealth(line.id, line.kind, line.name, state, watch.since(line.id, state, silent), deps.timeZone, silent));
    }
    return out;
  }

  const offs = deps.lines.flatMap((line) => (line.link ? [line.link.onState(() => bus.emit('devices.changed', {}))] : []));
  return {
    health,
    tick() {
      const before = watch.key();
      health();
      if (watch.key() !== before) bus.emit('devices.changed', {});
    },
    stop: () => offs.forEach((off) => off()),
  };
}
