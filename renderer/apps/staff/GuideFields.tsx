/**
 * The guide editor's form parts: a bilingual text (Chinese and English side
 * by side), a number, a plain text, each with its problem beside it in both
 * languages; and a list of items to add, edit, move and remove.
 */
import { useId, type ReactNode } from 'react';
import type { Bilingual } from '../../../core/contract';
import { errorsUnder, type FieldErrors } from './guideDraft';

export interface Label {
  zh: string;
  en: string;
}

export function LabelText({ label }: { label: Label }) {
  return (
    <>
      <span lang="zh-TW">{label.zh}</span> <span lang="en">{label.en}</span>
    </>
  );
}

/** A field's problem, both ways; `id` ties it to its input. */
export function FieldError({ id, error }: { id: string; error: Bilingual | undefined }) {
  if (!error) return null;
  return (
    <span id={id} className="ge-error" data-testid="guide-field-error">
      <span lang="zh-TW">{error.zh}</span> <span lang="en">{error.en}</span>
    </span>
  );
}

const LANGS = [
  { key: 'zh', tag: 'zh-TW', zh: '中文', en: 'Chinese' },
  { key: 'en', tag: 'en', zh: '英文', en: 'English' },
] as const;

/** One text in both languages: two boxes side by side, each with its own problem. */
export function BiField(props: {
  label: Label;
  name: string;
  value: Bilingual;
  onChange: (v: Bilingual) => void;
  errors: FieldErrors;
  path: string;
  max: number;
  multiline?: boolean;
  hint?: Label;
}) {
  const id = useId();
  const { value, errors, path } = props;
  const whole = errors.get(path);
  return (
    <fieldset className="ge-bi" data-testid={`gf-${props.name}`}>
      <legend className="ge-label">
        <LabelText label={props.label} />
      </legend>
      {props.hint && (
        <p className="ge-hint">
          <LabelText label={props.hint} />
        </p>
      )}
      <div className="ge-bi__pair">
        {LANGS.map((l) => {
          const error = errors.get(`${path}.${l.key}`) ?? whole;
          const inputId = `${id}-${l.key}`;
          const common = {
            id: inputId,
            lang: l.tag,
            value: value[l.key],
            maxLength: props.max,
            'aria-invalid': error ? true : undefined,
            'aria-describedby': error ? `${inputId}-error` : undefined,
            'data-testid': `gf-${props.name}-${l.key}`,
            className: 'ge-input',
          } as const;
          const set = (text: string) => props.onChange({ ...value, [l.key]: text });
          return (
            <div key={l.key} className="ge-bi__one">
              <label htmlFor={inputId} className="ge-bi__lang">
                <span lang="zh-TW">{l.zh}</span> <span lang="en">{l.en}</span>
              </label>
              {props.multiline ? <textarea rows={3} {...common} onChange={(e) => set(e.target.value)} /> : <input type="text" {...common} onChange={(e) => set(e.target.value)} />}
              <FieldError id={`${inputId}-error`} error={error} />
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

export function TextField(props: { label: Label; name: string; value: string; onChange: (v: string) => void; error: Bilingual | undefined; hint?: Label; type?: 'text' | 'url'; lang?: string; max?: number }) {
  const id = useId();
  return (
    <div className="ge-field">
      <label htmlFor={id} className="ge-label">
        <LabelText label={props.label} />
      </label>
      <input
        id={id}
        type={props.type ?? 'text'}
        className="ge-input"
        lang={props.lang}
        value={props.value}
        maxLength={props.max}
        onChange={(e) => props.onChange(e.target.value)}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={[props.error ? `${id}-error` : '', props.hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined}
        data-testid={`gf-${props.name}`}
      />
      {props.hint && (
        <span id={`${id}-hint`} className="ge-hint">
          <LabelText label={props.hint} />
        </span>
      )}
      <FieldError id={`${id}-error`} error={props.error} />
    </div>
  );
}

/** A number box; blank reads as NaN (refused by the schema as "enter a number") unless `optional`, where blank is no value. */
export function NumField(props: { label: Label; name: string; value: number | undefined; onChange: (v: number | undefined) => void; error: Bilingual | undefined; min?: number; max?: number; optional?: boolean }) {
  const id = useId();
  const shown = props.value === undefined || Number.isNaN(props.value) ? '' : String(props.value);
  return (
    <div className="ge-field ge-field--num">
      <label htmlFor={id} className="ge-label">
        <LabelText label={props.label} />
      </label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        className="ge-input ge-input--num"
        value={shown}
        min={props.min}
        max={props.max}
        onChange={(e) => props.onChange(e.target.value === '' ? (props.optional ? undefined : Number.NaN) : Number(e.target.value))}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${id}-error` : undefined}
        data-testid={`gf-${props.name}`}
      />
      <FieldError id={`${id}-error`} error={props.error} />
    </div>
  );
}

/**
 * A list the way staff think of it: each item a row (what it says, how many
 * problems it has) with 編輯 / 上移 / 下移 / 刪除; the one being edited opens
 * its form under its row. `testPrefix` names the rows for tests.
 */
export function ItemList<T>(props: {
  items: readonly T[];
  errors: FieldErrors;
  /** The error path of item i (e.g. `3` or `offices.3`). */
  pathOf: (i: number) => string;
  summary: (item: T, i: number) => ReactNode;
  editing: number | null;
  onEdit: (i: number | null) => void;
  onMove: (from: number, to: number) => void;
  onRemove: (i: number) => void;
  form: (item: T, i: number) => ReactNode;
  addLabel: Label;
  onAdd: () => void;
  canAdd?: boolean;
  canRemove?: boolean;
  testPrefix: string;
  itemNoun: Label;
}) {
  const { items, editing } = props;
  return (
    <div className="ge-list">
      <ol className="ge-list__items">
        {items.map((item, i) => {
          const problems = errorsUnder(props.errors, props.pathOf(i));
          const open = editing === i;
          return (
            <li key={i} className={`ge-item${open ? ' ge-item--open' : ''}${problems ? ' ge-item--bad' : ''}`} data-testid={`${props.testPrefix}-${i}`}>
              <div className="ge-item__row">
                <span className="ge-item__n">{i + 1}</span>
                <div className="ge-item__summary">{props.summary(item, i)}</div>
                {problems > 0 && (
                  <span className="ge-item__problems" data-testid={`${props.testPrefix}-${i}-problems`}>
                    <span lang="zh-TW">{problems} 處待修正</span> <span lang="en">{problems === 1 ? '1 field to fix' : `${problems} fields to fix`}</span>
                  </span>
                )}
                <div className="ge-item__actions">
                  <button type="button" className="btn" aria-expanded={open} onClick={() => props.onEdit(open ? null : i)} data-testid={`${props.testPrefix}-${i}-edit`}>
                    {open ? '收合 Close' : '編輯 Edit'}
                    <span className="visually-hidden">
                      {' '}
                      {props.itemNoun.zh} {i + 1} {props.itemNoun.en} {i + 1}
                    </span>
                  </button>
                  <button type="button" className="btn" disabled={i === 0} onClick={() => props.onMove(i, i - 1)} data-testid={`${props.testPrefix}-${i}-up`}>
                    <span aria-hidden="true">↑</span> 上移 Up<span className="visually-hidden"> {i + 1}</span>
                  </button>
                  <button type="button" className="btn" disabled={i === items.length - 1} onClick={() => props.onMove(i, i + 1)} data-testid={`${props.testPrefix}-${i}-down`}>
                    <span aria-hidden="true">↓</span> 下移 Down<span className="visually-hidden"> {i + 1}</span>
                  </button>
                  <button type="button" className="btn ge-btn--danger" disabled={props.canRemove === false} onClick={() => props.onRemove(i)} data-testid={`${props.testPrefix}-${i}-remove`}>
                    刪除 Remove<span className="visually-hidden"> {i + 1}</span>
                  </button>
                </div>
              </div>
              {open && <div className="ge-item__form">{props.form(item, i)}</div>}
            </li>
          );
        })}
      </ol>
      <button type="button" className="btn ge-add" disabled={props.canAdd === false} onClick={props.onAdd} data-testid={`${props.testPrefix}-add`}>
        <span aria-hidden="true">＋</span> <LabelText label={props.addLabel} />
      </button>
    </div>
  );
}

/** What an item says, both ways, for its row; a blank item says so. */
export function Summary({ text, fallback }: { text: Bilingual; fallback: Label }) {
  if (!text.zh.trim() && !text.en.trim())
    return (
      <span className="muted">
        <LabelText label={fallback} />
      </span>
    );
  return (
    <>
      <span lang="zh-TW" className="ge-item__zh">
        {text.zh}
      </span>{' '}
      <span lang="en" className="ge-item__en">
        {text.en}
      </span>
    </>
  );
}
