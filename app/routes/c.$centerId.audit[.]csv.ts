import type { LoaderFunctionArgs } from '@remix-run/node';
import { requestLanguage } from '~/i18n/language.server';
import { AUDIT_CSV_MAX, auditCsvRows } from '~/modules/audit/audit';
import { listAuditEntries, presentAuditEntries, readAuditFilters } from '~/modules/audit/audit.server';
import { centerContext } from '~/modules/centers/context.server';
import { toCsv } from '~/modules/files/csv';

/** The log as the page filters it, every page of it up to AUDIT_CSV_MAX entries (the newest). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, center, today } = await centerContext(request, params, { roles: ['coordinator'] });
  const { filter } = await readAuditFilters({
    centerId: center.id,
    zone: center.timeZone,
    searchParams: new URL(request.url).searchParams,
  });
  const { entries, nextCursor } = await listAuditEntries({ centerId: center.id, filter, limit: AUDIT_CSV_MAX });
  const presented = await presentAuditEntries({
    center,
    lng: await requestLanguage(request, viewer.user.language),
    entries,
  });
  return new Response(toCsv(auditCsvRows(presented, center.timeZone)), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="audit-${today}.csv"`,
      'Cache-Control': 'private, no-store',
      // More entries matched than one export holds: the file has the newest AUDIT_CSV_MAX.
      ...(nextCursor ? { 'X-Audit-Truncated': String(AUDIT_CSV_MAX) } : {}),
    },
  });
}
