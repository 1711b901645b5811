import { useFetcher } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { ErrorMessage } from '~/components/field';

/** End a nap, or take back one’s own entry (the coordinator, anyone’s; a mother, her feeding visits). */
export function DayEntryActions({
  entry,
  viewer,
}: {
  entry: { id: string; kind: string; recordedBy: string | null; data: unknown };
  viewer: { id: string; isCoordinator: boolean };
}) {
  const { t } = useTranslation();
  const fetcher = useFetcher<{ errors?: Record<string, string> }>();
  const mine = viewer.isCoordinator || entry.recordedBy === viewer.id;
  if (!mine) return null;
  const openNap = entry.kind === 'nap' && !(entry.data as { end: string | null }).end;
  return (
    <fetcher.Form method="post" className="entry-actions">
      <input type="hidden" name="entryId" value={entry.id} />
      {openNap ? (
        <button type="submit" name="intent" value="end-nap" className="secondary" disabled={fetcher.state !== 'idle'}>
          {t('day.endNap')}
        </button>
      ) : null}{' '}
      <button type="submit" name="intent" value="remove" className="link-button" disabled={fetcher.state !== 'idle'}>
        {t('day.remove')}
      </button>
      <ErrorMessage message={fetcher.data?.errors?.form ?? fetcher.data?.errors?.end} />
    </fetcher.Form>
  );
}
