// Online services (/online, /online/{service}): the list of services without a visit, and the
// form of one, generated from its definition (fields, uploads). Errors are announced: the summary
// as an alert, each field's message tied to its control. After sending, the case number and the
// status link.
import { useEffect, useRef, useState } from 'preact/hooks';
import { Alert, ErrorAlert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Layout } from '../../components/Layout';
import { ApiError, localPath } from '../../lib/api';
import {
  getOnlineServices,
  label,
  submitCase,
  uploadsOf,
  type DocumentRequirement,
  type FormField,
  type OnlineForm,
  type Submitted,
} from '../../lib/cases';
import { todayInBerlin } from '../../lib/format';
import { type Lang, useTexts } from '../../lib/i18n';
import { linkClick } from '../../lib/router';
import { onlineTexts } from './texts';

export type T = (
  key: keyof (typeof onlineTexts)['de'],
  vars?: Record<string, string | number>,
) => string;

const TYPE_NAMES: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
};

function megabytes(bytes: number, lang: Lang) {
  const mb = bytes / (1024 * 1024);
  return `${mb.toLocaleString(lang === 'en' ? 'en-GB' : 'de-DE', { maximumFractionDigits: 1 })} MB`;
}

function checkField(f: FormField, value: string, t: T): string | null {
  if (!value) return f.required ? t('bad_required') : null;
  if (f.type === 'email' && !/^[^@\s]+@[^@\s]+\.[^@\s]{2,}$/.test(value)) return t('bad_email');
  if (f.type === 'postcode' && !/^\d{5}$/.test(value)) return t('bad_postcode');
  if (f.type === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(value)) return t('bad_date');
  if (f.type === 'date' && f.past_only && value > todayInBerlin()) return t('bad_future');
  return null;
}

function FieldControl(props: {
  field: FormField;
  value: string;
  error: string | null;
  lang: Lang;
  t: T;
  onInput: (value: string) => void;
}) {
  const { field: f, value, error, lang, t, onInput } = props;
  const id = `f-${f.id}`;
  const errorId = error ? `${id}-error` : undefined;
  const common = {
    id,
    name: f.id,
    required: f.required,
    'aria-invalid': error ? ('true' as const) : undefined,
    'aria-describedby': errorId,
  };
  const inputClass = `kern-form-input__input${error ? ' kern-form-input__input--error' : ''}`;
  const errorText = error ? (
    <p class="kern-error" id={errorId}>
      <span class="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
      <span class="kern-body">{error}</span>
    </p>
  ) : null;
  if (f.type === 'checkbox') {
    return (
      <div class="kern-form-check">
        <input
          {...common}
          class="kern-form-check__checkbox"
          type="checkbox"
          checked={value === 'true'}
          onChange={(e) => onInput((e.currentTarget as HTMLInputElement).checked ? 'true' : '')}
        />
        <label class="kern-label" for={id}>
          {label(f, lang)}
        </label>
        {errorText}
      </div>
    );
  }
  const labelText = (
    <label class="kern-label" for={id}>
      {label(f, lang)}
      {!f.required ? <span class="kern-label__optional"> – {t('optional')}</span> : null}
    </label>
  );
  let control;
  if (f.type === 'textarea') {
    control = (
      <textarea
        {...common}
        class={inputClass}
        rows={4}
        maxLength={f.max_length}
        value={value}
        onInput={(e) => onInput((e.currentTarget as HTMLTextAreaElement).value)}
      />
    );
  } else if (f.type === 'select') {
    control = (
      <div class="kern-form-input__select-wrapper">
        <select
          {...common}
          class="kern-form-input__select"
          value={value}
          onChange={(e) => onInput((e.currentTarget as HTMLSelectElement).value)}
        >
          <option value="">{t('choose')}</option>
          {(f.options ?? []).map((o) => (
            <option key={o.value} value={o.value}>
              {label(o, lang)}
            </option>
          ))}
        </select>
      </div>
    );
  } else {
    const type = f.type === 'email' ? 'email' : f.type === 'date' ? 'date' : 'text';
    const autoComplete: Record<string, string> = {
      family_name: 'family-name',
      given_names: 'given-name',
      birth_date: 'bday',
      email: 'email',
      postcode: 'postal-code',
      street: 'street-address',
      city: 'address-level2',
    };
    control = (
      <input
        {...common}
        class={inputClass}
        type={type}
        value={value}
        maxLength={f.max_length}
        inputMode={f.type === 'postcode' ? 'numeric' : undefined}
        autoComplete={autoComplete[f.id]}
        max={f.type === 'date' && f.past_only ? todayInBerlin() : undefined}
        onInput={(e) => onInput((e.currentTarget as HTMLInputElement).value)}
      />
    );
  }
  return (
    <div class="kern-form-input">
      {labelText}
      {control}
      {errorText}
    </div>
  );
}

export function FileControl(props: {
  doc: DocumentRequirement;
  error: string | null;
  lang: Lang;
  t: T;
  onFile: (file: File | null) => void;
}) {
  const { doc, error, lang, t, onFile } = props;
  const id = `d-${doc.id}`;
  const hintId = `${id}-hint`;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div class="kern-form-input">
      <label class="kern-label" for={id}>
        {label(doc, lang)}
        {!doc.required ? <span class="kern-label__optional"> – {t('optional')}</span> : null}
      </label>
      <div class="kern-hint" id={hintId}>
        {t('fileHint', {
          types: doc.content_types.map((c) => TYPE_NAMES[c] ?? c).join(', '),
          size: megabytes(doc.max_bytes, lang),
        })}
      </div>
      <input
        class={`kern-form-input__input${error ? ' kern-form-input__input--error' : ''}`}
        id={id}
        name={doc.id}
        type="file"
        accept={doc.content_types.join(',')}
        required={doc.required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ')}
        onChange={(e) => onFile((e.currentTarget as HTMLInputElement).files?.[0] ?? null)}
      />
      {error ? (
        <p class="kern-error" id={errorId}>
          <span class="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
          <span class="kern-body">{error}</span>
        </p>
      ) : null}
    </div>
  );
}

function ServiceForm({ form, lang, t }: { form: OnlineForm; lang: Lang; t: T }) {
  const [values, setValues] = useState<Record<string, string>>({});
  const [files, setFiles] = useState<Record<string, File | null>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<Submitted | null>(null);
  const doneHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (sent) doneHeading.current?.focus();
  }, [sent]);

  const validate = () => {
    const found: Record<string, string> = {};
    for (const f of form.fields) {
      const problem = checkField(f, values[f.id] ?? '', t);
      if (problem) found[f.id] = problem;
    }
    for (const d of form.documents) {
      const file = files[d.id];
      if (!file) {
        if (d.required) found[d.id] = t('bad_required');
      } else if (file.size > d.max_bytes) {
        found[d.id] = t('fileTooLarge', { size: megabytes(d.max_bytes, lang) });
      } else if (file.type && !d.content_types.includes(file.type)) {
        found[d.id] = t('fileType');
      }
    }
    return found;
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setError(t('checkFields'));
      const first = Object.keys(found)[0];
      const control =
        document.getElementById(`f-${first}`) ?? document.getElementById(`d-${first}`);
      control?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const uploads = await uploadsOf(form.documents, files);
      const answers: Record<string, string> = {};
      for (const [k, v] of Object.entries(values)) if (v) answers[k] = v;
      setSent(await submitCase(form.service_id, lang, answers, uploads));
    } catch (e) {
      if (e instanceof ApiError && e.status !== 0) {
        // "field 'email': ..." / "document 'id_copy': ..." point at one control.
        const match = /^(?:field|document) '([a-z0-9_]+)': (.*)$/.exec(e.message);
        if (match) setErrors({ [match[1]]: match[2] });
        setError(e.message);
      } else {
        setError(t('networkError'));
      }
    } finally {
      setBusy(false);
    }
  };

  if (sent) {
    const statusPath = localPath(sent.status_url);
    return (
      <section class="stack" aria-labelledby="done-title">
        <h2 id="done-title" class="kern-heading-medium" tabIndex={-1} ref={doneHeading}>
          {t('doneTitle')}
        </h2>
        <Alert kind="success" title={t('doneTitle')}>
          <p class="kern-body">{t('doneText')}</p>
        </Alert>
        <p class="kern-body">
          {t('code')}: <strong id="case-code">{sent.code}</strong>
        </p>
        <p class="kern-body">{t('keepLink')}</p>
        <p class="kern-body">
          <a class="kern-link" id="status-link" href={statusPath} onClick={linkClick}>
            {t('statusLink')}
          </a>
        </p>
      </section>
    );
  }

  return (
    <form class="stack" noValidate onSubmit={submit}>
      <p class="kern-body">{lang === 'en' ? form.intro_en : form.intro_de}</p>
      <ErrorAlert error={error} title={t('errorTitle')} />
      {form.fields.map((f) => (
        <FieldControl
          key={f.id}
          field={f}
          value={values[f.id] ?? ''}
          error={errors[f.id] ?? null}
          lang={lang}
          t={t}
          onInput={(v) => setValues({ ...values, [f.id]: v })}
        />
      ))}
      {form.documents.map((d) => (
        <FileControl
          key={d.id}
          doc={d}
          error={errors[d.id] ?? null}
          lang={lang}
          t={t}
          onFile={(file) => setFiles({ ...files, [d.id]: file })}
        />
      ))}
      <div class="actions">
        <Button type="submit" busy={busy} id="submit-case">
          {t('submit')}
        </Button>
      </div>
    </form>
  );
}

export default function OnlinePage({ path }: { path: string }) {
  const { t, lang } = useTexts(onlineTexts);
  const serviceId = decodeURIComponent(path.split('/')[2] ?? '');
  const [forms, setForms] = useState<OnlineForm[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    getOnlineServices()
      .then(setForms)
      .catch(() => setError(t('networkError')));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const form = forms?.find((f) => f.service_id === serviceId) ?? null;
  const name = (f: OnlineForm) => (lang === 'en' ? f.name_en || f.name_de : f.name_de);
  const title = form ? name(form) : t('listTitle');

  return (
    <Layout title={title} app={t('app')}>
      <div class="stack-lg">
        <h1 class="kern-heading-large">{title}</h1>
        <ErrorAlert error={error} title={t('errorTitle')} />
        {!forms && !error ? <p class="kern-body">{t('loading')}</p> : null}
        {forms && serviceId && !form ? (
          <Alert kind="warning" title={t('unknown')} />
        ) : null}
        {forms && !serviceId ? (
          <>
            <p class="kern-body">{t('listIntro')}</p>
            <ul class="stack" id="online-services">
              {forms.map((f) => (
                <li key={f.service_id}>
                  <a
                    class="kern-link"
                    href={`/online/${encodeURIComponent(f.service_id)}`}
                    onClick={linkClick}
                  >
                    {name(f)}
                  </a>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {form ? <ServiceForm key={form.service_id} form={form} lang={lang} t={t} /> : null}
        {serviceId ? (
          <p class="kern-body">
            <a class="kern-link" href="/online" onClick={linkClick}>
              {t('back')}
            </a>
          </p>
        ) : null}
      </div>
    </Layout>
  );
}
