import { applyDocumentLang } from '../../i18n';
import { bridgeLive } from '../../features/live/slice';
import { counterIdFromPath, promptFor } from '../../features/rating/flow';
import { RateApp } from './RateApp';
import { useRate } from './state';

export function start(path: string): void {
  const counterId = counterIdFromPath(path);
  useRate.setState({ counterId });
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
    if (!counterId) return;
    s.dispatch({ type: 'prompt', promptId: promptFor(s.snapshots['rating.prompts'], counterId)?.id ?? null });
  };
  useRate.subscribe((s, prev) => {
    if (s.snapshots['rating.prompts'] !== prev.snapshots['rating.prompts'] || (s.flow.step === 'idle' && prev.flow.step !== 'idle')) follow();
  });
}

export const App = RateApp;
