import { useId, type InputHTMLAttributes } from 'react';

/** A labelled input; `name` doubles as the field's test handle. `error`: what is wrong with it, told beside it and to screen readers. */
export function Field(
  props: { zh: string; en: string; name: string; hint?: string; error?: string | null | undefined } & InputHTMLAttributes<HTMLInputElement>,
) {
  const { zh, en, hint, name, error, ...input } = props;
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id} className="field__label">
        <span lang="zh-TW">{zh}</span> <span lang="en">{en}</span>
      </label>
      <input id={id} name={name} className="field__input" aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} {...input} />
      {hint && <span className="field__hint">{hint}</span>}
      {error && (
        <span className="field__error" id={`${id}-error`} data-testid={`${name}-problem`}>
          {error}
        </span>
      )}
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
