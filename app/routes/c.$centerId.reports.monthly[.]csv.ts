import type { LoaderFunctionArgs } from '@remix-run/node';
import { monthlyReport } from '~/modules/attendance/board.server';
import { monthlyParams } from '~/modules/attendance/reports.server';
import { centerContext } from '~/modules/centers/context.server';
import { toCsv } from '~/modules/files/csv';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { center } = await centerContext(request, params, { roles: ['coordinator', 'teacher'] });
  const { month, classroomId } = await monthlyParams(request, center);
  const report = await monthlyReport({ centerId: center.id, classroomId, month });
  const rows = [
    [
      'child_name',
      'classroom',
      'expected_days',
      'present',
      'absent_sick',
      'absent_family',
      'absent_other',
      'absent_unexplained',
      'unrecorded',
      'attendance_rate_percent',
    ],
    ...report.rows.map((r) => [
      r.name,
      r.classroomName,
      r.expected,
      r.present,
      r.absent.sick,
      r.absent.family,
      r.absent.other,
      r.absent.unexplained,
      r.unrecorded,
      r.rate,
    ]),
  ];
  return new Response(toCsv(rows), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="attendance-${month}.csv"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
