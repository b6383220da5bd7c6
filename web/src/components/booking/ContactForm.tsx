// The held slot and the contact form (name, e-mail or phone). Errors are listed per field and the
// first faulty field gets the focus.
import { useState } from 'preact/hooks';
import type { Contact } from '../../lib/api';
import { formatTime } from '../../lib/format';
import { useTexts } from '../../lib/i18n';
import type { Appointment } from '../../lib/types';
import { Alert, ErrorAlert } from '../Alert';
import { Button } from '../Button';
import { TextField } from '../Field';
import { AppointmentFacts } from './AppointmentFacts';
import { bookingTexts } from './texts';

interface Props {
  idPrefix: string;
  held: Appointment;
  serviceNames: string[];
  busy: boolean;
  error: string | null;
  onSubmit: (contact: Contact) => void;
  onBack: () => void;
  headingLevel?: 2 | 3;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function ContactForm({ idPrefix, held, serviceNames, busy, error, onSubmit, onBack, headingLevel = 2 }: Props) {
  const { t, lang } = useTexts(bookingTexts);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [errors, setErrors] = useState<{ name?: string; email?: string; phone?: string }>({});
  const Heading = headingLevel === 2 ? 'h2' : 'h3';

  const submit = (event: Event) => {
    event.preventDefault();
    const found: typeof errors = {};
    if (!name.trim()) found.name = t('nameMissing');
    if (!email.trim() && !phone.trim()) found.email = t('contactMissing');
    else if (email.trim() && !EMAIL.test(email.trim())) found.email = t('emailInvalid');
    setErrors(found);
    const first = Object.keys(found)[0];
    if (first) {
      document.getElementById(`${idPrefix}-${first}`)?.focus();
      return;
    }
    const contact: Contact = { name: name.trim() };
    if (email.trim()) contact.email = email.trim();
    if (phone.trim()) contact.phone = phone.trim();
    onSubmit(contact);
  };

  return (
    <div class="stack">
      <Alert kind="success" title={t('held')}>
        <AppointmentFacts
          start={held.start}
          locationName={held.location_name}
          address={held.address}
          serviceNames={serviceNames}
        />
        {held.hold_expires_at ? (
          <p class="kern-body">{t('heldUntil', { time: formatTime(held.hold_expires_at, lang) })}</p>
        ) : null}
      </Alert>
      <form class="stack" noValidate onSubmit={submit} aria-labelledby={`${idPrefix}-contact-title`}>
        <Heading id={`${idPrefix}-contact-title`} class="kern-heading-medium">
          {t('contactTitle')}
        </Heading>
        <p class="kern-body">{t('contactHint')}</p>
        <TextField
          id={`${idPrefix}-name`}
          label={t('name')}
          value={name}
          onInput={setName}
          autoComplete="name"
          required
          error={errors.name ?? null}
        />
        <TextField
          id={`${idPrefix}-email`}
          type="email"
          label={t('email')}
          value={email}
          onInput={setEmail}
          autoComplete="email"
          inputMode="email"
          error={errors.email ?? null}
        />
        <TextField
          id={`${idPrefix}-phone`}
          type="tel"
          label={t('phone')}
          value={phone}
          onInput={setPhone}
          autoComplete="tel"
          inputMode="tel"
          optionalText={t('optional')}
          error={errors.phone ?? null}
        />
        <ErrorAlert error={error} title={t('errorTitle')} />
        <div class="actions">
          <Button type="submit" busy={busy} icon="check">
            {t('confirm')}
          </Button>
          <Button kind="tertiary" onClick={onBack} icon="arrow-back">
            {t('back')}
          </Button>
        </div>
      </form>
    </div>
  );
}
