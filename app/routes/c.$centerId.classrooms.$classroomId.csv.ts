import type { LoaderFunctionArgs } from '@remix-run/node';
import { centerContext } from '~/modules/centers/context.server';
import { classroomRoster } from '~/modules/children/record.server';
import { toCsv } from '~/modules/files/csv';
import { found } from '~/modules/http.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { center } = await centerContext(request, params);
  const { classroom, children } = found(
    await classroomRoster({ centerId: center.id, classroomId: params.classroomId! }),
  );
  const rows = [
    [
      'child_name',
      'nickname',
      'birth_date',
      'sex',
      'days',
      'start',
      'end',
      'allergies',
      'medical_conditions',
      'contact_name',
      'relationship',
      'phone',
    ],
    ...children.flatMap((c) => {
      const base = [
        c.full_name,
        c.nickname,
        c.birth_date,
        c.sex,
        c.schedule_days.join(' '),
        c.schedule_start,
        c.schedule_end,
        c.allergies,
        c.medical_conditions,
      ];
      return c.contacts.length
        ? c.contacts.map((g) => [...base, g.name, g.relationship, g.phone])
        : [[...base, '', '', '']];
    }),
  ];
  const fileName = `roster-${classroom.name.replace(/[^\w-]+/g, '-')}.csv`;
  return new Response(toCsv(rows), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${fileName}"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
