import type { ServerMessage, Topic, TopicData } from '../contract';

export interface LiveClient {
  send(text: string): void;
  /**
   * Asked before each snapshot of a topic the client follows: false takes the topic from
   * it (the socket tells its screen why). Must be cheap: it runs on every publish.
   */
  keeps?(topic: Topic): boolean;
}

type Providers = { [T in Topic]: () => TopicData[T] };

/** The lobby's logger (its `err` serializer scrubs personal data from errors). */
export interface LiveLog {
  error(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

export interface LiveHubOptions {
  log: LiveLog;
  /** When coalesced changes are sent; tests flush by hand. */
  schedule?: (fn: () => void) => void;
}

/**
 * Full snapshots with a version per topic. Changes are coalesced to one
 * snapshot per tick, so a burst of tickets costs one rebuild, not one each.
 * A provider that throws is logged and its screens keep the last snapshot;
 * the topic's next change is built again, so the board moves on once it can.
 */
export function createLiveHub(providers: Providers, options: LiveHubOptions) {
  const { log } = options;
  const schedule = options.schedule ?? setImmediate;
  const versions = new Map<Topic, number>();
  const lastText = new Map<Topic, string>();
  const subscribers = new Map<Topic, Set<LiveClient>>();
  const dirty = new Set<Topic>();
  /** Failures in a row per topic: the 1st, 10th, 100th… are logged, so a provider failing on every change cannot flood the log. */
  const failures = new Map<Topic, number>();
  let flushScheduled = false;

  /** The topic's snapshot as sent, or null when its provider failed (logged). */
  function build(topic: Topic): string | null {
    let data: TopicData[Topic];
    try {
      data = providers[topic]();
    } catch (err) {
      const n = (failures.get(topic) ?? 0) + 1;
      failures.set(topic, n);
      if (Number.isInteger(Math.log10(n))) log.error({ area: 'live', topic, failures: n, err }, `the ${topic} snapshot could not be built; its screens keep the last one`);
      return null;
    }
    const failed = failures.get(topic);
    if (failed) {
      failures.delete(topic);
      log.info({ area: 'live', topic, failures: failed }, `the ${topic} snapshot is built again`);
    }
    const version = (versions.get(topic) ?? 0) + 1;
    versions.set(topic, version);
    const text = JSON.stringify({ type: 'snapshot', topic, version, data } as ServerMessage);
    lastText.set(topic, text);
    return text;
  }

  function current(topic: Topic): string | null {
    return lastText.get(topic) ?? build(topic);
  }

  function subscribe(client: LiveClient, topics: readonly Topic[]): void {
    for (const topic of topics) {
      let set = subscribers.get(topic);
      if (!set) subscribers.set(topic, (set = new Set()));
      set.add(client);
      const text = current(topic);
      // No snapshot yet: tried again on the next turn, and on every change after, until one is built.
      if (text === null) publish(topic);
      else client.send(text);
    }
  }

  function unsubscribe(client: LiveClient, topics?: readonly Topic[]): void {
    if (!topics) for (const set of subscribers.values()) set.delete(client);
    else for (const topic of topics) subscribers.get(topic)?.delete(client);
  }

  function follows(client: LiveClient, topic: Topic): boolean {
    return subscribers.get(topic)?.has(client) ?? false;
  }

  function flush(): void {
    flushScheduled = false;
    const topics = [...dirty];
    dirty.clear();
    for (const topic of topics) {
      const text = build(topic);
      if (text === null) continue;
      const set = subscribers.get(topic);
      for (const client of set ?? []) {
        if (client.keeps && !client.keeps(topic)) {
          set!.delete(client);
          continue;
        }
        try {
          client.send(text);
        } catch {
          // A client that went away mid-send is dropped by its close handler.
        }
      }
    }
  }

  function publish(topic: Topic): void {
    dirty.add(topic);
    if (!flushScheduled) {
      flushScheduled = true;
      schedule(flush);
    }
  }

  function snapshot<T extends Topic>(topic: T): { version: number; data: TopicData[T] } {
    const text = current(topic);
    if (text === null) throw new Error(`no ${topic} snapshot could be built`);
    const msg = JSON.parse(text) as { version: number; data: TopicData[T] };
    return { version: msg.version, data: msg.data };
  }

  function clientCount(): number {
    const all = new Set<LiveClient>();
    for (const set of subscribers.values()) for (const c of set) all.add(c);
    return all.size;
  }

  return { subscribe, unsubscribe, follows, publish, snapshot, flush, clientCount };
}

export type LiveHub = ReturnType<typeof createLiveHub>;
