// Test data for the RODO tests: a person registered and corrected through the real forms (so the audit
// log holds what the participants feature really writes), then given a referral, a social contract, a
// place in a club edition with attendance, socially useful work with a settled month, and a certificate.
import type { CheerioAPI } from 'cheerio';
import type { DbClient } from '../../src/db/client.ts';
import { addDays, utcDate, warsawDate } from '../../src/lib/dates.ts';
import { makePesel } from '../../src/lib/pesel.ts';
import { html, postForm, type Agent } from '../helpers/app.ts';
import { makeEdition } from '../helpers/factories.ts';
import { makeAgreement } from './psu-factories.ts';
import { buildCertificateContent } from '../../src/features/certificates/certificate-content.ts';

let serial = 100 + (process.pid % 500);

export interface PersonSpec {
  firstName: string;
  lastName: string;
  sex: 'MALE' | 'FEMALE';
  birthDate: Date;
  phone: string;
  street: string;
  healthNotes: string;
}

/** Registers a person through POST /uczestnicy (with special-category data) and returns the id and PESEL. */
export async function registerPerson(worker: Agent, workerId: number, s: PersonSpec) {
  serial += 1;
  const pesel = makePesel(s.birthDate, s.sex, serial);
  const res = await postForm(worker, '/uczestnicy', {
    firstName: s.firstName, lastName: s.lastName, pesel, citizenship: 'polskie', street: s.street, houseNumber: '7', flatNumber: '2',
    postalCode: '83-110', city: 'Borków', phone: s.phone, email: '', education: 'BASIC_VOCATIONAL', labourStatus: 'UNEMPLOYED_REGISTERED',
    socialWorkerId: workerId, alcoholAddiction: 'on', disabilityLevel: 'MODERATE', healthNotes: s.healthNotes,
  });
  if (res.status !== 303) throw new Error(`registration failed: ${res.status} ${html(res.text)('.error-summary').text()}`);
  return { id: Number(res.headers.location!.split('/').pop()), pesel };
}

/** Every field of a form as the browser would send it (checked boxes only). */
export function formValues($: CheerioAPI, selector = 'form'): Record<string, string> {
  const out: Record<string, string> = {};
  $(`${selector} input, ${selector} select, ${selector} textarea`).each((_i, el) => {
    const e = $(el);
    const name = e.attr('name');
    if (!name || name === '_csrf') return;
    const type = e.attr('type');
    if ((type === 'checkbox' || type === 'radio') && e.attr('checked') === undefined) return;
    const tag = e.prop('tagName')?.toLowerCase();
    if (tag === 'select') out[name] = e.find('option[selected]').attr('value') ?? '';
    else if (tag === 'textarea') out[name] = e.text();
    else out[name] = e.attr('value') ?? (type === 'checkbox' ? 'on' : '');
  });
  return out;
}

/** Edits a person through their edit form: what the page holds, with `changes` on top. */
export async function editPerson(worker: Agent, id: number, changes: Record<string, string | undefined>) {
  const page = html((await worker.get(`/uczestnicy/${id}/edycja`)).text);
  const values: Record<string, string> = { ...formValues(page, `form[action="/uczestnicy/${id}"]`) };
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) delete values[k];
    else values[k] = v;
  }
  return postForm(worker, `/uczestnicy/${id}`, values);
}

/** Casework and club data for one person, each text carrying `tag` so tests can look for it. */
export async function giveCasework(db: DbClient, o: { participantId: number; workerId: number; tag: string; editionId: number; groupId: number; sessionIds: number[]; placement: { agreementId: number; workplaceId: number; monthId: number } }) {
  const { participantId, workerId, tag } = o;
  const today = warsawDate();
  await db.referral.create({
    data: {
      number: `SK/R/${participantId}`, kind: 'KIS', participantId, authorId: workerId, eligibilityBases: ['ALCOHOL_ADDICTION', 'LONG_TERM_UNEMPLOYED'],
      reasons: `Uzasadnienie ${tag}: długotrwałe bezrobocie`, status: 'ACCEPTED', consentGiven: true, consentDate: addDays(today, -60), editionId: o.editionId,
    },
  });
  const contract = await db.socialContract.create({
    data: {
      number: `KS/R/${participantId}`, participantId, socialWorkerId: workerId, signedAt: addDays(today, -70), startDate: addDays(today, -70), endDate: addDays(today, 110),
      assessment: `Ocena sytuacji ${tag}`, causes: `Przyczyny ${tag}`, supportOffered: `Wsparcie ${tag}`,
      goals: { create: [{ position: 1, description: `Cel ${tag}: ukończenie kursu`, achieved: true }] },
      actions: { create: [{ position: 1, side: 'PARTICIPANT', description: `Działanie ${tag}: udział w zajęciach`, deadline: addDays(today, 30) }] },
      reviews: { create: [{ dueDate: addDays(today, -10), heldAt: addDays(today, -9), notes: `Notatka z oceny ${tag}` }] },
      extensions: { create: [{ previousEnd: addDays(today, 80), newEnd: addDays(today, 110), reason: `Przedłużenie ${tag}` }] },
    },
  });
  const enrolment = await db.enrolment.create({
    data: { editionId: o.editionId, groupId: o.groupId, participantId, startDate: addDays(today, -40), opinionStart: `Opinia ${tag}` },
  });
  const marks = ['PRESENT', 'PRESENT', 'EXCUSED'] as const;
  await db.attendance.createMany({ data: o.sessionIds.map((sessionId, i) => ({ sessionId, participantId, status: marks[i % 3]! })) });
  await db.individualPlan.create({ data: { participantId, enrolmentId: enrolment.id, madeOn: addDays(today, -35), goals: `Plan działania ${tag}` } });
  const placement = await db.psuPlacement.create({
    data: { agreementId: o.placement.agreementId, workplaceId: o.placement.workplaceId, participantId, startDate: utcDate(2025, 1, 1), endDate: utcDate(2025, 12, 31), pupReferralNumber: `PUP/${tag}` },
  });
  // 36 hours in March 2025 at 8,30 zł: 298,80 zł (the worked example of the domain notes).
  const days: [Date, number][] = [[utcDate(2025, 3, 3), 10], [utcDate(2025, 3, 10), 10], [utcDate(2025, 3, 17), 10], [utcDate(2025, 3, 24), 6]];
  await db.psuHourEntry.createMany({ data: days.map(([date, h]) => ({ placementId: placement.id, participantId, date, minutes: h * 60, kind: 'WORK' as const })) });
  await db.psuHourEntry.create({ data: { placementId: placement.id, participantId, date: utcDate(2025, 3, 26), minutes: 0, kind: 'SICKNESS' } });
  await db.psuSettlementRow.create({ data: { monthId: o.placement.monthId, participantId, placementId: placement.id, minutes: 36 * 60, rateGrosze: 830, amountGrosze: 29_880, refundGrosze: 17_928 } });
  const person = await db.participant.findUniqueOrThrow({ where: { id: participantId } });
  const cert = await db.certificate.create({
    data: {
      number: `KIS/R/${participantId}`, prefix: 'KIS-R', year: 2026, seq: participantId, kind: 'KIS_COMPLETION', participantId, editionId: o.editionId, enrolmentId: enrolment.id,
      issuedOn: today, issuedById: null, verificationCode: `R${participantId}X${process.pid}`,
      content: buildCertificateContent({
        kind: 'KIS_COMPLETION', number: `KIS/R/${participantId}`, issuedOn: today, person,
        centre: { name: 'Ośrodek Pomocy Społecznej', street: 'ul. Polna 1', postalCode: '21-040', city: 'Łąka', clubName: 'KIS', directorName: null },
        edition: { ...(await db.edition.findUniqueOrThrow({ where: { id: o.editionId } })) },
        enrolment: { startDate: addDays(today, -40), endDate: null },
        hours: [{ moduleId: 1, name: 'Warsztaty umiejętności psychospołecznych', plannedHours: 24, heldMinutes: 540, presentMinutes: 360, excusedMinutes: 180 }],
        attendanceBp: 6667, verifyUrl: 'https://example.test/weryfikacja',
      }) as never,
    },
  });
  return { contract, enrolment, placement, cert };
}

/** A running edition with three held sessions, and a PSU agreement whose March 2025 is settled. */
export async function makeClubAndPsu(db: DbClient) {
  const today = warsawDate();
  const edition = await makeEdition(db, { start: addDays(today, -40), end: addDays(today, 40) });
  const group = edition.groups[0]!;
  const sessions = [];
  for (const ago of [21, 14, 7]) {
    sessions.push(await db.classSession.create({
      data: { editionId: edition.id, groupId: group.id, moduleId: edition.modules[0]!.id, date: addDays(today, -ago), startMinute: 900, endMinute: 1080, status: 'HELD' },
    }));
  }
  const agreement = await makeAgreement(db, { year: 2025 });
  const month = await db.psuMonth.create({ data: { agreementId: agreement.id, year: 2025, month: 3, status: 'CLOSED', closedAt: new Date() } });
  return { edition, group, sessionIds: sessions.map((s) => s.id), placement: { agreementId: agreement.id, workplaceId: agreement.workplaces[0]!.id, monthId: month.id } };
}
