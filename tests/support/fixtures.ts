// A small world for integration tests: two centers, staff of every role, and a parent.
import { getDb } from '~db/client.server';
import { linkGuardian, makeCenter, makeChild, makeClassroom, makeUser } from '~db/seed/factories';

export const PASSWORD = 'correct horse battery';

export async function twoCenters() {
  const db = getDb();
  const center = await makeCenter(db, { name: 'TAS Mawar' });
  const other = await makeCenter(db, { name: 'TARA Lain', kind: 'workplace', timeZone: 'Asia/Makassar' });
  const classroom = await makeClassroom(db, { centerId: center.id });
  const otherClassroom = await makeClassroom(db, { centerId: other.id });
  const coordinator = await makeUser(db, {
    email: 'koor@example.test',
    name: 'Koor',
    password: PASSWORD,
    memberships: [{ centerId: center.id, role: 'coordinator' }],
  });
  const teacher = await makeUser(db, {
    email: 'guru@example.test',
    name: 'Guru',
    password: PASSWORD,
    memberships: [{ centerId: center.id, role: 'teacher' }],
  });
  const caregiver = await makeUser(db, {
    email: 'pengasuh@example.test',
    name: 'Pengasuh',
    memberships: [{ centerId: center.id, role: 'caregiver' }],
  });
  const otherCoordinator = await makeUser(db, {
    email: 'koor.lain@example.test',
    name: 'Koor Lain',
    memberships: [{ centerId: other.id, role: 'coordinator' }],
  });
  const parent = await makeUser(db, { email: 'ibu@example.test', name: 'Ibu', password: PASSWORD });
  const otherParent = await makeUser(db, { email: 'ayah.lain@example.test', name: 'Ayah Lain' });
  const child = await makeChild(db, { centerId: center.id, classroomId: classroom.id, fullName: 'Putri Lestari' });
  const otherChild = await makeChild(db, {
    centerId: other.id,
    classroomId: otherClassroom.id,
    fullName: 'Bima Saputra',
  });
  await linkGuardian(db, { childId: child.id, userId: parent.id });
  await linkGuardian(db, { childId: otherChild.id, userId: otherParent.id });
  return {
    center,
    other,
    classroom,
    coordinator,
    teacher,
    caregiver,
    otherCoordinator,
    parent,
    otherParent,
    child,
    otherChild,
  };
}
