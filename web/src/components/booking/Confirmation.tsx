// The booked appointment: code, place and time, the .ics file and the manage link.
import { icsPath, localPath } from '../../lib/api';
import { useTexts } from '../../lib/i18n';
import type { Receipt } from '../../lib/types';
import { Alert } from '../Alert';
import { AppointmentFacts } from './AppointmentFacts';
import { bookingTexts } from './texts';

interface Props {
  receipt: Receipt;
  serviceNames: string[];
  headingLevel?: 2 | 3;
}

export function Confirmation({ receipt, serviceNames, headingLevel = 2 }: Props) {
  const { t } = useTexts(bookingTexts);
  const a = receipt.appointment;
  const manage = receipt.manage_url
    ? localPath(receipt.manage_url)
    : `/termin/${encodeURIComponent(a.code)}?token=${encodeURIComponent(receipt.token)}`;
  const ics = receipt.ics_url ? localPath(receipt.ics_url) : icsPath(a.code, receipt.token);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section class="stack" aria-labelledby="confirmation-title">
      <Alert kind="success" title={t('confirmed')}>
        <p class="kern-body">{t('yourCode')}:</p>
        <p class="code" id="booking-code">
          {a.code}
        </p>
      </Alert>
      <Heading id="confirmation-title" class="visually-hidden">
        {t('confirmed')}
      </Heading>
      <AppointmentFacts
        start={a.start}
        locationName={a.location_name}
        address={a.address}
        serviceNames={serviceNames}
      />
      <ul class="plain-list">
        <li>
          <a class="kern-link" href={ics} download={`termin-${a.code}.ics`} id="ics-link">
            <span class="kern-icon kern-icon--calendar-today" aria-hidden="true" /> {t('calendarFile')}
          </a>
        </li>
        <li>
          <a class="kern-link" href={manage} id="manage-link">
            <span class="kern-icon kern-icon--edit" aria-hidden="true" /> {t('manageLink')}
          </a>
          <p class="kern-body kern-body--small">{t('manageHint')}</p>
        </li>
      </ul>
    </section>
  );
}
