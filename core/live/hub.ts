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

/**
 * Full snapshots with a version per topic. Changes are coalesced to one
 * snapshot per tick, so a burst of tickets costs one rebuild, not one each.
 */
export function createLiveHub(providers: Providers, schedule: (fn: () => void) => void = setImmediate) {
  const versions = new Map<Topic, number>();
  const lastText = new Map<Topic, string>();
  const subscribers = new Map<Topic, Set<LiveClient>>();
  const dirty = new Set<Topic>();
  let flushScheduled = false;

  function build(topic: Topic): string {
    const version = (versions.get(topic) ?? 0) + 1;
    versions.set(topic, version);
    const msg = { type: 'snapshot', topic, version, data: providers[topic]() } as ServerMessage;
    const text = JSON.stringify(msg);
    lastText.set(topic, text);
    return text;
  }

  function current(topic: Topic): string {
    return lastText.get(topic) ?? build(topic);
  }

  function subscribe(client: LiveClient, topics: readonly Topic[]): void {
    for (const topic of topics) {
      let set = subscribers.get(topic);
      if (!set) subscribers.set(topic, (set = new Set()));
      set.add(client);
      client.send(current(topic));
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
      let text: string;
      try {
        text = build(topic);
      } catch {
        // The provider failed (e.g. a screen's socket closed while the lobby stops, after its
        // database closed): send nothing now; the next change publishes the topic again.
        continue;
      }
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
    const msg = JSON.parse(current(topic)) as { version: number; data: TopicData[T] };
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
