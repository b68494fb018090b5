import { applyDocumentLang } from '../../i18n';
import { bridgeLive } from '../../features/live/slice';
import { promptFor } from '../../features/rating/flow';
import { counterByKey, counterKeyFromPath } from './counter-key';
import { RateApp } from './RateApp';
import { useRate } from './state';

export function start(path: string): void {
  const counterKey = counterKeyFromPath(path);
  useRate.setState({ counterKey });
  applyDocumentLang(useRate.getState().lang);
  void useRate.getState().loadSite();
  // A provisioned tablet's credential cookie rides the socket's upgrade; without one the
  // server refuses the prompts (they are for this counter's tablet only).
  bridgeLive(useRate, ['rating.prompts'], {
    onServerError: (message) => {
      if (message.includes('rating.prompts')) useRate.setState({ refused: true });
    },
  });
  // The counter's open prompt drives the screen; back to calm, look again (a prompt may have opened meanwhile).
  const follow = () => {
    const s = useRate.getState();
    const counterId = s.counterId;
    if (!counterId) return;
    s.dispatch({ type: 'prompt', promptId: promptFor(s.snapshots['rating.prompts'], counterId)?.id ?? null });
  };
  useRate.subscribe((s, prev) => {
    // The key is read against the site's counters once they are known: /rate/1 is counter c1's tablet.
    if (s.site && s.site !== prev.site) {
      useRate.setState({ counterId: counterByKey(s.site.counters, counterKey)?.id ?? null });
      follow();
      return;
    }
    if (s.snapshots['rating.prompts'] !== prev.snapshots['rating.prompts'] || (s.flow.step === 'idle' && prev.flow.step !== 'idle')) follow();
  });
}

export const App = RateApp;
