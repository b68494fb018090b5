import { useId, type InputHTMLAttributes } from 'react';

/** A labelled input; `name` doubles as the field's test handle. */
export function Field(
  props: { zh: string; en: string; name: string; hint?: string } & InputHTMLAttributes<HTMLInputElement>,
) {
  const { zh, en, hint, name, ...input } = props;
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id} className="field__label">
        <span lang="zh-TW">{zh}</span> <span lang="en">{en}</span>
      </label>
      <input id={id} name={name} className="field__input" {...input} />
      {hint && <span className="field__hint">{hint}</span>}
    </div>
  );
}

export function InlineError({ message, testId = 'form-error' }: { message: string | null | undefined; testId?: string }) {
  if (!message) return null;
  return (
    <p className="inline-error" role="alert" data-testid={testId}>
      {message}
    </p>
  );
}
