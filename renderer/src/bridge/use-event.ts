import { useEffect, useRef } from 'react';
import { splits, type EventChannel, type EventPayload } from './splits';

/** Listens to one event from main while the component is shown; the listener may change without resubscribing. */
export function useEvent<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): void {
  const current = useRef(listener);
  current.current = listener;
  useEffect(() => splits().on(event, (payload) => current.current(payload)), [event]);
}
