import { useState } from 'react';
import { SCREEN_PATHS, type DevicesSim, type PublicSite } from '../../../core/contract';
import type { KeypadKey, SimErrorKind } from '../../features/sim/slice';
import { SevenSegment } from './SevenSegment';
import { useDevices } from './state';

const KEYS: { key: Exclude<KeypadKey, 'CALL'>; zh: string; en: string }[] = [
  { key: 'NEXT', zh: '下一號', en: 'Next' },
  { key: 'RECALL', zh: '重新叫號', en: 'Recall' },
  { key: 'SKIP', zh: '過號', en: 'Skip' },
  { key: 'START', zh: '開始服務', en: 'Start' },
  { key: 'FINISH', zh: '服務完成', en: 'Finish' },
  { key: 'TRANSFER', zh: '轉移', en: 'Transfer' },
];

const PROTOCOLS: Record<string, { zh: string; en: string }> = {
  framed: { zh: '框架式 ASCII（RS-485）', en: 'Framed ASCII (RS-485)' },
  'modbus-rtu': { zh: 'Modbus-RTU 功能碼 16', en: 'Modbus-RTU function 16' },
  none: { zh: '未設定', en: 'None' },
};

interface Unit {
  address: number;
  name: { zh: string; en: string };
}

/** One unit per site counter (address = counter number), plus any address a device reported that the site does not list. */
export function unitsFor(site: PublicSite | null, shown: readonly { address: number }[]): Unit[] {
  const units = new Map<number, Unit>();
  for (const c of site?.counters ?? []) units.set(c.number, { address: c.number, name: c.name });
  for (const s of shown) {
    if (!units.has(s.address)) units.set(s.address, { address: s.address, name: { zh: `位址 ${s.address}`, en: `Address ${s.address}` } });
  }
  return [...units.values()].sort((a, b) => a.address - b.address);
}

const textAt = (shown: readonly { address: number; text: string }[], address: number) =>
  shown.find((s) => s.address === address)?.text ?? '';

export function KeypadsPanel({ sim, site }: { sim: DevicesSim | undefined; site: PublicSite | null }) {
  return (
    <section className="devices__panel" id="keypads" aria-labelledby="keypads-title" data-testid="keypads">
      <div className="devices__panel-head">
        <h2 id="keypads-title">
          <span lang="zh-TW">叫號鍵盤</span> <span lang="en">Caller keypads</span>
        </h2>
        {sim && (
          <span className={`state-badge ${sim.keypads.simulated ? 'state-badge--ok' : 'state-badge--unknown'}`}>
            {sim.keypads.simulated ? (
              <>
                <span lang="zh-TW">模擬</span> <span lang="en">Simulated</span>
              </>
            ) : (
              <>
                <span lang="zh-TW">實體或未設定</span> <span lang="en">Real or none</span>
              </>
            )}
          </span>
        )}
        <span className="devices__count">
          <span lang="zh-TW">位址 = 櫃台號碼</span> · <span lang="en">address = counter number</span>
        </span>
      </div>
      {!sim && <Waiting />}
      {sim && !sim.keypads.simulated && (
        <p className="devices__empty" data-testid="keypads-not-simulated">
          <span lang="zh-TW">本站台沒有模擬叫號鍵盤。</span> · <span lang="en">This site has no simulated keypads.</span>
        </p>
      )}
      {sim && sim.keypads.simulated && (
        <ul className="keypads">
          {unitsFor(site, sim.keypads.shown).map((u) => (
            <li key={u.address}>
              <Keypad unit={u} text={textAt(sim.keypads.shown, u.address)} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Keypad({ unit, text }: { unit: Unit; text: string }) {
  const { address } = unit;
  const press = useDevices((s) => s.pressKey);
  const busy = useDevices((s) => s.keyBusy[address] ?? null);
  const error = useDevices((s) => (s.keyError?.address === address ? s.keyError : null));
  const [number, setNumber] = useState('');
  const id = (key: string) => `keypad-${address}-${key.toLowerCase()}`;
  const call = async () => {
    if (await press(address, 'CALL', number)) setNumber('');
  };
  return (
    <div className="keypad" data-testid={`keypad-${address}`} data-busy={busy ?? ''}>
      <div className="keypad__head">
        <span className="keypad__name">
          <span lang="zh-TW">{unit.name.zh}</span> <span lang="en">{unit.name.en}</span>
        </span>
        <span className="keypad__addr">#{String(address).padStart(2, '0')}</span>
      </div>
      <output className="keypad__lcd" data-testid={id('display')} data-text={text} aria-label={`keypad ${address} display`}>
        {text || '\u00a0'}
      </output>
      <div className="keypad__keys">
        {KEYS.map((k) => (
          <button
            key={k.key}
            type="button"
            className={`keypad__key keypad__key--${k.key.toLowerCase()}`}
            disabled={busy !== null}
            onClick={() => void press(address, k.key)}
            data-testid={id(k.key)}
          >
            <span className="keypad__key-code">{k.key}</span>
            <span className="keypad__key-label">
              <span lang="zh-TW">{k.zh}</span> <span lang="en">{k.en}</span>
            </span>
          </button>
        ))}
      </div>
      <form
        className="keypad__call"
        onSubmit={(e) => {
          e.preventDefault();
          void call();
        }}
      >
        <input
          className="keypad__input"
          value={number}
          onChange={(e) => setNumber(e.target.value.toUpperCase().slice(0, 4))}
          placeholder="A012"
          maxLength={4}
          autoComplete="off"
          spellCheck={false}
          aria-label={`${unit.name.en}: number to call`}
          data-testid={id('call-input')}
        />
        <button type="submit" className="keypad__key keypad__key--call" disabled={busy !== null} data-testid={id('call')}>
          <span className="keypad__key-code">CALL</span>
          <span className="keypad__key-label">
            <span lang="zh-TW">指定叫號</span> <span lang="en">Call</span>
          </span>
        </button>
      </form>
      {error && <SimError kind={error.kind} message={error.message} testId={`keypad-${address}-error`} />}
    </div>
  );
}

export function CounterDisplaysPanel({ sim, site }: { sim: DevicesSim | undefined; site: PublicSite | null }) {
  const protocol = sim?.counterDisplays.protocol ?? '';
  const label = PROTOCOLS[protocol] ?? { zh: protocol, en: protocol };
  return (
    <section className="devices__panel" id="counter-displays" aria-labelledby="displays-title" data-testid="counter-displays">
      <div className="devices__panel-head">
        <h2 id="displays-title">
          <span lang="zh-TW">櫃台號碼顯示器</span> <span lang="en">Counter displays</span>
        </h2>
        {sim && (
          <span className="state-badge state-badge--unknown" data-testid="counter-display-protocol" data-protocol={protocol}>
            <span lang="zh-TW">通訊協定 {label.zh}</span> · <span lang="en">Protocol {label.en}</span>
          </span>
        )}
      </div>
      {!sim && <Waiting />}
      {sim && !sim.counterDisplays.simulated && (
        <p className="devices__empty" data-testid="displays-not-simulated">
          <span lang="zh-TW">本站台沒有模擬號碼顯示器。</span> · <span lang="en">This site has no simulated counter displays.</span>
        </p>
      )}
      {sim && sim.counterDisplays.simulated && (
        <ul className="counter-displays">
          {unitsFor(site, sim.counterDisplays.shown).map((u) => {
            const text = textAt(sim.counterDisplays.shown, u.address);
            return (
              <li key={u.address} className="counter-display" data-testid={`counter-display-${u.address}`} data-text={text}>
                <span className="counter-display__name">
                  <span lang="zh-TW">{u.name.zh}</span> <span lang="en">{u.name.en}</span>
                </span>
                <span className="counter-display__panel">
                  <SevenSegment text={text} width={Math.max(4, text.length)} label={`${u.name.en}: ${text || 'blank'}`} />
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function Waiting() {
  return (
    <p className="devices__empty">
      <span lang="zh-TW">等待模擬器資料…</span> · <span lang="en">Waiting for the simulator…</span>
    </p>
  );
}

export function SimError({ kind, message, testId }: { kind: SimErrorKind; message: string; testId: string }) {
  return (
    <p className="sim-error" role="alert" data-testid={testId} data-kind={kind}>
      {kind === 'signin' ? (
        <>
          <span lang="zh-TW">
            請先以管理員登入 <a href={SCREEN_PATHS.staff}>{SCREEN_PATHS.staff}</a>
          </span>{' '}
          — <span lang="en">Sign in at {SCREEN_PATHS.staff} as an admin</span>
        </>
      ) : kind === 'not-simulated' ? (
        <>
          <span lang="zh-TW">本站台沒有這個模擬裝置</span> — <span lang="en">This site has no such simulated device</span>
        </>
      ) : kind === 'invalid' ? (
        <>
          <span lang="zh-TW">請輸入號碼，例如 A012</span> — <span lang="en">Enter a number like A012</span>
        </>
      ) : (
        message
      )}
    </p>
  );
}
