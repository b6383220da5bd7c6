// Citizen booking (/): services → earliest times across all centres (or centre first) → hold →
// contact → confirmation with code, calendar file and manage link.
import { useEffect, useState } from 'preact/hooks';
import { ErrorAlert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Radio } from '../../components/Field';
import { Layout } from '../../components/Layout';
import { CentreCalendar } from '../../components/booking/CentreCalendar';
import { Confirmation } from '../../components/booking/Confirmation';
import { ContactForm } from '../../components/booking/ContactForm';
import { Filters, emptyFilters, type SearchFilters } from '../../components/booking/Filters';
import { ServicePicker } from '../../components/booking/ServicePicker';
import { SlotList } from '../../components/booking/SlotList';
import { bookingTexts } from '../../components/booking/texts';
import { useBooking } from '../../components/booking/useBooking';
import { WaitlistForm } from '../../components/booking/WaitlistForm';
import { useSlotSearch } from '../../components/booking/useSlotSearch';
import { extractPostcode } from '../../lib/geo';
import { fill, serviceName, useTexts } from '../../lib/i18n';
import { prepareProof } from '../../lib/proof';
import { useCatalogue } from '../../lib/useCatalogue';
import { citizenTexts } from './texts';

export default function CitizenPage() {
  const { t, lang } = useTexts(citizenTexts);
  const bt = useTexts(bookingTexts).t;
  const catalogue = useCatalogue();
  const [selected, setSelected] = useState<string[]>([]);
  const [filters, setFilters] = useState<SearchFilters>(emptyFilters);
  const [mode, setMode] = useState<'time' | 'centre'>('time');
  const flow = useBooking('online', null, bt('networkError'));

  const { needsMoveIn, point, query } = useSlotSearch(catalogue, selected, filters, { limit: 20 });
  // While the person looks at the times, the browser already works out the proof the hold needs.
  useEffect(() => {
    if (flow.step === 'search' && selected.length > 0) prepareProof();
  }, [flow.step, selected.length > 0]);
  const nearError = filters.near.trim().length >= 5 && !point ? bt('nearUnknown') : null;
  const names = (ids: string[]) =>
    ids.map((id) => {
      const s = catalogue.services.find((x) => x.id === id);
      return s ? serviceName(s, lang) : id;
    });

  return (
    <Layout title={t('title')} app={t('app')}>
      <div class="stack-lg">
        <div class="stack">
          <p class="kern-preline" id="step-label">
            {flow.step === 'search' ? t('step1') : flow.step === 'contact' ? t('step2') : t('step3')}
          </p>
          <h1 class="kern-heading-large" tabIndex={-1} data-step-focus>
            {flow.step === 'search' ? t('title') : flow.step === 'contact' ? t('confirmTitle') : t('doneTitle')}
          </h1>
          {flow.step === 'search' ? <p class="kern-body kern-body--large">{t('intro')}</p> : null}
        </div>
        <ErrorAlert error={catalogue.error ? t('loadError') : null} title={bt('errorTitle')} />

        {flow.step === 'search' ? (
          <div class="grid-2">
            <div class="stack-lg">
              <ServicePicker
                idPrefix="c"
                services={catalogue.services}
                selected={selected}
                onChange={setSelected}
              />
              {selected.length > 0 ? (
                <section class="stack" aria-labelledby="c-filters">
                  <h2 id="c-filters" class="kern-heading-medium">
                    {bt('filters')}
                  </h2>
                  <Filters
                    idPrefix="c"
                    filters={filters}
                    onChange={setFilters}
                    districts={catalogue.districts}
                    needsMoveIn={needsMoveIn}
                    nearError={nearError}
                  />
                </section>
              ) : null}
            </div>
            <div class="stack-lg">
              {selected.length > 0 ? (
                <fieldset class="kern-fieldset">
                  <legend class="kern-label">{bt('modeLegend')}</legend>
                  <div class="kern-fieldset__body">
                    <Radio name="c-mode" id="c-mode-time" label={bt('modeTime')} checked={mode === 'time'} onChange={() => setMode('time')} />
                    <Radio name="c-mode" id="c-mode-centre" label={bt('modeCentre')} checked={mode === 'centre'} onChange={() => setMode('centre')} />
                  </div>
                </fieldset>
              ) : null}
              <ErrorAlert error={flow.error} title={bt('errorTitle')} />
              <p class="kern-body" role="status" aria-live="polite" id="c-preparing">
                {flow.preparing ? t('preparing') : ''}
              </p>
              {needsMoveIn && !filters.moveInDate ? <p class="kern-body">{t('moveInFirst')}</p> : null}
              {mode === 'time' ? (
                <SlotList
                  idPrefix="c"
                  query={query}
                  busy={flow.busy}
                  nearLabel={point ? fill(bt('nearUsing'), { postcode: extractPostcode(filters.near) ?? '' }) : null}
                  onChoose={(slot) => flow.choose(slot, selected, needsMoveIn ? filters.moveInDate : null)}
                />
              ) : query ? (
                <CentreCalendar
                  idPrefix="c"
                  services={selected}
                  moveInDate={needsMoveIn ? filters.moveInDate : null}
                  locations={catalogue.locations}
                  busy={flow.busy}
                  onChoose={(slot) => flow.choose(slot, selected, needsMoveIn ? filters.moveInDate : null)}
                />
              ) : null}
              {query ? (
                <WaitlistForm services={selected} filters={filters} needsMoveIn={needsMoveIn} />
              ) : null}
            </div>
          </div>
        ) : null}

        {flow.step === 'contact' && flow.held ? (
          <ContactForm
            idPrefix="c"
            held={flow.held.appointment}
            serviceNames={names(flow.held.appointment.services)}
            busy={flow.busy}
            error={flow.error}
            onSubmit={flow.confirm}
            onBack={flow.back}
          />
        ) : null}

        {flow.step === 'done' && flow.booked ? (
          <div class="stack-lg">
            <Confirmation receipt={flow.booked} serviceNames={names(flow.booked.appointment.services)} />
            <Button
              kind="secondary"
              icon="add"
              onClick={() => {
                setSelected([]);
                setFilters(emptyFilters);
                flow.reset();
              }}
            >
              {bt('bookAnother')}
            </Button>
          </div>
        ) : null}
      </div>
    </Layout>
  );
}
