/**
 * An LED sign drawn as a dot-matrix strip (amber dots on black), for the
 * simulator panel (what a sign decoded) and the staff preview (what a sign
 * will get, as the server's encoders for that sign work it out). The text scrolls with a CSS animation; its length only sets the
 * duration, nothing is measured. Text nodes only: markup shows as characters.
 */
import type { SignRun } from '../../../core/contract';
import '../../styles/marquee.css';

/** Seconds for one loop: the text moves by about 4 characters a second. */
export function ledDurationSeconds(text: string): number {
  return Math.max(6, Math.round(([...text].length + 4) / 4));
}

export function LedStrip(props: {
  /** Each message the sign shows, in order (the sign rotates through them). */
  messages: readonly (readonly SignRun[])[];
  scroll?: boolean;
  offline?: boolean;
  flash?: boolean;
  testId?: string;
  className?: string;
}) {
  const { messages, scroll = true, offline = false, flash = false, testId, className = '' } = props;
  const texts = messages.map((runs) => runs.map((r) => r.text).join(''));
  const all = texts.join('   ');
  const classes = ['led', offline ? 'led--offline' : '', flash ? 'led--flash' : '', scroll ? 'led--scroll' : '', className].filter(Boolean).join(' ');
  const copy = (hidden: boolean) => (
    <span className="led__copy" aria-hidden={hidden || undefined}>
      {messages.map((runs, i) => (
        <span className="led__message" key={i}>
          {runs.map((r, j) =>
            r.from !== undefined ? (
              <mark className="led__replaced" key={j} title={`「${r.from}」→ ${r.text}`} data-from={r.from}>
                {r.text}
              </mark>
            ) : (
              <span key={j}>{r.text}</span>
            ),
          )}
        </span>
      ))}
    </span>
  );
  return (
    <div className={classes} data-testid={testId} data-text={texts.join('\n')} data-count={messages.length}>
      <div className="led__window">
        {messages.length > 0 && !offline && (
          // two copies moved by half the track: the text is there at once and loops seamlessly
          <span className="led__track" style={{ ['--led-duration' as string]: `${ledDurationSeconds(all)}s` }}>
            {copy(false)}
            {scroll && copy(true)}
          </span>
        )}
      </div>
    </div>
  );
}
