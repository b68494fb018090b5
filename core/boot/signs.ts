import type { SiteConfig } from '../config/schema';
import { bindSigns } from '../devices/signs';
import type { EventBus } from '../domain/events';
import type { Emergencies } from '../domain/marquee/emergency';
import type { Marquee } from '../domain/marquee/marquee';
import type { Clock } from '../store/clock';

/** The LED signs show each one's marquee messages, an emergency over all. Stopping unbinds them, then closes them. */
export function wireSigns(deps: { site: SiteConfig; clock: Clock; bus: EventBus; marquee: Marquee; emergencies: Emergencies; log(msg: string): void }) {
  const { marquee, emergencies, bus } = deps;
  const signs = bindSigns({
    configs: deps.site.signs,
    bus,
    clock: deps.clock,
    timeZone: deps.site.timeZone,
    messagesFor: (id) => marquee.activeFor(`sign:${id}`),
    emergency: () => emergencies.state().active,
    onChange: () => bus.emit('devices.changed', {}),
    log: deps.log,
  });
  return {
    signs: signs.signs,
    health: signs.health,
    async stop() {
      signs.stop();
      await signs.close();
    },
  };
}
