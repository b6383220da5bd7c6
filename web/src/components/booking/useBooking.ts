// The hold → contact → confirmation steps, shared by the citizen page and the phone console.
import { useState } from 'preact/hooks';
import { ApiError, confirmHold, createHold, type Contact } from '../../lib/api';
import type { Receipt, Slot } from '../../lib/types';

export type Step = 'search' | 'contact' | 'done';

export interface BookingFlow {
  step: Step;
  held: Receipt | null;
  booked: Receipt | null;
  busy: boolean;
  /** A hold is being prepared (its proof of work solved) and made. */
  preparing: boolean;
  error: string | null;
  choose: (slot: Slot, services: string[], moveInDate: string | null) => void;
  confirm: (contact: Contact) => void;
  back: () => void;
  reset: () => void;
}

export function useBooking(
  channel: 'online' | 'phone',
  apiKey: string | null,
  networkMessage: string,
  onBooked?: (r: Receipt) => void,
): BookingFlow {
  const [step, setStep] = useState<Step>('search');
  const [held, setHeld] = useState<Receipt | null>(null);
  const [booked, setBooked] = useState<Receipt | null>(null);
  const [busy, setBusy] = useState(false);
  const [preparing, setPreparing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const message = (e: unknown) => (e instanceof ApiError && e.status !== 0 ? e.message : networkMessage);
  const focusMain = () =>
    window.setTimeout(() => {
      const target = document.querySelector<HTMLElement>('[data-step-focus]') ?? document.getElementById('main');
      target?.focus();
    }, 0);

  return {
    step,
    held,
    booked,
    busy,
    preparing,
    error,
    choose(slot, services, moveInDate) {
      setBusy(true);
      setPreparing(true);
      setError(null);
      createHold({ services, location: slot.location, start: slot.start, moveInDate, channel }, apiKey)
        .then((r) => {
          setHeld(r);
          setStep('contact');
          focusMain();
        })
        .catch((e: unknown) => setError(message(e)))
        .finally(() => {
          setBusy(false);
          setPreparing(false);
        });
    },
    confirm(contact) {
      if (!held) return;
      setBusy(true);
      setError(null);
      confirmHold(held.appointment.code, held.token, contact, apiKey)
        .then((r) => {
          setBooked(r);
          setStep('done');
          onBooked?.(r);
          focusMain();
        })
        .catch((e: unknown) => setError(message(e)))
        .finally(() => setBusy(false));
    },
    back() {
      setStep('search');
      setError(null);
      focusMain();
    },
    reset() {
      setHeld(null);
      setBooked(null);
      setStep('search');
      setError(null);
      focusMain();
    },
  };
}
