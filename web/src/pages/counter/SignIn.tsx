// Sign in at a counter: centre, counter name, mode and staff name.
import { useState } from 'preact/hooks';
import { ErrorAlert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Fieldset, Radio, Select, TextField } from '../../components/Field';
import { useTexts } from '../../lib/i18n';
import type { CounterMode, Location } from '../../lib/types';
import { counterTexts } from './texts';

export interface Seat {
  location: string;
  name: string;
  mode: CounterMode;
  staff: string;
}

interface Props {
  locations: Location[];
  initial: Seat | null;
  busy: boolean;
  error: string | null;
  onSignIn: (seat: Seat) => void;
}

export function SignIn({ locations, initial, busy, error, onSignIn }: Props) {
  const { t } = useTexts(counterTexts);
  const [location, setLocation] = useState(initial?.location ?? '');
  const [name, setName] = useState(initial?.name ?? '');
  const [mode, setMode] = useState<CounterMode>(initial?.mode ?? 'walk_in');
  const [staff, setStaff] = useState(initial?.staff ?? '');
  const [missing, setMissing] = useState(false);
  const open = locations.filter((l) => l.status === 'active' || l.status === 'interim');
  return (
    <form
      class="stack"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!location || !/^[A-Za-z0-9-]{1,16}$/.test(name.trim()) || !staff.trim()) {
          setMissing(true);
          return;
        }
        onSignIn({ location, name: name.trim(), mode, staff: staff.trim() });
      }}
    >
      <h2 class="kern-heading-medium">{t('signInTitle')}</h2>
      <ErrorAlert error={missing ? t('missing') : error} title={t('errorTitle')} />
      <Select
        id="k-location"
        label={t('centre')}
        value={location}
        onChange={setLocation}
        options={[
          { value: '', label: t('pick') },
          ...open
            .slice()
            .sort((a, b) => a.name.localeCompare(b.name, 'de'))
            .map((l) => ({ value: l.id, label: l.name })),
        ]}
      />
      <TextField id="k-counter" label={t('counter')} hint={t('counterHint')} value={name} onInput={setName} autoComplete="off" required />
      <Fieldset legend={t('mode')}>
        {(['walk_in', 'express', 'appointments'] as const).map((m) => (
          <Radio key={m} name="k-mode" id={`k-mode-${m}`} label={t(m)} checked={mode === m} onChange={() => setMode(m)} />
        ))}
      </Fieldset>
      <TextField id="k-staff" label={t('staff')} value={staff} onInput={setStaff} autoComplete="name" required />
      <Button type="submit" busy={busy} icon="account-circle">
        {t('signIn')}
      </Button>
    </form>
  );
}
