import { useActionData, useLocation, useNavigation } from '@remix-run/react';
import { useEffect, useState } from 'react';

/**
 * The page's last successful action result ("saved for 3 children"), kept until the next
 * submission or another page: on a live page a revalidation clears the action data, and a
 * confirmation must not vanish before it has been read.
 */
export function useLastSaved<T extends { ok?: boolean }>() {
  const result = useActionData() as T | undefined;
  const { state } = useNavigation();
  const { pathname, search } = useLocation();
  const address = pathname + search;
  // Remembered with the page it was saved on (a form post comes back to the same address).
  const [saved, setSaved] = useState(() => (result?.ok ? { value: result, address } : null));
  useEffect(() => {
    if (result?.ok) setSaved({ value: result, address });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [result]);
  useEffect(() => {
    if (state === 'submitting') setSaved(null);
  }, [state]);
  return saved?.address === address ? saved.value : null;
}
