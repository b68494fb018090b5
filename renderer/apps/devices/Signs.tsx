/**
 * The simulated LED signs (LED 跑馬燈) on the simulator panel: each drawn as a
 * dot-matrix strip showing what it decoded from the frames it was sent, its
 * protocol, frames and bad frames, and a switch to take it offline (admin,
 * signed in at /staff in this browser).
 */
import { useState } from 'react';
import { SCREEN_PATHS, type DevicesSim } from '../../../core/contract';
import { LedStrip } from '../../components/marquee/LedStrip';
import type { SignControlError } from '../../features/sim/slice';
import { useDevices } from './state';
import '../../styles/marquee.css';

type SimSign = DevicesSim['signs'][number];

const PROTOCOL: Record<SimSign['protocol'], { zh: string; en: string }> = {
  alpha: { zh: 'Alpha 協定（英文字型）', en: 'Alpha protocol (Latin font)' },
  'onbon-bx': { zh: 'Onbon BX-5/6（中文字卡）', en: 'Onbon BX-5/6 (CJK font card)' },
};

export function SignsPanel({ sim }: { sim: DevicesSim | undefined }) {
  const signs = sim?.signs ?? [];
  return (
    <section className="devices__panel" id="signs" aria-labelledby="signs-title" data-testid="signs">
      <div className="devices__panel-head">
        <h2 id="signs-title">
          <span lang="zh-TW">LED 跑馬燈</span> <span lang="en">LED signs</span>
        </h2>
        <span className="devices__count">
          <span lang="zh-TW">顯示由訊框解碼的內容</span> · <span lang="en">showing what each sign decoded from its frames</span>
        </span>
      </div>
      {!sim && (
        <p className="devices__empty">
          <span lang="zh-TW">等待模擬器資料…</span> · <span lang="en">Waiting for the simulator…</span>
        </p>
      )}
      {sim && signs.length === 0 && (
        <p className="devices__empty" data-testid="signs-none">
          <span lang="zh-TW">本站台沒有模擬 LED 跑馬燈。</span> · <span lang="en">This site has no simulated LED signs.</span>
        </p>
      )}
      {signs.length > 0 && (
        <ul className="signs">
          {signs.map((s) => (
            <li key={s.id}>
              <Sign sign={s} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Sign({ sign }: { sign: SimSign }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<SignControlError | null>(null);
  const flash = sign.messages.some((m) => m.effect === 'flash');
  const toggle = async () => {
    setBusy(true);
    setError(null);
    setError(await useDevices.getState().setSignOffline(sign.id, !sign.offline));
    setBusy(false);
  };
  return (
    <div className="sign-card" data-testid={`sign-${sign.id}`} data-protocol={sign.protocol} data-offline={sign.offline} data-frames={sign.frames}>
      <div className="sign-card__head">
        <h3 className="sign-card__name">
          <span lang="zh-TW">{sign.name.zh}</span> <span lang="en">{sign.name.en}</span>
        </h3>
        <span className={`state-badge ${sign.offline ? 'state-badge--warn' : 'state-badge--ok'}`} data-testid={`sign-${sign.id}-state`}>
          {sign.offline ? (
            <>
              <span lang="zh-TW">離線</span> <span lang="en">Offline</span>
            </>
          ) : (
            <>
              <span lang="zh-TW">連線</span> <span lang="en">Online</span>
            </>
          )}
        </span>
        <button
          type="button"
          className={`sim-fault sign-card__toggle${sign.offline ? ' sim-fault--on' : ''}`}
          aria-pressed={sign.offline}
          disabled={busy}
          onClick={() => void toggle()}
          data-testid={`sign-${sign.id}-offline`}
        >
          {sign.offline ? (
            <>
              <span lang="zh-TW">恢復連線</span> <span lang="en" className="sim-fault__en">Bring back online</span>
            </>
          ) : (
            <>
              <span lang="zh-TW">模擬離線</span> <span lang="en" className="sim-fault__en">Take offline</span>
            </>
          )}
        </button>
      </div>
      <div className="sign-card__meta">
        <span data-testid={`sign-${sign.id}-protocol`}>
          {PROTOCOL[sign.protocol].zh} · {PROTOCOL[sign.protocol].en}
        </span>
        <span data-testid={`sign-${sign.id}-frames`}>
          frames {sign.frames} · bad {sign.badFrames}
        </span>
        <span>
          {sign.messages.length} 則 message{sign.messages.length === 1 ? '' : 's'}
          {flash ? ' · flash' : ''}
        </span>
      </div>
      <LedStrip messages={sign.messages.map((m) => [{ text: m.text }])} offline={sign.offline} flash={flash} testId={`sign-${sign.id}-led`} />
      {sign.messages.length > 0 && (
        <ol className="sign-card__messages" data-testid={`sign-${sign.id}-messages`}>
          {sign.messages.map((m, i) => (
            <li key={i}>
              {m.text} <span className="muted">({m.effect})</span>
            </li>
          ))}
        </ol>
      )}
      {sign.messages.length === 0 && !sign.offline && (
        <p className="devices__empty" data-testid={`sign-${sign.id}-blank`}>
          <span lang="zh-TW">看板空白</span> · <span lang="en">The sign is blank</span>
        </p>
      )}
      {error && (
        <p className="sim-faults__error" role="alert" data-testid={`sign-${sign.id}-error`} data-kind={error.kind}>
          {error.kind === 'signin' ? (
            <>
              <span lang="zh-TW">
                請先以管理員登入 <a href={SCREEN_PATHS.staff}>{SCREEN_PATHS.staff}</a>
              </span>{' '}
              — <span lang="en">Sign in at {SCREEN_PATHS.staff} as an admin</span>
            </>
          ) : (
            error.message
          )}
        </p>
      )}
    </div>
  );
}
