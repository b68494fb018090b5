import { useEffect } from 'react';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { TOPIC_ACCESS, type Topic, type TopicData } from '../../../core/contract';
import { screenLive, type LiveSlice } from '../../features/live/slice';

const NOTHING = createStore<LiveSlice>(() => ({ connection: 'idle', snapshots: {} }));

/**
 * The latest snapshot of a public `topic` on this screen's one live socket:
 * the topic is added to the socket the screen already has (screenLive()), and
 * read from the store that socket feeds. Without a socket (a unit test, a
 * screen that never bridged one) it stays undefined.
 */
export function useLiveTopic<T extends Topic>(topic: T): TopicData[T] | undefined {
  const live = screenLive();
  useEffect(() => {
    if (live && TOPIC_ACCESS[topic] === 'public') live.client.addTopics([topic]);
  }, [live, topic]);
  return useStore(live?.store ?? NOTHING, (s) => s.snapshots[topic]) as TopicData[T] | undefined;
}
