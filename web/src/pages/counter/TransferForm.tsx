// Send the person at the counter on to another service (a new waiting ticket).
import { useState } from 'preact/hooks';
import { Button } from '../../components/Button';
import { Select } from '../../components/Field';
import { serviceName, useTexts } from '../../lib/i18n';
import type { Service } from '../../lib/types';
import { counterTexts } from './texts';

interface Props {
  services: Service[];
  busy: boolean;
  onTransfer: (services: string[]) => void;
  onCancel: () => void;
}

export function TransferForm({ services, busy, onTransfer, onCancel }: Props) {
  const { t, lang } = useTexts(counterTexts);
  const present = services.filter((s) => s.needs_presence);
  const [service, setService] = useState(present[0]?.id ?? '');
  return (
    <form
      class="stack"
      onSubmit={(e) => {
        e.preventDefault();
        if (service) onTransfer([service]);
      }}
    >
      <Select
        id="k-transfer"
        label={t('transferTo')}
        value={service}
        onChange={setService}
        options={present.map((s) => ({ value: s.id, label: serviceName(s, lang) }))}
      />
      <div class="actions">
        <Button type="submit" busy={busy}>
          {t('transferDo')}
        </Button>
        <Button kind="tertiary" onClick={onCancel}>
          {t('cancel')}
        </Button>
      </div>
    </form>
  );
}
