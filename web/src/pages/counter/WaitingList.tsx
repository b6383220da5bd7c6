// The centre's waiting tickets in the order they are expected to be called.
import { formatTime } from '../../lib/format';
import { useTexts } from '../../lib/i18n';
import type { Queue } from '../../lib/types';
import { counterTexts } from './texts';

export function WaitingList({ queue, label }: { queue: Queue | null; label: (id: string) => string }) {
  const { t, lang } = useTexts(counterTexts);
  const waiting = queue?.waiting ?? [];
  const count = (q: string) => waiting.filter((w) => w.queue === q).length;
  return (
    <section class="stack" aria-labelledby="k-queue">
      <h2 id="k-queue" class="kern-heading-medium">
        {t('queueTitle')}
      </h2>
      <p class="kern-body" id="k-counts">
        {count('walk_in')} {t('waitingWalkIn')} · {count('express')} {t('waitingExpress')} · {count('appointment')}{' '}
        {t('waitingAppt')}
      </p>
      {waiting.length === 0 ? (
        <p class="kern-body">{t('empty')}</p>
      ) : (
        <div class="table-wrap">
          <table class="data-table" id="k-waiting">
            <thead>
              <tr>
                <th scope="col">{t('position')}</th>
                <th scope="col">{t('number')}</th>
                <th scope="col">{t('services')}</th>
                <th scope="col">{t('since')}</th>
              </tr>
            </thead>
            <tbody>
              {waiting.map((w, i) => (
                <tr key={w.id}>
                  <td class="num">{w.position ?? i + 1}</td>
                  <td>{w.number}</td>
                  <td>{w.services.map(label).join(', ')}</td>
                  <td>
                    {formatTime(w.issued_at, lang)}
                    {w.due_at ? ` (${t('due')} ${formatTime(w.due_at, lang)})` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
