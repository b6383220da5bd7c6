// Phone service console (/phone): call-centre agents book on a caller's behalf through the phone
// channel (Authorization: Bearer KEY, channel=phone) and find, cancel or move appointments.
import { useEffect, useState } from 'preact/hooks';
import { ErrorAlert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Layout } from '../../components/Layout';
import { Confirmation } from '../../components/booking/Confirmation';
import { ContactForm } from '../../components/booking/ContactForm';
import { Filters, emptyFilters, type SearchFilters } from '../../components/booking/Filters';
import { ServicePicker } from '../../components/booking/ServicePicker';
import { SlotList } from '../../components/booking/SlotList';
import { bookingTexts } from '../../components/booking/texts';
import { useBooking } from '../../components/booking/useBooking';
import { useSlotSearch } from '../../components/booking/useSlotSearch';
import { SIGNED_IN } from '../../lib/api';
import { serviceName, useTexts } from '../../lib/i18n';
import { loadSession, PHONE_ROLES } from '../../lib/session';
import { useCatalogue } from '../../lib/useCatalogue';
import { FindAppointment } from './FindAppointment';
import { KeyForm } from './KeyForm';
import { phoneTexts } from './texts';

const KEY = 'amtszeit.phoneKey';

export default function PhonePage() {
  const { t, lang } = useTexts(phoneTexts);
  const bt = useTexts(bookingTexts).t;
  const [apiKey, setApiKey] = useState<string | null>(() => sessionStorage.getItem(KEY));
  const [keyNotice, setKeyNotice] = useState<string | null>(null);
  const [open, setOpen] = useState<{ code: string; n: number } | null>(null);
  const [recent, setRecent] = useState<{ code: string; when: string }[]>([]);
  const catalogue = useCatalogue();
  const [selected, setSelected] = useState<string[]>([]);
  const [filters, setFilters] = useState<SearchFilters>(emptyFilters);
  const flow = useBooking('phone', apiKey, bt('networkError'), (r) => {
    setRecent((old) => [{ code: r.appointment.code, when: r.appointment.start }, ...old]);
  });

  // A signed-in phone agent (or the control room) books with the session instead of a key.
  useEffect(() => {
    if (apiKey) return;
    loadSession()
      .then((user) => {
        if (user && PHONE_ROLES.includes(user.role)) setApiKey(SIGNED_IN);
      })
      .catch(() => undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey) return;
      if (e.key === '1') {
        e.preventDefault();
        document.getElementById('p-search')?.focus();
      } else if (e.key === '2') {
        e.preventDefault();
        document.getElementById('p-find')?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // A refused key sends the agent back to the key form.
  const keyRejected = () => {
    if (apiKey === SIGNED_IN) {
      window.location.assign('/anmelden?next=/phone');
      return;
    }
    sessionStorage.removeItem(KEY);
    setApiKey(null);
    setKeyNotice(t('keyRejected'));
  };
  useEffect(() => {
    if (flow.error && /API key|Schlüssel|401/.test(flow.error)) keyRejected();
  }, [flow.error]);

  const { needsMoveIn, point, query } = useSlotSearch(catalogue, selected, filters, { channel: 'phone', limit: 15 });
  const label = (id: string) => {
    const s = catalogue.services.find((x) => x.id === id);
    return s ? serviceName(s, lang) : id;
  };

  return (
    <Layout title={t('title')} app={t('app')} wide>
      <div class="stack-lg">
        <div class="row-wrap">
          <h1 class="kern-heading-large" tabIndex={-1} data-step-focus>
            {t('title')}
          </h1>
          {apiKey && apiKey !== SIGNED_IN ? (
            <Button
              kind="tertiary"
              icon="logout"
              onClick={() => {
                sessionStorage.removeItem(KEY);
                setApiKey(null);
              }}
            >
              {t('signOut')}
            </Button>
          ) : null}
        </div>
        {!apiKey ? (
          <KeyForm
            notice={keyNotice}
            onKey={(key) => {
              sessionStorage.setItem(KEY, key);
              setApiKey(key);
              setKeyNotice(null);
            }}
          />
        ) : (
          <>
            <p class="kern-body kern-body--small">{t('shortcuts')}</p>
            <div class="grid-2">
              <section class="stack-lg" aria-labelledby="p-book-title">
                <h2 id="p-book-title" class="kern-heading-medium">
                  {t('bookTitle')}
                </h2>
                {flow.step === 'search' ? (
                  <>
                    <ServicePicker idPrefix="p" headingLevel={3} services={catalogue.services} selected={selected} onChange={setSelected} />
                    {selected.length > 0 ? (
                      <Filters
                        idPrefix="p"
                        filters={filters}
                        onChange={setFilters}
                        districts={catalogue.districts}
                        needsMoveIn={needsMoveIn}
                        nearError={filters.near.trim().length >= 5 && !point ? bt('nearUnknown') : null}
                      />
                    ) : null}
                    <ErrorAlert error={flow.error} title={bt('errorTitle')} />
                    <SlotList
                      idPrefix="p"
                      headingLevel={3}
                      query={query}
                      apiKey={apiKey}
                      busy={flow.busy}
                      onChoose={(slot) => flow.choose(slot, selected, needsMoveIn ? filters.moveInDate : null)}
                    />
                  </>
                ) : null}
                {flow.step === 'contact' && flow.held ? (
                  <ContactForm
                    idPrefix="p"
                    headingLevel={3}
                    held={flow.held.appointment}
                    serviceNames={flow.held.appointment.services.map(label)}
                    busy={flow.busy}
                    error={flow.error}
                    onSubmit={flow.confirm}
                    onBack={flow.back}
                  />
                ) : null}
                {flow.step === 'done' && flow.booked ? (
                  <div class="stack">
                    <Confirmation receipt={flow.booked} headingLevel={3} serviceNames={flow.booked.appointment.services.map(label)} />
                    <Button
                      icon="add"
                      onClick={() => {
                        setSelected([]);
                        setFilters(emptyFilters);
                        flow.reset();
                      }}
                    >
                      {t('newCall')}
                    </Button>
                  </div>
                ) : null}
              </section>
              <div class="stack-lg">
                <FindAppointment apiKey={apiKey} serviceLabel={label} onKeyRejected={keyRejected} request={open} />
                <section class="stack" aria-labelledby="p-recent-title">
                  <h2 id="p-recent-title" class="kern-heading-small">
                    {t('recent')}
                  </h2>
                  {recent.length === 0 ? (
                    <p class="kern-body">{t('noRecent')}</p>
                  ) : (
                    <ul class="plain-list">
                      {recent.map((r) => (
                        <li key={r.code} class="kern-body">
                          <Button
                            kind="tertiary"
                            small
                            label={t('open', { code: r.code })}
                            onClick={() => {
                              setOpen((o) => ({ code: r.code, n: (o?.n ?? 0) + 1 }));
                              document.getElementById('p-find')?.focus();
                            }}
                          >
                            {r.code}
                          </Button>
                        </li>
                      ))}
                    </ul>
                  )}
                </section>
              </div>
            </div>
          </>
        )}
      </div>
    </Layout>
  );
}
