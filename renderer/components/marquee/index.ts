export { MarqueeBand, MarqueeStrip, type BandItem, type BandScreen } from './MarqueeBand';
export { LedStrip } from './LedStrip';
export { useLiveTopic } from './useLiveTopic';
