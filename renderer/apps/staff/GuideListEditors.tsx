/**
 * The guide's list sections as forms: 常見問題 FAQ (question, answer, the
 * topics the kiosk shows as chips), 線上服務 online services, and 作業流程
 * procedures with their steps in order. Each edits a copy; GuidePanel saves.
 */
import { useId, useState } from 'react';
import type { Bilingual, GuideContent, GuideFaq, GuideOnline, GuideProcedure, GuideStep } from '../../../core/contract';
import { BiField, FieldError, ItemList, LabelText, NumField, Summary, TextField, type Label } from './GuideFields';
import { emptyText, move, newFaq, newOnline, newProcedure, replaced, without, type FieldErrors } from './guideDraft';

const ID_HINT: Label = { zh: '網址與連結用的代號，通常不必修改', en: 'Used in links; usually leave as it is' };

/** A short list of bilingual lines (what to bring, topics): each removable, more added up to `max`. */
function BiList(props: { label: Label; name: string; items: readonly Bilingual[]; onChange: (v: Bilingual[]) => void; errors: FieldErrors; path: string; max: number; maxItems: number; addLabel: Label; itemLabel: Label }) {
  const { items } = props;
  return (
    <fieldset className="ge-bilist" data-testid={`gf-${props.name}`}>
      <legend className="ge-label">
        <LabelText label={props.label} />
      </legend>
      {items.map((b, j) => (
        <div key={j} className="ge-bilist__row">
          <BiField
            label={{ zh: `${props.itemLabel.zh} ${j + 1}`, en: `${props.itemLabel.en} ${j + 1}` }}
            name={`${props.name}-${j}`}
            value={b}
            onChange={(v) => props.onChange(replaced(items, j, v))}
            errors={props.errors}
            path={`${props.path}.${j}`}
            max={props.max}
          />
          <button type="button" className="btn ge-btn--danger" onClick={() => props.onChange(without(items, j))} data-testid={`gf-${props.name}-${j}-remove`}>
            刪除 Remove
            <span className="visually-hidden">
              {' '}
              {props.itemLabel.zh} {j + 1}
            </span>
          </button>
        </div>
      ))}
      <FieldError id={`${props.name}-error`} error={props.errors.get(props.path)} />
      <button type="button" className="btn" disabled={items.length >= props.maxItems} onClick={() => props.onChange([...items, emptyText()])} data-testid={`gf-${props.name}-add`}>
        <span aria-hidden="true">＋</span> <LabelText label={props.addLabel} />
      </button>
    </fieldset>
  );
}

interface ListEditorProps<T> {
  value: T[];
  onChange: (v: T[]) => void;
  errors: FieldErrors;
  content: GuideContent;
}

export function FaqEditor({ value, onChange, errors }: ListEditorProps<GuideFaq>) {
  const [editing, setEditing] = useState<number | null>(null);
  const inUse = new Map<string, Bilingual>();
  for (const f of value) for (const t of f.topics ?? []) if (t.zh.trim() && !inUse.has(t.zh)) inUse.set(t.zh, t);
  return (
    <ItemList
      items={value}
      errors={errors}
      pathOf={(i) => String(i)}
      summary={(f) => <Summary text={f.q} fallback={{ zh: '（尚未填寫問題）', en: '(no question yet)' }} />}
      editing={editing}
      onEdit={setEditing}
      onMove={(a, b) => {
        onChange(move(value, a, b));
        setEditing(editing === a ? b : editing);
      }}
      onRemove={(i) => {
        onChange(without(value, i));
        setEditing(null);
      }}
      canRemove={value.length > 1}
      onAdd={() => {
        onChange([...value, newFaq(value)]);
        setEditing(value.length);
      }}
      canAdd={value.length < 200}
      addLabel={{ zh: '新增問題', en: 'Add a question' }}
      itemNoun={{ zh: '問題', en: 'question' }}
      testPrefix="guide-faq-item"
      form={(f, i) => {
        const set = (next: Partial<GuideFaq>) => onChange(replaced(value, i, { ...f, ...next }));
        const topics = f.topics ?? [];
        const more = [...inUse.values()].filter((t) => !topics.some((x) => x.zh === t.zh));
        return (
          <>
            <BiField label={{ zh: '問題', en: 'Question' }} name="q" value={f.q} onChange={(q) => set({ q })} errors={errors} path={`${i}.q`} max={200} />
            <BiField label={{ zh: '回答', en: 'Answer' }} name="a" value={f.a} onChange={(a) => set({ a })} errors={errors} path={`${i}.a`} max={1200} multiline />
            <BiList
              label={{ zh: '主題（資訊站上可點選的關鍵字，最多 4 個）', en: 'Topics (words the kiosk shows to tap, up to 4)' }}
              name="topic"
              items={topics}
              onChange={(t) => set({ topics: t })}
              errors={errors}
              path={`${i}.topics`}
              max={16}
              maxItems={4}
              addLabel={{ zh: '新增主題', en: 'Add a topic' }}
              itemLabel={{ zh: '主題', en: 'Topic' }}
            />
            {more.length > 0 && topics.length < 4 && (
              <div className="ge-chips" role="group" aria-label="加入已有的主題 Add a topic in use">
                <span className="ge-label">
                  <LabelText label={{ zh: '已有的主題：', en: 'Topics in use:' }} />
                </span>
                {more.map((t) => (
                  <button key={t.zh} type="button" className="ge-chip" onClick={() => set({ topics: [...topics, t] })} data-testid={`gf-topic-use-${t.zh}`}>
                    ＋ <span lang="zh-TW">{t.zh}</span> <span lang="en">{t.en}</span>
                  </button>
                ))}
              </div>
            )}
            <TextField label={{ zh: '代號', en: 'ID' }} name="id" value={f.id} onChange={(id) => set({ id })} error={errors.get(`${i}.id`)} hint={ID_HINT} lang="en" max={40} />
          </>
        );
      }}
    />
  );
}

export function OnlineEditor({ value, onChange, errors }: ListEditorProps<GuideOnline>) {
  const [editing, setEditing] = useState<number | null>(null);
  return (
    <ItemList
      items={value}
      errors={errors}
      pathOf={(i) => String(i)}
      summary={(o) => (
        <>
          <Summary text={o.name} fallback={{ zh: '（尚未填寫名稱）', en: '(no name yet)' }} /> <span className="muted mono ge-item__url">{o.url}</span>
        </>
      )}
      editing={editing}
      onEdit={setEditing}
      onMove={(a, b) => {
        onChange(move(value, a, b));
        setEditing(editing === a ? b : editing);
      }}
      onRemove={(i) => {
        onChange(without(value, i));
        setEditing(null);
      }}
      onAdd={() => {
        onChange([...value, newOnline(value)]);
        setEditing(value.length);
      }}
      canAdd={value.length < 40}
      addLabel={{ zh: '新增線上服務', en: 'Add an online service' }}
      itemNoun={{ zh: '線上服務', en: 'service' }}
      testPrefix="guide-online-item"
      form={(o, i) => {
        const set = (next: Partial<GuideOnline>) => onChange(replaced(value, i, { ...o, ...next }));
        return (
          <>
            <BiField label={{ zh: '名稱', en: 'Name' }} name="name" value={o.name} onChange={(name) => set({ name })} errors={errors} path={`${i}.name`} max={60} />
            <BiField label={{ zh: '說明', en: 'Description' }} name="description" value={o.description} onChange={(description) => set({ description })} errors={errors} path={`${i}.description`} max={300} multiline />
            <TextField
              label={{ zh: '網址（資訊站會顯示成 QR code）', en: 'Address (the kiosk shows it as a QR code)' }}
              name="url"
              type="url"
              lang="en"
              value={o.url}
              onChange={(url) => set({ url })}
              error={errors.get(`${i}.url`)}
              max={300}
            />
            <TextField label={{ zh: '代號', en: 'ID' }} name="id" value={o.id} onChange={(id) => set({ id })} error={errors.get(`${i}.id`)} hint={ID_HINT} lang="en" max={40} />
          </>
        );
      }}
    />
  );
}

export function ProceduresEditor({ value, onChange, errors, content }: ListEditorProps<GuideProcedure>) {
  const [editing, setEditing] = useState<number | null>(null);
  const offices = content.offices.offices;
  return (
    <ItemList
      items={value}
      errors={errors}
      pathOf={(i) => String(i)}
      summary={(p) => <Summary text={p.title} fallback={{ zh: '（尚未填寫標題）', en: '(no title yet)' }} />}
      editing={editing}
      onEdit={setEditing}
      onMove={(a, b) => {
        onChange(move(value, a, b));
        setEditing(editing === a ? b : editing);
      }}
      onRemove={(i) => {
        onChange(without(value, i));
        setEditing(null);
      }}
      onAdd={() => {
        onChange([...value, newProcedure(value)]);
        setEditing(value.length);
      }}
      canAdd={value.length < 60}
      addLabel={{ zh: '新增流程', en: 'Add a procedure' }}
      itemNoun={{ zh: '流程', en: 'procedure' }}
      testPrefix="guide-procedure-item"
      form={(p, i) => {
        const set = (next: Partial<GuideProcedure>) => onChange(replaced(value, i, { ...p, ...next }));
        const setStep = (j: number, next: Partial<GuideStep>) => set({ steps: replaced(p.steps, j, { ...p.steps[j]!, ...next }) });
        return (
          <>
            <BiField label={{ zh: '標題', en: 'Title' }} name="title" value={p.title} onChange={(title) => set({ title })} errors={errors} path={`${i}.title`} max={60} />
            <BiField label={{ zh: '簡介', en: 'Summary' }} name="summary" value={p.summary} onChange={(summary) => set({ summary })} errors={errors} path={`${i}.summary`} max={300} multiline />
            <BiField
              label={{ zh: '所需時間', en: 'How long it takes' }}
              hint={{ zh: '例如：當場辦結、約 7 個工作天', en: 'e.g. done on the spot, about 7 working days' }}
              name="duration"
              value={p.duration}
              onChange={(duration) => set({ duration })}
              errors={errors}
              path={`${i}.duration`}
              max={80}
            />
            <BiList
              label={{ zh: '應備物品', en: 'What to bring' }}
              name="bring"
              items={p.bring}
              onChange={(bring) => set({ bring })}
              errors={errors}
              path={`${i}.bring`}
              max={120}
              maxItems={12}
              addLabel={{ zh: '新增物品', en: 'Add an item' }}
              itemLabel={{ zh: '物品', en: 'Item' }}
            />
            <fieldset className="ge-steps" data-testid="gf-steps">
              <legend className="ge-label">
                <LabelText label={{ zh: '步驟（依序）', en: 'Steps, in order' }} />
              </legend>
              <ol className="ge-steps__list">
                {p.steps.map((s, j) => (
                  <li key={j} className="ge-step" data-testid={`gf-step-${j}`}>
                    <div className="ge-step__head">
                      <strong>
                        第 {j + 1} 步 <span lang="en">Step {j + 1}</span>
                      </strong>
                      <div className="ge-item__actions">
                        <button type="button" className="btn" disabled={j === 0} onClick={() => set({ steps: move(p.steps, j, j - 1) })} data-testid={`gf-step-${j}-up`}>
                          <span aria-hidden="true">↑</span> 上移 Up<span className="visually-hidden"> {j + 1}</span>
                        </button>
                        <button type="button" className="btn" disabled={j === p.steps.length - 1} onClick={() => set({ steps: move(p.steps, j, j + 1) })} data-testid={`gf-step-${j}-down`}>
                          <span aria-hidden="true">↓</span> 下移 Down<span className="visually-hidden"> {j + 1}</span>
                        </button>
                        <button type="button" className="btn ge-btn--danger" disabled={p.steps.length <= 1} onClick={() => set({ steps: without(p.steps, j) })} data-testid={`gf-step-${j}-remove`}>
                          刪除 Remove<span className="visually-hidden"> {j + 1}</span>
                        </button>
                      </div>
                    </div>
                    <BiField label={{ zh: '這一步要做什麼', en: 'What to do' }} name={`step-${j}-text`} value={s.text} onChange={(text) => setStep(j, { text })} errors={errors} path={`${i}.steps.${j}.text`} max={300} multiline />
                    <BiList
                      label={{ zh: '這一步要帶的東西（可空白）', en: 'What to bring for this step (may be blank)' }}
                      name={`step-${j}-bring`}
                      items={s.bring ?? []}
                      onChange={(bring) => setStep(j, { bring })}
                      errors={errors}
                      path={`${i}.steps.${j}.bring`}
                      max={120}
                      maxItems={10}
                      addLabel={{ zh: '新增物品', en: 'Add an item' }}
                      itemLabel={{ zh: '物品', en: 'Item' }}
                    />
                    <div className="ge-row">
                      <OfficeSelect offices={offices} value={s.officeId} onChange={(officeId) => setStep(j, { officeId })} name={`step-${j}-office`} error={errors.get(`${i}.steps.${j}.officeId`)} />
                      <NumField
                        label={{ zh: '約需分鐘', en: 'About how many minutes' }}
                        name={`step-${j}-minutes`}
                        value={s.minutes}
                        onChange={(minutes) => setStep(j, { minutes })}
                        error={errors.get(`${i}.steps.${j}.minutes`)}
                        min={0}
                        optional
                      />
                    </div>
                  </li>
                ))}
              </ol>
              <FieldError id={`steps-${i}-error`} error={errors.get(`${i}.steps`)} />
              <button type="button" className="btn" disabled={p.steps.length >= 15} onClick={() => set({ steps: [...p.steps, { text: emptyText() }] })} data-testid="gf-step-add">
                <span aria-hidden="true">＋</span> 新增步驟 Add a step
              </button>
            </fieldset>
            <TextField label={{ zh: '代號', en: 'ID' }} name="id" value={p.id} onChange={(id) => set({ id })} error={errors.get(`${i}.id`)} hint={ID_HINT} lang="en" max={40} />
          </>
        );
      }}
    />
  );
}

function OfficeSelect(props: { offices: GuideContent['offices']['offices']; value: string | undefined; onChange: (v: string | undefined) => void; name: string; error: Bilingual | undefined }) {
  const id = useId();
  return (
    <div className="ge-field">
      <label htmlFor={id} className="ge-label">
        <LabelText label={{ zh: '在哪個科室辦', en: 'At which office' }} />
      </label>
      <select
        id={id}
        className="ge-input"
        value={props.value ?? ''}
        onChange={(e) => props.onChange(e.target.value || undefined)}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${id}-error` : undefined}
        data-testid={`gf-${props.name}`}
      >
        <option value="">（不指定）None</option>
        {props.offices.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name.zh} {o.name.en}
          </option>
        ))}
      </select>
      <FieldError id={`${id}-error`} error={props.error} />
    </div>
  );
}
