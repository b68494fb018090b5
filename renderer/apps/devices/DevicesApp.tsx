import { SCREEN_PATHS, SIM_FAULTS, type ReceiptItem, type SimFault, type SimReceipt } from '../../../core/contract';
import { ConnectionMark } from '../../components/ConnectionMark';
import { QrImage } from '../../components/QrImage';
import { RasterImage } from '../../components/RasterImage';
import { formatTime } from '../../i18n';
import { CounterDisplaysPanel, KeypadsPanel } from './QueueDevices';
import { SignsPanel } from './Signs';
import { useDevices } from './state';
import '../../styles/devices.css';

/** One printer dot = one CSS pixel; Font A is 12×24 dots, CJK 24×24. */
const BASE_FONT_PX = 24;

const FAULTS: Record<SimFault, { zh: string; en: string }> = {
  'paper-near-end': { zh: '紙張將用盡', en: 'Paper near end' },
  'paper-end': { zh: '缺紙', en: 'Paper out' },
  'cover-open': { zh: '上蓋開啟', en: 'Cover open' },
  offline: { zh: '離線', en: 'Offline' },
  'cutter-error': { zh: '裁刀錯誤', en: 'Cutter error' },
  unplugged: { zh: '拔除連接線', en: 'Cable unplugged' },
};

/** Newest first (stable: receipts within the same second keep the server's order). */
export function newestFirst(receipts: readonly SimReceipt[]): SimReceipt[] {
  return receipts
    .map((r, i) => ({ r, i, t: Date.parse(r.receivedAt) }))
    .sort((a, b) => (Number.isFinite(a.t) && Number.isFinite(b.t) && a.t !== b.t ? b.t - a.t : a.i - b.i))
    .map((x) => x.r);
}

export function DevicesApp() {
  const sim = useDevices((s) => s.snapshots['devices.sim']);
  const site = useDevices((s) => s.site);
  const connection = useDevices((s) => s.connection);
  const receipts = newestFirst(sim?.printer.receipts ?? []);
  const fault = sim?.printer.fault ?? null;
  const faultLabel = fault ? FAULTS[fault] : null;

  return (
    <div className="devices" data-testid="devices">
      <header className="devices__head">
        <h1 className="devices__title">
          <span lang="zh-TW">裝置模擬器</span> <span lang="en">Device simulator</span>
        </h1>
        <p className="devices__note">
          <span lang="zh-TW">供安裝與測試人員使用</span> · <span lang="en">For installers and testers</span>
        </p>
        <nav className="devices__nav" aria-label="Devices">
          <a href="#printer-title">
            <span lang="zh-TW">印表機</span> <span lang="en">Printer</span>
          </a>
          <a href="#keypads">
            <span lang="zh-TW">叫號鍵盤</span> <span lang="en">Keypads</span>
          </a>
          <a href="#counter-displays">
            <span lang="zh-TW">號碼顯示器</span> <span lang="en">Displays</span>
          </a>
          <a href="#signs">
            <span lang="zh-TW">LED 跑馬燈</span> <span lang="en">LED signs</span>
          </a>
        </nav>
      </header>

      <section className="devices__panel" aria-labelledby="printer-title">
        <div className="devices__panel-head">
          <h2 id="printer-title">
            <span lang="zh-TW">號碼單印表機</span> <span lang="en">Ticket printer</span>
          </h2>
          {sim && (
            <span
              className={`state-badge ${!sim.printer.simulated ? 'state-badge--unknown' : fault ? 'state-badge--warn' : 'state-badge--ok'}`}
              data-testid="printer-state"
              data-fault={fault ?? ''}
              data-simulated={sim.printer.simulated}
            >
              {!sim.printer.simulated ? (
                <>
                  <span lang="zh-TW">實體印表機</span> <span lang="en">Real printer</span>
                </>
              ) : faultLabel ? (
                <>
                  <span lang="zh-TW">{faultLabel.zh}</span> <span lang="en">{faultLabel.en}</span>
                </>
              ) : (
                <>
                  <span lang="zh-TW">正常</span> <span lang="en">Ready</span>
                </>
              )}
            </span>
          )}
          <span className="devices__count">
            <span lang="zh-TW">顯示 {receipts.length} 張</span> · <span lang="en">{receipts.length} receipts shown</span>
          </span>
        </div>

        {sim && sim.printer.simulated && <FaultControls current={fault} />}

        {sim && !sim.printer.simulated && (
          <p className="devices__empty" data-testid="not-simulated">
            <span lang="zh-TW">本站台使用實體印表機，沒有模擬紙張可顯示。</span> ·{' '}
            <span lang="en">This site uses a real printer; there is no simulated paper to show.</span>
          </p>
        )}
        {sim && sim.printer.simulated && receipts.length === 0 && (
          <p className="devices__empty" data-testid="no-receipts">
            <span lang="zh-TW">尚無列印紀錄</span> · <span lang="en">Nothing printed yet</span>
          </p>
        )}
        {!sim && (
          <p className="devices__empty">
            <span lang="zh-TW">等待模擬器資料…</span> · <span lang="en">Waiting for the simulator…</span>
          </p>
        )}

        <ol className="receipts" data-testid="receipts">
          {receipts.map((r) => (
            <li key={r.id} className="receipts__item">
              <Receipt receipt={r} />
            </li>
          ))}
        </ol>
      </section>

      <KeypadsPanel sim={sim} site={site} />
      <CounterDisplaysPanel sim={sim} site={site} />
      <SignsPanel sim={sim} />
      <ConnectionMark status={connection} />
    </div>
  );
}

function Receipt({ receipt }: { receipt: SimReceipt }) {
  return (
    <figure className="receipt-wrap">
      <figcaption className="receipt-meta" data-testid="receipt-meta" data-bytes={receipt.bytes} data-status-bytes={receipt.statusBytes}>
        #{receipt.id} · {formatTime(receipt.receivedAt, undefined, true)} ·{' '}
        <span data-testid="receipt-bytes">
          <span lang="zh-TW">號碼單 {receipt.bytes} 位元組</span> · <span lang="en">{receipt.bytes} bytes of ticket</span>
        </span>
        {receipt.statusBytes > 0 && (
          <span className="receipt-meta__polls" data-testid="receipt-status-bytes">
            {/* the health poller's questions, sent between tickets: shown apart so a ticket's size is its own */}
            <span lang="zh-TW">另計狀態查詢 {receipt.statusBytes} 位元組（DLE EOT、GS a）</span>{' '}
            <span lang="en">{receipt.statusBytes} bytes of status polls (DLE EOT, GS a), counted apart</span>
          </span>
        )}
      </figcaption>
      <div className="receipt" data-testid="receipt" data-receipt-id={receipt.id} data-cut={receipt.cut}>
        {receipt.items.map((item, i) => (
          <ReceiptLine key={i} item={item} />
        ))}
        {receipt.cut !== 'none' && (
          <div className="receipt__cut" data-testid="receipt-cut" data-cut={receipt.cut}>
            <span className="receipt__cut-label">
              ✂ {receipt.cut === 'full' ? 'cut' : 'partial cut'}
            </span>
          </div>
        )}
      </div>
    </figure>
  );
}

/** Inject a printer fault (or clear it), as an admin signed in at /staff. */
function FaultControls({ current }: { current: SimFault | null }) {
  const setFault = useDevices((s) => s.setFault);
  const busy = useDevices((s) => s.faultBusy);
  const error = useDevices((s) => s.faultError);
  return (
    <div className="sim-faults" role="group" aria-labelledby="sim-faults-title" data-testid="sim-faults" data-current={current ?? ''}>
      <h3 id="sim-faults-title" className="sim-faults__title">
        <span lang="zh-TW">模擬故障</span> <span lang="en">Inject a fault</span>
      </h3>
      <div className="sim-faults__buttons">
        {SIM_FAULTS.map((f) => (
          <button
            key={f}
            type="button"
            className={`sim-fault${current === f ? ' sim-fault--on' : ''}`}
            aria-pressed={current === f}
            disabled={busy !== null}
            onClick={() => void setFault(f)}
            data-testid={`sim-fault-${f}`}
          >
            <span lang="zh-TW">{FAULTS[f].zh}</span>
            <span lang="en" className="sim-fault__en">
              {FAULTS[f].en}
            </span>
          </button>
        ))}
        <button
          type="button"
          className="sim-fault sim-fault--clear"
          aria-pressed={current === null}
          disabled={busy !== null}
          onClick={() => void setFault(null)}
          data-testid="sim-fault-clear"
        >
          <span lang="zh-TW">恢復正常</span>
          <span lang="en" className="sim-fault__en">
            Clear
          </span>
        </button>
      </div>
      {error && (
        <p className="sim-faults__error" role="alert" data-testid="sim-fault-error" data-kind={error.kind}>
          {error.kind === 'signin' ? (
            <>
              <span lang="zh-TW">
                請先以管理員登入 <a href={SCREEN_PATHS.staff}>{SCREEN_PATHS.staff}</a>
              </span>{' '}
              — <span lang="en">Sign in at {SCREEN_PATHS.staff} as an admin</span>
            </>
          ) : error.kind === 'not-simulated' ? (
            <>
              <span lang="zh-TW">本站台沒有模擬印表機</span> — <span lang="en">This site has no simulated printer</span>
            </>
          ) : (
            error.message
          )}
        </p>
      )}
    </div>
  );
}

function ReceiptLine({ item }: { item: ReceiptItem }) {
  if (item.kind === 'image') {
    return (
      <div
        className={`receipt__line receipt__line--${item.align}`}
        data-kind="image"
        data-width-dots={item.widthDots}
        data-height-dots={item.heightDots}
      >
        <RasterImage
          widthDots={item.widthDots}
          heightDots={item.heightDots}
          bitsBase64={item.bitsBase64}
          alt={`${item.widthDots}×${item.heightDots} image`}
          testId="receipt-image"
          className="receipt__image"
        />
      </div>
    );
  }
  if (item.kind === 'qr') {
    return (
      <div className={`receipt__line receipt__line--${item.align}`} data-kind="qr">
        <QrImage
          payload={item.payload}
          errorLevel={item.errorLevel}
          modulePx={Math.max(1, item.moduleSize)}
          alt={`QR: ${item.payload}`}
          testId="receipt-qr"
          className="receipt__qr"
        />
      </div>
    );
  }
  const scaleX = item.width / item.height;
  return (
    <div
      className={`receipt__line receipt__line--${item.align}`}
      data-kind="text"
      data-align={item.align}
      data-width={item.width}
      data-height={item.height}
      data-bold={item.bold}
    >
      <span
        className="receipt__text"
        style={{
          fontSize: `${BASE_FONT_PX * item.height}px`,
          fontWeight: item.bold ? 700 : 400,
          transform: scaleX === 1 ? undefined : `scaleX(${scaleX})`,
          transformOrigin: item.align === 'left' ? 'left center' : item.align === 'right' ? 'right center' : 'center',
        }}
      >
        {item.text === '' ? '\u00a0' : item.text}
      </span>
    </div>
  );
}
