import { createCounterDisplays } from '../../hardware/counter-display';
import { createKeypads } from '../../hardware/keypad';
import type { PublicSite } from '../contract';
import type { SiteConfig } from '../config/schema';
import { bindQueueDevices } from '../devices/queue-devices';
import type { EventBus } from '../domain/events';
import type { Queue } from '../domain/queue/queue';
import type { WatchedLine } from './lines';

/**
 * The counters' devices: caller keypads act on the queue, counter displays
 * show each call. Stopping unbinds them, then closes their lines.
 */
export function wireQueue(deps: { site: SiteConfig; publicSite: PublicSite; queue: Queue; bus: EventBus; log(msg: string): void }) {
  const { site } = deps;
  const keypads = createKeypads(site.queueDevices.keypads);
  const displayConfig = site.queueDevices.counterDisplays;
  const displays = createCounterDisplays(displayConfig);
  const bound = bindQueueDevices({
    queue: deps.queue,
    bus: deps.bus,
    counters: deps.publicSite.counters,
    keypads: keypads.keypads,
    displays: displays.displays,
    lines: [keypads.transport, displays.transport],
    log: deps.log,
  });
  const lines: WatchedLine[] = [
    { id: 'keypads', kind: 'keypad', name: { zh: '叫號鍵盤', en: 'Caller keypads' }, state: () => keypads.keypads?.state, link: keypads.transport },
    {
      id: 'counter-displays',
      kind: 'counter-display',
      name: { zh: '櫃台號碼顯示器', en: 'Counter displays' },
      state: () => displays.displays?.state,
      unanswered: () => displays.displays?.unanswered?.() ?? [],
      link: displays.transport,
    },
  ];
  return {
    keypads,
    displays,
    displayProtocol: displayConfig.driver === 'none' ? ('none' as const) : displayConfig.protocol.kind,
    lines,
    async stop() {
      bound.stop();
      await bound.close();
    },
  };
}
