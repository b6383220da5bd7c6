// "Nothing suitable? Tell me of an earlier slot": puts the citizen on the waitlist with the
// services and filters of the current search. A freed slot is then held for them and offered by
// mail or SMS before anyone else can see it.
import { useState } from 'preact/hooks';
import { Alert, ErrorAlert } from '../Alert';
import { Button } from '../Button';
import { TextField } from '../Field';
import { ApiError } from '../../lib/api';
import { useTexts } from '../../lib/i18n';
import { joinWaitlist, type WaitlistEntry } from '../../lib/waitlist';
import type { SearchFilters } from './Filters';
import { waitlistTexts } from './waitlistTexts';

interface Props {
  services: string[];
  filters: SearchFilters;
  needsMoveIn: boolean;
}

export function WaitlistForm({ services, filters, needsMoveIn }: Props) {
  const { t, lang } = useTexts(waitlistTexts);
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [latest, setLatest] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [joined, setJoined] = useState<WaitlistEntry | null>(null);

  if (joined) {
    return (
      <Alert kind="success" title={t('joinedTitle')}>
        <p class="kern-body" data-testid="waitlist-joined">
          {t('joined', { code: joined.code })}
        </p>
        {joined.manage_url ? (
          <p class="kern-body">
            <a class="kern-link" href={joined.manage_url}>
              {t('keepLink')}
            </a>
          </p>
        ) : null}
      </Alert>
    );
  }
  if (!open) {
    return (
      <section class="stack" aria-labelledby="w-title">
        <h2 id="w-title" class="kern-heading-small">
          {t('title')}
        </h2>
        <p class="kern-body">{t('intro')}</p>
        <Button kind="secondary" icon="calendar-today" onClick={() => setOpen(true)}>
          {t('open')}
        </Button>
      </section>
    );
  }
  const submit = async (event: Event) => {
    event.preventDefault();
    if (!name.trim() || (!email.trim() && !phone.trim())) {
      setError(t('contactNeeded'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      setJoined(
        await joinWaitlist({
          services,
          districts: filters.district ? [filters.district] : [],
          windows: filters.window,
          latest: latest || undefined,
          move_in_date: needsMoveIn && filters.moveInDate ? filters.moveInDate : undefined,
          contact: { name: name.trim(), email: email.trim(), phone: phone.trim(), language: lang },
        }),
      );
    } catch (e) {
      setError(e instanceof ApiError && e.status !== 0 ? e.message : t('networkError'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="stack" aria-labelledby="w-title" onSubmit={submit} noValidate>
      <h2 id="w-title" class="kern-heading-small">
        {t('title')}
      </h2>
      <p class="kern-body">{t('how')}</p>
      <ErrorAlert error={error} title={t('errorTitle')} />
      <TextField id="w-name" label={t('name')} value={name} onInput={setName} autoComplete="name" required />
      <TextField id="w-email" label={t('email')} type="email" value={email} onInput={setEmail} autoComplete="email" hint={t('emailOrPhone')} />
      <TextField id="w-phone" label={t('phone')} type="tel" value={phone} onInput={setPhone} autoComplete="tel" optionalText={t('optional')} />
      <TextField id="w-latest" label={t('latest')} type="date" value={latest} onInput={setLatest} hint={t('latestHint')} optionalText={t('optional')} />
      <Button type="submit" busy={busy} icon="calendar-today">
        {t('submit')}
      </Button>
    </form>
  );
}
