import { useEffect, useState } from 'react';

/** `value`, once it has stopped changing for `ms` milliseconds (for search-as-you-type and live checks). */
export function useDebouncedValue<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}
