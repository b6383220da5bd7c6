// Server-Sent Events as a hook. The browser's EventSource reconnects by itself and sends
// Last-Event-ID, so the server can replay what was missed; `connected` lets pages say when the
// live link is down.
import { useEffect, useRef, useState } from 'preact/hooks';

export type Handlers = Record<string, (data: unknown) => void>;

export function useEventSource(url: string | null, handlers: Handlers): boolean {
  const [connected, setConnected] = useState(false);
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    if (!url) return undefined;
    const source = new EventSource(url);
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(source.readyState === EventSource.OPEN);
    const names = Object.keys(ref.current);
    const listeners = names.map((name) => {
      const listener = (event: MessageEvent<string>) => {
        let data: unknown = null;
        try {
          data = JSON.parse(event.data);
        } catch {
          data = event.data;
        }
        ref.current[name]?.(data);
      };
      source.addEventListener(name, listener as EventListener);
      return listener;
    });
    return () => {
      names.forEach((name, i) =>
        source.removeEventListener(name, listeners[i] as EventListener),
      );
      source.close();
      setConnected(false);
    };
  }, [url]);
  return connected;
}
