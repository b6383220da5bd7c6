// When, where and what of an appointment (held, booked or being managed), as one description list.
import type { ComponentChildren } from 'preact';
import { formatDateTime } from '../../lib/format';
import { useTexts } from '../../lib/i18n';
import { bookingTexts } from './texts';

interface Props {
  start: string;
  locationName?: string;
  address?: string | null;
  serviceNames: string[];
  id?: string;
  children?: ComponentChildren; // further items shown first (code, status)
}

export function Fact({ label, children, id }: { label: string; children: ComponentChildren; id?: string }) {
  return (
    <div class="kern-description-list-item">
      <dt class="kern-description-list-item__key">{label}</dt>
      <dd class="kern-description-list-item__value" id={id}>
        {children}
      </dd>
    </div>
  );
}

export function AppointmentFacts({ start, locationName, address, serviceNames, id, children }: Props) {
  const { t, lang } = useTexts(bookingTexts);
  return (
    <dl class="kern-description-list" id={id}>
      {children}
      <Fact label={t('when')}>{formatDateTime(start, lang)}</Fact>
      <Fact label={t('where')}>
        {locationName}
        {address ? `, ${address}` : ''}
      </Fact>
      <Fact label={t('what')}>{serviceNames.join(', ')}</Fact>
    </dl>
  );
}
