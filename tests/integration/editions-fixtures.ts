// Test data for the club's integration tests: an edition with a group of people, staff and sessions,
// dated around today (attendance can only be taken on past or today's sessions).
import type { DbClient } from '../../src/db/client.ts';
import { addDays, warsawDate } from '../../src/lib/dates.ts';
import { makeEdition, makeParticipant } from '../helpers/factories.ts';

export const POLISH_NAMES = [
  ['Żaneta', 'Łęcka'], ['Józef', 'Ślusarczyk'], ['Małgorzata', 'Źródłowska'], ['Grzegorz', 'Ćwikła'],
  ['Urszula', 'Wąsik'], ['Łukasz', 'Żółkiewski'], ['Bożena', 'Dąbrowska'], ['Jerzy', 'Gęś'],
] as const;

export interface ClubFixture {
  edition: Awaited<ReturnType<typeof makeEdition>>;
  groupId: number;
  otherGroupId: number;
  people: { id: number; firstName: string; lastName: string }[];
  sessions: { id: number; date: Date }[];
  staffId: number;
}

/** An edition running from 40 days ago to 40 days ahead, `size` people in Grupa A, sessions `daysAgo` before today. */
export async function makeClub(
  db: DbClient,
  o: { size?: number; daysAgo?: number[]; socialWorkerId?: number | null; threshold?: number; excused?: boolean; fundingSource?: 'EU_ESF' | 'OWN_BUDGET'; capacity?: number } = {},
): Promise<ClubFixture> {
  const today = warsawDate();
  const edition = await makeEdition(db, {
    start: addDays(today, -40), end: addDays(today, 40), thresholdPct: o.threshold ?? 80, excusedCountsAsPresent: o.excused ?? false,
    groups: [{ name: 'Grupa A', capacity: o.capacity ?? 8 }, { name: 'Grupa B', capacity: 8 }],
  });
  if (o.fundingSource === 'EU_ESF') {
    await db.edition.update({
      where: { id: edition.id },
      data: { fundingSource: 'EU_ESF', funderName: 'Fundusze Europejskie dla Pomorza 2021–2027', projectNumber: 'FEPM.05.16-IZ.00-0042/24', projectTitle: 'Krok Dalej – aktywna integracja' },
    });
  }
  const [groupA, groupB] = edition.groups;
  const staff = await db.staffMember.create({ data: { fullName: 'Katarzyna Sadowska', profession: 'psycholog' } });
  await db.editionStaff.create({ data: { editionId: edition.id, staffId: staff.id, role: 'psycholog – diagnoza' } });
  const people = [];
  for (let i = 0; i < (o.size ?? 4); i++) {
    const [firstName, lastName] = POLISH_NAMES[i % POLISH_NAMES.length]!;
    const p = await makeParticipant(db, { firstName, lastName: i < POLISH_NAMES.length ? lastName : `${lastName} ${i}`, socialWorkerId: o.socialWorkerId ?? null });
    await db.enrolment.create({ data: { editionId: edition.id, groupId: groupA!.id, participantId: p.id, startDate: edition.startDate } });
    people.push({ id: p.id, firstName: p.firstName, lastName: p.lastName });
  }
  const sessions = [];
  for (const d of o.daysAgo ?? [7, 3]) {
    const date = addDays(today, -d);
    sessions.push(await db.classSession.create({
      data: { editionId: edition.id, groupId: groupA!.id, moduleId: edition.modules[0]!.id, staffId: staff.id, date, startMinute: 900, endMinute: 1110, location: 'sala 12' },
    }));
  }
  return { edition, groupId: groupA!.id, otherGroupId: groupB!.id, people, sessions, staffId: staff.id };
}

/** The hidden and checked values of an attendance form, as a browser would submit them. */
export function formFields($: import('cheerio').CheerioAPI): Record<string, string> {
  const out: Record<string, string> = {};
  $('form.attendance-form input[type="hidden"], form.attendance-form input[type="text"]').each((_i, el) => {
    const name = $(el).attr('name');
    if (name && name !== '_csrf') out[name] = String($(el).val() ?? '');
  });
  $('form.attendance-form input[type="radio"]:checked').each((_i, el) => {
    out[$(el).attr('name')!] = String($(el).val());
  });
  return out;
}
