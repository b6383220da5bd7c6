// A waitlist offer from its message's link (/angebot/{code}?token=…): the freed slot held for the
// citizen, with "accept" (booked with the entry's contact) and "decline" (it passes to the next
// in line). The decline link adds `&action=decline`, which only puts that button in focus —
// mail scanners open links too. /warteliste/{code}?token=… shows the entry and lets the citizen
// leave the list.
import { useEffect, useRef, useState } from 'preact/hooks';
import { Alert, ErrorAlert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Layout } from '../../components/Layout';
import { ApiError, call, withQuery } from '../../lib/api';
import { formatDateTime, formatTime } from '../../lib/format';
import { useTexts } from '../../lib/i18n';
import { queryParam } from '../../lib/router';
import { acceptOffer, declineOffer, getOffer, type WaitlistEntry } from '../../lib/waitlist';
import { offerTexts } from './texts';

type Outcome = 'accepted' | 'declined' | 'left' | null;

export default function OfferPage({ path }: { path: string }) {
  const { t, lang } = useTexts(offerTexts);
  const [, kind, rawCode] = path.split('/');
  const isOffer = kind === 'angebot';
  const code = decodeURIComponent(rawCode ?? '');
  const token = queryParam('token') ?? '';
  const declineFocus = useRef<HTMLDivElement>(null);
  const [entry, setEntry] = useState<WaitlistEntry | null>(null);
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [manageUrl, setManageUrl] = useState<string | null>(null);

  useEffect(() => {
    const load = isOffer
      ? getOffer(code, token)
      : call<WaitlistEntry>(withQuery(`/api/v1/waitlist/${encodeURIComponent(code)}`, { token }));
    load.then(setEntry).catch(() => setMissing(true));
  }, [code, token, isOffer]);

  useEffect(() => {
    if (entry && queryParam('action') === 'decline') {
      declineFocus.current?.querySelector('button')?.focus();
    }
  }, [entry]);

  const act = async (what: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await what();
    } catch (e) {
      setError(e instanceof ApiError && e.status !== 0 ? e.message : t('networkError'));
    } finally {
      setBusy(false);
    }
  };

  const offer = entry?.offer ?? null;
  const open = entry?.status === 'offered' && offer?.status === 'held';
  return (
    <Layout title={isOffer ? t('title') : t('entryTitle')} app={t('app')}>
      <div class="stack-lg">
        <h1 class="kern-heading-large">{isOffer ? t('title') : t('entryTitle')}</h1>
        {missing ? <Alert kind="warning" title={t('notFound')}>{null}</Alert> : null}
        {!entry && !missing ? <p class="kern-body">{t('loading')}</p> : null}
        <ErrorAlert error={error} title={t('errorTitle')} />
        {outcome === 'accepted' ? (
          <Alert kind="success" title={t('accepted')}>
            {manageUrl ? (
              <a class="kern-link" href={manageUrl}>
                {t('manage')}
              </a>
            ) : null}
          </Alert>
        ) : null}
        {outcome === 'declined' ? <Alert kind="info" title={t('declined')}>{null}</Alert> : null}
        {outcome === 'left' ? <Alert kind="info" title={t('left')}>{null}</Alert> : null}
        {entry && offer && outcome === null ? (
          open ? (
            <div class="stack">
              <p class="kern-body kern-body--large">{t('held')}</p>
              <dl class="kern-description-list">
                <div class="kern-description-list-item">
                  <dt class="kern-description-list-item__key">{t('when')}</dt>
                  <dd class="kern-description-list-item__value" data-testid="offer-when">
                    {formatDateTime(offer.start, lang)}
                  </dd>
                </div>
                <div class="kern-description-list-item">
                  <dt class="kern-description-list-item__key">{t('where')}</dt>
                  <dd class="kern-description-list-item__value">
                    {offer.location_name ?? offer.location_id}
                    {offer.address ? `, ${offer.address}` : ''}
                  </dd>
                </div>
                <div class="kern-description-list-item">
                  <dt class="kern-description-list-item__key">{t('until')}</dt>
                  <dd class="kern-description-list-item__value">{formatTime(offer.expires_at, lang)}</dd>
                </div>
              </dl>
              <div class="actions">
                <Button
                  busy={busy}
                  icon="check"
                  onClick={() =>
                    act(async () => {
                      const r = await acceptOffer(offer.code, token);
                      setManageUrl(r.manage_url);
                      setOutcome('accepted');
                    })
                  }
                >
                  {t('accept')}
                </Button>
                <div ref={declineFocus}>
                  <Button
                    kind="secondary"
                    busy={busy}
                    icon="close"
                    onClick={() =>
                      act(async () => {
                        setEntry(await declineOffer(offer.code, token));
                        setOutcome('declined');
                      })
                    }
                  >
                    {t('decline')}
                  </Button>
                </div>
              </div>
            </div>
          ) : (
            <p class="kern-body">{t('over')}</p>
          )
        ) : null}
        {entry && !isOffer && entry.status === 'waiting' && outcome === null ? (
          <div class="stack">
            <p class="kern-body">{t('waiting')}</p>
            <Button
              kind="secondary"
              icon="delete"
              busy={busy}
              onClick={() =>
                act(async () => {
                  await call(withQuery(`/api/v1/waitlist/${encodeURIComponent(code)}`, { token }), {
                    method: 'DELETE',
                  });
                  setOutcome('left');
                })
              }
            >
              {t('leave')}
            </Button>
          </div>
        ) : null}
      </div>
    </Layout>
  );
}
