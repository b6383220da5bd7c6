// Asks for the call centre's API key once per tab (sessionStorage).
import { useState } from 'preact/hooks';
import { Button } from '../../components/Button';
import { TextField } from '../../components/Field';
import { useTexts } from '../../lib/i18n';
import { phoneTexts } from './texts';

export function KeyForm({ onKey, notice }: { onKey: (key: string) => void; notice: string | null }) {
  const { t } = useTexts(phoneTexts);
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      class="stack"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!key.trim()) {
          setError(t('keyMissing'));
          document.getElementById('p-key')?.focus();
          return;
        }
        onKey(key.trim());
      }}
    >
      <h2 class="kern-heading-medium">{t('keyTitle')}</h2>
      {notice ? <p class="kern-body" role="alert">{notice}</p> : null}
      <TextField
        id="p-key"
        type="password"
        label={t('keyLabel')}
        hint={t('keyHint')}
        value={key}
        onInput={setKey}
        autoComplete="off"
        error={error}
        required
      />
      <Button type="submit" icon="account-circle">
        {t('keySave')}
      </Button>
      <p class="kern-body">
        <a class="kern-link" href="/anmelden?next=/phone">
          {t('staffSignIn')}
        </a>
      </p>
    </form>
  );
}
