// Labelled form controls in KERN markup. Hints and errors are tied to the control with
// aria-describedby so screen readers read them with the label.
import type { ComponentChildren } from 'preact';

interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  type?: 'text' | 'email' | 'tel' | 'date' | 'time' | 'month' | 'search' | 'password';
  hint?: string;
  error?: string | null;
  autoComplete?: string;
  required?: boolean;
  inputMode?: 'numeric' | 'text' | 'tel' | 'email' | 'search';
  onKeyDown?: (event: KeyboardEvent) => void;
  optionalText?: string;
}

export function TextField(props: TextFieldProps) {
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  const errorId = props.error ? `${props.id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div class="kern-form-input">
      <label class="kern-label" for={props.id}>
        {props.label}
        {props.optionalText ? <span class="kern-label__optional"> – {props.optionalText}</span> : null}
      </label>
      {props.hint ? (
        <div class="kern-hint" id={hintId}>
          {props.hint}
        </div>
      ) : null}
      <input
        class={`kern-form-input__input${props.error ? ' kern-form-input__input--error' : ''}`}
        id={props.id}
        name={props.id}
        type={props.type ?? 'text'}
        value={props.value}
        autoComplete={props.autoComplete}
        inputMode={props.inputMode}
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy}
        onInput={(e) => props.onInput((e.currentTarget as HTMLInputElement).value)}
        onKeyDown={props.onKeyDown}
      />
      {props.error ? (
        <p class="kern-error" id={errorId}>
          <span class="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
          <span class="kern-body">{props.error}</span>
        </p>
      ) : null}
    </div>
  );
}

interface TextAreaProps {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  rows?: number;
  required?: boolean;
}

export function TextArea({ id, label, value, onInput, rows = 4, required }: TextAreaProps) {
  return (
    <div class="kern-form-input">
      <label class="kern-label" for={id}>
        {label}
      </label>
      <textarea
        class="kern-form-input__input"
        id={id}
        name={id}
        rows={rows}
        value={value}
        required={required}
        onInput={(e) => onInput((e.currentTarget as HTMLTextAreaElement).value)}
      />
    </div>
  );
}

interface CheckboxProps {
  id: string;
  label: ComponentChildren;
  checked: boolean;
  onChange: (checked: boolean) => void;
}

export function Checkbox({ id, label, checked, onChange }: CheckboxProps) {
  return (
    <div class="kern-form-check">
      <input
        class="kern-form-check__checkbox"
        type="checkbox"
        id={id}
        checked={checked}
        onChange={(e) => onChange((e.currentTarget as HTMLInputElement).checked)}
      />
      <label class="kern-label" for={id}>
        {label}
      </label>
    </div>
  );
}

interface RadioProps {
  name: string;
  id: string;
  label: string;
  checked: boolean;
  onChange: () => void;
}

export function Radio({ name, id, label, checked, onChange }: RadioProps) {
  return (
    <div class="kern-form-check">
      <input
        class="kern-form-check__radio"
        type="radio"
        name={name}
        id={id}
        checked={checked}
        onChange={onChange}
      />
      <label class="kern-label" for={id}>
        {label}
      </label>
    </div>
  );
}

interface SelectProps {
  id: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
  onChange: (value: string) => void;
}

export function Select({ id, label, value, options, onChange }: SelectProps) {
  return (
    <div class="kern-form-input">
      <label class="kern-label" for={id}>
        {label}
      </label>
      <div class="kern-form-input__select-wrapper">
        <select
          class="kern-form-input__select"
          id={id}
          name={id}
          value={value}
          onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value)}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

export function Fieldset({ legend, children }: { legend: string; children: ComponentChildren }) {
  return (
    <fieldset class="kern-fieldset">
      <legend class="kern-label">{legend}</legend>
      <div class="kern-fieldset__body">{children}</div>
    </fieldset>
  );
}
