import { useEffect, useState } from 'react';

/**
 * `value`, once it has stopped changing for `ms` milliseconds (for search-as-you-type and live checks).
 * A new `flush` (e.g. a counter bumped when a saved view fills the filters) hands the value on at once:
 * only typing waits.
 */
export function useDebouncedValue<T>(value: T, ms: number, flush?: unknown): T {
  const [debounced, setDebounced] = useState(value);
  const [flushed, setFlushed] = useState(flush);
  if (flushed !== flush) {
    // Adjusting state while rendering (React's pattern for "reset when a prop changes"): no stale frame.
    setFlushed(flush);
    setDebounced(value);
  }
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return flushed !== flush ? value : debounced;
}
