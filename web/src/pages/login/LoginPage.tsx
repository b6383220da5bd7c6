// Staff sign-in (/anmelden): name and password; afterwards back to the page that sent the user
// here (?next=), or the control room. Citizens never need it.
import { useState } from 'preact/hooks';
import { ErrorAlert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { TextField } from '../../components/Field';
import { Layout } from '../../components/Layout';
import { ApiError } from '../../lib/api';
import { useTexts, type Texts } from '../../lib/i18n';
import { queryParam } from '../../lib/router';
import { signIn } from '../../lib/session';

const texts: Texts<
  'title' | 'app' | 'intro' | 'name' | 'password' | 'submit' | 'errorTitle' | 'missing' | 'wrong' | 'wait' | 'network'
> = {
  de: {
    title: 'Anmelden',
    app: 'Mitarbeitende',
    intro: 'Für Schalter, Telefonservice und Leitstelle. Bürgerinnen und Bürger brauchen kein Konto.',
    name: 'Benutzername',
    password: 'Passwort',
    submit: 'Anmelden',
    errorTitle: 'Anmeldung fehlgeschlagen',
    missing: 'Bitte Benutzername und Passwort eingeben.',
    wrong: 'Benutzername oder Passwort ist falsch.',
    wait: 'Zu viele Fehlversuche. Bitte in {n} Sekunden erneut versuchen.',
    network: 'Keine Verbindung zum Server.',
  },
  en: {
    title: 'Sign in',
    app: 'Staff',
    intro: 'For counters, the phone service and the control room. Citizens need no account.',
    name: 'User name',
    password: 'Password',
    submit: 'Sign in',
    errorTitle: 'Sign-in failed',
    missing: 'Please enter your user name and password.',
    wrong: 'User name or password is wrong.',
    wait: 'Too many failed attempts. Please try again in {n} seconds.',
    network: 'No connection to the server.',
  },
};

// Only paths of this site: an open redirect would help phishing.
function nextPath(): string {
  const next = queryParam('next');
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/control';
}

export default function LoginPage() {
  const { t } = useTexts(texts);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!name.trim() || !password) {
      setError(t('missing'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await signIn(name.trim(), password);
      window.location.assign(nextPath());
    } catch (err) {
      setPassword('');
      if (err instanceof ApiError && err.status === 429) {
        const after = (err.body as { retry_after?: number } | null)?.retry_after;
        setError(t('wait', { n: after ?? 60 }));
      } else if (err instanceof ApiError && err.status === 401) {
        setError(t('wrong'));
      } else {
        setError(err instanceof ApiError && err.status === 0 ? t('network') : String((err as Error).message));
      }
      document.getElementById('l-password')?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Layout title={t('title')} app={t('app')}>
      <form class="stack-lg login-form" noValidate onSubmit={submit}>
        <h1 class="kern-heading-large">{t('title')}</h1>
        <p class="kern-body">{t('intro')}</p>
        <ErrorAlert error={error} title={t('errorTitle')} />
        <TextField id="l-name" label={t('name')} value={name} onInput={setName} autoComplete="username" required />
        <TextField
          id="l-password"
          type="password"
          label={t('password')}
          value={password}
          onInput={setPassword}
          autoComplete="current-password"
          required
        />
        <Button type="submit" busy={busy} icon="login">
          {t('submit')}
        </Button>
      </form>
    </Layout>
  );
}
