// Demo data modelled on a real club: a municipal centre, five staff accounts, 40 people, a closed spring
// edition and a running autumn edition (2 groups of 8, Tuesday and Thursday afternoons, 12 weeks),
// referrals in every state, social contracts with goals and reviews, attendance so far, and a PSU
// agreement with its workplaces, placements and hours. Deterministic: the same data every time.
import type { Db, DbClient } from './client.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import type { EligibilityBasis, Education, LabourStatus, Role, Sex } from '../generated/prisma/enums.ts';
import { addDays, startOfMonth, utcDate, warsawDate, isoWeekday, endOfMonth } from '../lib/dates.ts';
import { makePesel } from '../lib/pesel.ts';
import { seededRandom } from '../lib/random.ts';
import { generateTimetable } from '../lib/timetable.ts';
import { hashPassword } from '../lib/password.ts';
import { isPolishHoliday } from '../lib/holidays.ts';
import { closeMonth } from '../features/public-works/settlement.service.ts';

export const DEMO_PASSWORD = 'reintegra-demo';

export const DEMO_ACCOUNTS: { login: string; fullName: string; roles: Role[]; roleLabel: string; password: string }[] = [
  { login: 'admin', fullName: 'Tomasz Lewandowski', roles: ['ADMIN'], roleLabel: 'administrator', password: DEMO_PASSWORD },
  { login: 'pracownik', fullName: 'Anna Kowalska', roles: ['SOCIAL_WORKER'], roleLabel: 'pracownik socjalny', password: DEMO_PASSWORD },
  { login: 'pracownik2', fullName: 'Marek Nowak', roles: ['SOCIAL_WORKER'], roleLabel: 'pracownik socjalny', password: DEMO_PASSWORD },
  { login: 'koordynator', fullName: 'Ewa Wiśniewska', roles: ['COORDINATOR'], roleLabel: 'koordynator KIS', password: DEMO_PASSWORD },
  { login: 'dyrektor', fullName: 'Jan Zieliński', roles: ['DIRECTOR'], roleLabel: 'dyrektor', password: DEMO_PASSWORD },
];

export async function isDatabaseEmpty(db: DbClient): Promise<boolean> {
  return (await db.user.count()) === 0;
}

const MALE_FIRST = ['Piotr', 'Krzysztof', 'Andrzej', 'Tomasz', 'Paweł', 'Michał', 'Marcin', 'Grzegorz', 'Józef', 'Łukasz', 'Zbigniew', 'Jerzy', 'Stanisław', 'Mirosław', 'Dariusz', 'Sławomir', 'Wojciech', 'Ryszard'];
const FEMALE_FIRST = ['Anna', 'Małgorzata', 'Agnieszka', 'Barbara', 'Ewa', 'Elżbieta', 'Zofia', 'Joanna', 'Katarzyna', 'Grażyna', 'Danuta', 'Halina', 'Jadwiga', 'Beata', 'Żaneta', 'Urszula'];
const SURNAMES: [string, string][] = [
  ['Wójcik', 'Wójcik'], ['Kamiński', 'Kamińska'], ['Dąbrowski', 'Dąbrowska'], ['Szymański', 'Szymańska'],
  ['Woźniak', 'Woźniak'], ['Kozłowski', 'Kozłowska'], ['Jankowski', 'Jankowska'], ['Mazur', 'Mazur'],
  ['Kwiatkowski', 'Kwiatkowska'], ['Krawczyk', 'Krawczyk'], ['Piotrowski', 'Piotrowska'], ['Grabowski', 'Grabowska'],
  ['Pawłowski', 'Pawłowska'], ['Michalski', 'Michalska'], ['Król', 'Król'], ['Wieczorek', 'Wieczorek'],
  ['Jabłoński', 'Jabłońska'], ['Wróbel', 'Wróbel'], ['Nowakowski', 'Nowakowska'], ['Majewski', 'Majewska'],
  ['Olszewski', 'Olszewska'], ['Stępień', 'Stępień'], ['Malinowski', 'Malinowska'], ['Jaworski', 'Jaworska'],
  ['Adamczyk', 'Adamczyk'], ['Dudek', 'Dudek'], ['Nowicki', 'Nowicka'], ['Pająk', 'Pająk'], ['Górski', 'Górska'],
  ['Ślusarczyk', 'Ślusarczyk'], ['Żak', 'Żak'], ['Sikora', 'Sikora'], ['Baran', 'Baran'], ['Rutkowski', 'Rutkowska'],
  ['Michalak', 'Michalak'], ['Szewczyk', 'Szewczyk'], ['Ostrowski', 'Ostrowska'], ['Tomaszewski', 'Tomaszewska'],
  ['Pietrzak', 'Pietrzak'], ['Zalewski', 'Zalewska'],
];
const STREETS = ['ul. Kolejowa', 'ul. Ogrodowa', 'ul. Polna', 'ul. Szkolna', 'ul. Łąkowa', 'ul. Słoneczna', 'ul. Kościuszki', 'ul. Mickiewicza', 'os. Słowackiego', 'ul. Żeromskiego'];
const BASES: EligibilityBasis[] = ['LONG_TERM_UNEMPLOYED', 'LONG_TERM_UNEMPLOYED', 'LONG_TERM_UNEMPLOYED', 'ALCOHOL_ADDICTION', 'HOMELESS', 'DISABLED', 'MENTAL_DISORDER', 'RELEASED_FROM_PRISON'];
const EDUCATION: Education[] = ['PRIMARY', 'LOWER_SECONDARY', 'BASIC_VOCATIONAL', 'BASIC_VOCATIONAL', 'SECONDARY', 'POST_SECONDARY'];

// A group's 12-week programme (72 h); the modules of domain.md scaled to what two afternoons a week hold.
const PROGRAMME: { name: string; area: 'SOCIAL' | 'VOCATIONAL' | 'INDIVIDUAL' | 'LEISURE'; plannedHours: number; staff: number }[] = [
  { name: 'Diagnoza osobowości', area: 'SOCIAL', plannedHours: 9, staff: 0 },
  { name: 'Grupy wsparcia i samopomocy', area: 'SOCIAL', plannedHours: 6, staff: 1 },
  { name: 'Praca w oparciu o kontrakt socjalny', area: 'SOCIAL', plannedHours: 15, staff: 1 },
  { name: 'Warsztaty umiejętności psychospołecznych', area: 'SOCIAL', plannedHours: 12, staff: 0 },
  { name: 'IPD i aktywne poszukiwanie pracy', area: 'VOCATIONAL', plannedHours: 12, staff: 2 },
  { name: 'Kurs obsługi komputera i internetu', area: 'VOCATIONAL', plannedHours: 15, staff: 4 },
  { name: 'Poradnictwo prawne', area: 'VOCATIONAL', plannedHours: 3, staff: 3 },
];

const STAFF = [
  { fullName: 'Katarzyna Sadowska', profession: 'psycholog' },
  { fullName: 'Robert Czarnecki', profession: 'pedagog' },
  { fullName: 'Monika Jasińska', profession: 'doradca zawodowy' },
  { fullName: 'mec. Paweł Borkowski', profession: 'prawnik' },
  { fullName: 'Łukasz Wawrzyniak', profession: 'informatyk' },
];

/** Seeds the demo centre. `today` fixes "now" so tests can rely on the same data. */
export async function seedDemo(db: Db, opts: { today?: Date; hashCost?: number } = {}): Promise<void> {
  const today = opts.today ?? warsawDate();
  const rnd = seededRandom(20260901);
  const year = today.getUTCFullYear();

  await db.centreSettings.upsert({
    where: { id: 1 },
    update: {},
    create: {
      id: 1,
      name: 'Miejski Ośrodek Pomocy Społecznej w Borkowie',
      shortName: 'MOPS Borków',
      street: 'ul. Gdańska 12',
      postalCode: '83-110',
      city: 'Borków',
      phone: '58 531 22 40',
      email: 'sekretariat@mops.borkow.example',
      directorName: 'Jan Zieliński',
      clubName: 'Klub Integracji Społecznej „Krok Dalej”',
      certificatePrefix: 'KIS',
      accessibilityContact: 'Tomasz Lewandowski, tel. 58 531 22 41, dostepnosc@mops.borkow.example',
      dpoContact: 'Katarzyna Wróblewska, iod@mops.borkow.example, tel. 58 531 22 49',
    },
  });

  const users: Record<string, number> = {};
  for (const a of DEMO_ACCOUNTS) {
    const u = await db.user.create({
      data: { login: a.login, fullName: a.fullName, roles: a.roles, passwordHash: await hashPassword(a.password, opts.hashCost) },
    });
    users[a.login] = u.id;
  }
  const workers = [users.pracownik!, users.pracownik2!];

  await db.psuRate.createMany({
    data: [
      { validFrom: utcDate(2017, 6, 1), rateGrosze: 810, note: 'obwieszczenie MRPiPS 2017' },
      { validFrom: utcDate(2018, 6, 1), rateGrosze: 830, note: 'obwieszczenie MRPiPS 2018' },
      { validFrom: utcDate(2023, 6, 1), rateGrosze: 1090, note: 'obwieszczenie MRiPS 2023' },
    ],
  });

  // People
  const people: { id: number; sex: Sex; basis: EligibilityBasis; workerId: number }[] = [];
  for (let i = 0; i < 40; i++) {
    const sex: Sex = i % 5 === 1 || i % 5 === 3 ? 'FEMALE' : 'MALE';
    const birth = utcDate(rnd.int(1966, 2002), rnd.int(1, 12), rnd.int(1, 28));
    const [mSurname, fSurname] = SURNAMES[i % SURNAMES.length]!;
    const basis = BASES[i % BASES.length]!;
    const labour: LabourStatus = basis === 'LONG_TERM_UNEMPLOYED' ? 'UNEMPLOYED_REGISTERED' : rnd.pick(['UNEMPLOYED_REGISTERED', 'UNEMPLOYED_NOT_REGISTERED', 'INACTIVE'] as const);
    const foreigner = i === 37;
    const p = await db.participant.create({
      data: {
        pesel: foreigner ? null : makePesel(birth, sex, 100 + i * 7),
        documentType: foreigner ? 'RESIDENCE_CARD' : null,
        documentNumber: foreigner ? 'RP1234567' : null,
        citizenship: foreigner ? 'ukraińskie' : 'polskie',
        firstName: sex === 'MALE' ? MALE_FIRST[i % MALE_FIRST.length]! : FEMALE_FIRST[i % FEMALE_FIRST.length]!,
        lastName: sex === 'MALE' ? mSurname : fSurname,
        birthDate: birth,
        sex,
        street: rnd.pick(STREETS),
        houseNumber: String(rnd.int(1, 60)),
        flatNumber: rnd.chance(0.6) ? String(rnd.int(1, 40)) : null,
        postalCode: '83-110',
        city: 'Borków',
        phone: rnd.chance(0.8) ? `5${rnd.int(0, 9)}${rnd.int(0, 9)} ${rnd.int(100, 999)} ${rnd.int(100, 999)}` : null,
        education: rnd.pick(EDUCATION),
        labourStatus: labour,
        pupRegisteredAt: labour === 'UNEMPLOYED_REGISTERED' ? addDays(today, -rnd.int(400, 2500)) : null,
        socialWorkerId: workers[i % 2]!,
        sensitive: {
          create: {
            disabilityLevel: basis === 'DISABLED' ? 'MODERATE' : null,
            alcoholAddiction: basis === 'ALCOHOL_ADDICTION',
            addictionTherapy: basis === 'ALCOHOL_ADDICTION' ? 'terapia w Poradni Leczenia Uzależnień, od 03.2026' : null,
            mentalDisorder: basis === 'MENTAL_DISORDER',
            homeless: basis === 'HOMELESS',
            releasedFromPrison: basis === 'RELEASED_FROM_PRISON',
          },
        },
      },
    });
    people.push({ id: p.id, sex, basis, workerId: workers[i % 2]! });
  }

  // Staff and editions
  const staff = [];
  for (const s of STAFF) staff.push(await db.staffMember.create({ data: s }));

  const spring = await createEdition(db, {
    name: 'KIS – edycja wiosenna 2026',
    start: utcDate(year, 3, 3),
    fundingSource: 'EU_ESF',
    funderName: 'Fundusze Europejskie dla Pomorza 2021–2027 (EFS+)',
    projectNumber: 'FEPM.05.16-IZ.00-0042/24',
    projectTitle: 'Krok Dalej – aktywna integracja w Borkowie',
    staff,
  });
  const autumnStart = startOfWeekTuesday(addDays(today, -7 * 8));
  const autumn = await createEdition(db, {
    name: 'KIS – edycja jesienna 2026',
    start: autumnStart,
    fundingSource: 'MINISTRY_GRANT',
    funderName: 'Wojewoda Pomorski – dotacja na KIS (MRPiPS)',
    projectNumber: null,
    projectTitle: null,
    staff,
  });

  // Contracts and referrals: people 0–15 were in spring, 16–31 are in autumn, 32–39 are waiting.
  let contractSeq = 0;
  let referralSeq = 0;
  const contractFor = async (personIdx: number, start: Date, months: number, status: 'ACTIVE' | 'FULFILLED' | 'BROKEN') => {
    const p = people[personIdx]!;
    contractSeq += 1;
    const end = addDays(start, months * 30);
    return db.socialContract.create({
      data: {
        number: `KS/${start.getUTCFullYear()}/${String(contractSeq).padStart(3, '0')}`,
        participantId: p.id,
        socialWorkerId: p.workerId,
        signedAt: start,
        startDate: start,
        endDate: end,
        assessment: 'Osoba długotrwale pozostająca bez pracy, utrzymuje się z zasiłku okresowego. Niska motywacja do zmiany, brak aktualnych kwalifikacji zawodowych.',
        causes: 'Długotrwałe bezrobocie, zadłużenie czynszowe, ograniczone kontakty społeczne.',
        supportOffered: 'Zasiłek celowy na dojazdy, udział w Klubie Integracji Społecznej, poradnictwo prawne w sprawie zadłużenia.',
        status,
        statusDate: status === 'ACTIVE' ? null : end,
        statusReason: status === 'BROKEN' ? 'Trzykrotne nieusprawiedliwione niestawiennictwo na zajęciach KIS.' : null,
        evaluation: status === 'FULFILLED' ? 'Cele kontraktu osiągnięte: ukończony kurs komputerowy, podjęte zatrudnienie.' : null,
        goals: {
          create: [
            { position: 1, description: 'Podniesienie kompetencji społecznych i zawodowych przez udział w KIS.' },
            { position: 2, description: 'Uregulowanie zadłużenia czynszowego (porozumienie ze spółdzielnią).' },
            { position: 3, description: 'Podjęcie zatrudnienia lub stażu.' },
          ],
        },
        actions: {
          create: [
            { position: 1, side: 'PARTICIPANT', description: 'Regularny udział w zajęciach KIS (co najmniej 80% obecności).', deadline: end },
            { position: 2, side: 'PARTICIPANT', description: 'Zawarcie porozumienia w sprawie spłaty zadłużenia.', deadline: addDays(start, 45), doneAt: status !== 'ACTIVE' || personIdx % 3 === 0 ? addDays(start, 30) : null },
            { position: 3, side: 'WORKER', description: 'Skierowanie do KIS i przyznanie zasiłku celowego na dojazdy.', deadline: addDays(start, 14), doneAt: addDays(start, 10) },
            { position: 4, side: 'WORKER', description: 'Umówienie konsultacji z prawnikiem.', deadline: addDays(start, 30), doneAt: addDays(start, 25) },
          ],
        },
        reviews: {
          create: [
            // A review is only held once its date has come.
            addDays(start, 31) < today
              ? { dueDate: addDays(start, 30), heldAt: addDays(start, 31), notes: 'Uczestnik realizuje ustalenia, obecność na zajęciach dobra.', authorId: p.workerId }
              : { dueDate: addDays(start, 30), authorId: p.workerId },
            // The second review too, once due; a few active cases have theirs overdue, for the dashboard.
            { dueDate: addDays(start, 60), heldAt: addDays(start, 61) >= today || (status === 'ACTIVE' && personIdx % 5 === 0) ? null : addDays(start, 61), authorId: p.workerId },
          ],
        },
      },
    });
  };
  const referralFor = async (
    personIdx: number,
    contractId: number | null,
    status: 'DRAFT' | 'SUBMITTED' | 'ACCEPTED' | 'RESERVE' | 'REJECTED',
    editionId: number | null,
    groupId: number | null,
    date: Date,
    reserveRank: number | null = null,
  ) => {
    const p = people[personIdx]!;
    referralSeq += 1;
    return db.referral.create({
      data: {
        number: `SK/${date.getUTCFullYear()}/${String(referralSeq).padStart(4, '0')}`,
        kind: 'KIS',
        participantId: p.id,
        authorId: p.workerId,
        contractId,
        eligibilityBases: [p.basis],
        reasons: 'Potrzeba odbudowy umiejętności społecznych i zawodowych; osoba wyraża gotowość do udziału w zajęciach.',
        consentGiven: status !== 'DRAFT',
        consentDate: status !== 'DRAFT' ? date : null,
        gdprInfoDate: status !== 'DRAFT' ? date : null,
        editionId,
        groupId,
        status,
        submittedAt: status === 'DRAFT' ? null : date,
        decidedAt: ['ACCEPTED', 'RESERVE', 'REJECTED'].includes(status) ? addDays(date, 3) : null,
        decidedById: ['ACCEPTED', 'RESERVE', 'REJECTED'].includes(status) ? users.koordynator! : null,
        rejectionReason: status === 'REJECTED' ? 'Osoba pobiera zasiłek dla bezrobotnych (art. 1 ust. 3 ustawy o zatrudnieniu socjalnym).' : null,
        reserveRank,
        createdAt: date,
      },
    });
  };

  for (let i = 0; i < 16; i++) {
    const start = addDays(spring.edition.startDate, -20);
    const contract = await contractFor(i, start, 5, i === 5 ? 'BROKEN' : 'FULFILLED');
    const group = spring.groups[i < 8 ? 0 : 1]!;
    const ref = await referralFor(i, contract.id, 'ACCEPTED', spring.edition.id, group.id, addDays(start, 2));
    await db.enrolment.create({
      data: { editionId: spring.edition.id, groupId: group.id, participantId: people[i]!.id, referralId: ref.id, startDate: spring.edition.startDate },
    });
  }
  for (let i = 16; i < 32; i++) {
    const start = addDays(autumn.edition.startDate, -21);
    const contract = await contractFor(i, start, 6, 'ACTIVE');
    const group = autumn.groups[i < 24 ? 0 : 1]!;
    const ref = await referralFor(i, contract.id, 'ACCEPTED', autumn.edition.id, group.id, addDays(start, 2));
    await db.enrolment.create({
      data: { editionId: autumn.edition.id, groupId: group.id, participantId: people[i]!.id, referralId: ref.id, startDate: autumn.edition.startDate },
    });
  }
  // Waiting: three submitted, two on the reserve list, one rejected, two drafts.
  for (let i = 32; i < 40; i++) {
    const start = addDays(today, -(50 - i));
    const contract = i === 38 ? null : await contractFor(i, start, 4, 'ACTIVE');
    const states = ['SUBMITTED', 'SUBMITTED', 'SUBMITTED', 'RESERVE', 'RESERVE', 'REJECTED', 'DRAFT', 'DRAFT'] as const;
    const state = states[i - 32]!;
    await referralFor(i, contract?.id ?? null, state, state === 'DRAFT' ? null : autumn.edition.id, null, addDays(start, 1), state === 'RESERVE' ? i - 35 : null);
  }

  // Attendance: every held session so far; person 21 stopped coming three weeks ago.
  for (const ed of [spring, autumn]) {
    const sessions = await db.classSession.findMany({ where: { editionId: ed.edition.id, date: { lt: today } }, orderBy: { date: 'asc' } });
    const enrolments = await db.enrolment.findMany({ where: { editionId: ed.edition.id } });
    const marks = [];
    for (const s of sessions) {
      for (const e of enrolments) {
        if (e.groupId !== s.groupId) continue;
        const idx = people.findIndex((p) => p.id === e.participantId);
        const stopped = (idx === 21 && s.date >= addDays(today, -21)) || (idx === 5 && s.date >= addDays(ed.edition.startDate, 40));
        const r = rnd.next();
        const status = stopped ? 'ABSENT' : r < 0.86 ? 'PRESENT' : r < 0.94 ? 'EXCUSED' : 'ABSENT';
        marks.push({ sessionId: s.id, participantId: e.participantId, status, recordedById: users.koordynator!, recordedAt: s.date } as const);
      }
    }
    await db.attendance.createMany({ data: marks });
    await db.classSession.updateMany({ where: { editionId: ed.edition.id, date: { lt: today } }, data: { status: 'HELD' } });
  }

  // Close the spring edition: outcomes from attendance, soft results.
  const springEnrolments = await db.enrolment.findMany({ where: { editionId: spring.edition.id }, include: { participant: { include: { attendance: { where: { session: { editionId: spring.edition.id } } } } } } });
  for (const e of springEnrolments) {
    const marks = e.participant.attendance;
    const present = marks.filter((m) => m.status === 'PRESENT').length;
    const bp = marks.length ? Math.round((present * 10000) / marks.length) : 0;
    const idx = people.findIndex((p) => p.id === e.participantId);
    const dropped = idx === 5;
    await db.enrolment.update({
      where: { id: e.id },
      data: {
        status: dropped ? 'DROPPED_OUT' : 'COMPLETED',
        outcomeReason: dropped ? 'Rezygnacja – brak kontaktu od maja.' : null,
        endDate: dropped ? addDays(spring.edition.startDate, 45) : spring.edition.endDate,
        attendanceFinalBp: bp,
        certificateEligible: !dropped && bp >= 8000,
        surveyStartScore: rnd.int(2, 3),
        surveyEndScore: dropped ? null : rnd.int(3, 5),
        tookUpEmployment: !dropped && idx % 4 === 0,
        employmentDate: !dropped && idx % 4 === 0 ? addDays(spring.edition.endDate, rnd.int(5, 40)) : null,
      },
    });
  }
  // Closed in the afternoon of its last day (15:00 UTC, 16:00–17:00 in Warsaw), not at midnight.
  await db.edition.update({ where: { id: spring.edition.id }, data: { status: 'CLOSED', closedAt: new Date(spring.edition.endDate.getTime() + 15 * 3600_000), closedById: users.koordynator! } });
  await db.edition.update({ where: { id: autumn.edition.id }, data: { status: 'RUNNING' } });

  // Socially useful work: a yearly agreement, three workplaces, six people, hours in the last two months.
  const agreement = await db.psuAgreement.create({
    data: {
      number: `PUP-CAZ/PSU/${year}/07`,
      signedAt: utcDate(year, 1, 20),
      pupName: 'Powiatowy Urząd Pracy w Borkowie',
      periodStart: utcDate(year, 2, 1),
      periodEnd: utcDate(year, 12, 31),
      plannedPeople: 8,
      plannedHoursPerMonth: 40,
      refundBasisPoints: 6000,
      workplaces: {
        create: [
          { name: 'Urząd Miejski w Borkowie', address: 'pl. Ratuszowy 1', supervisor: 'Henryk Sowa' },
          { name: 'Miejski Ośrodek Sportu i Rekreacji', address: 'ul. Sportowa 3', supervisor: 'Iwona Lis' },
          { name: 'Miejski Ośrodek Pomocy Społecznej', address: 'ul. Gdańska 12', supervisor: 'Tomasz Lewandowski' },
        ],
      },
    },
    include: { workplaces: true },
  });
  const psuPeople = [32, 33, 34, 35, 36, 38];
  const firstMonth = startOfMonth(addDays(startOfMonth(today), -1));
  for (const [k, idx] of psuPeople.entries()) {
    const p = people[idx]!;
    const placement = await db.psuPlacement.create({
      data: {
        agreementId: agreement.id,
        workplaceId: agreement.workplaces[k % 3]!.id,
        participantId: p.id,
        pupReferralNumber: `CAZ.5220.${year}.${40 + k}`,
        startDate: firstMonth,
        endDate: utcDate(year, 12, 31),
        plannedHoursPerMonth: 40,
      },
    });
    const entries = [];
    for (let d = firstMonth; d < today; d = addDays(d, 1)) {
      // Tuesday and Friday, 4 h each: 8 h a week, at most 40 h a month.
      if (![2, 5].includes(isoWeekday(d)) || isPolishHoliday(d)) continue;
      const monthHours = entries.filter((e) => e.date >= startOfMonth(d) && e.date <= endOfMonth(d)).reduce((s, e) => s + e.minutes, 0);
      if (monthHours + 240 > 40 * 60) continue;
      const sick = k === 2 && d.getUTCDate() >= 10 && d.getUTCDate() <= 16;
      entries.push({ placementId: placement.id, participantId: p.id, date: d, kind: sick ? 'SICKNESS' : 'WORK', minutes: sick ? 0 : 240, enteredById: p.workerId } as const);
    }
    await db.psuHourEntry.createMany({ data: entries });
  }
  // The previous month is settled: closed by the coordinator, so its rows and totals are frozen.
  if (firstMonth >= agreement.periodStart && endOfMonth(firstMonth) < today) {
    const closer = { id: users.koordynator!, login: 'koordynator' };
    await db.$transaction((tx) => closeMonth(tx, closer, agreement.id, { year: firstMonth.getUTCFullYear(), month: firstMonth.getUTCMonth() + 1 }, today));
  }
}

function startOfWeekTuesday(date: Date): Date {
  // The Tuesday of the date's week.
  return addDays(date, 2 - isoWeekday(date));
}

async function createEdition(
  db: Db,
  o: {
    name: string;
    start: Date;
    fundingSource: 'EU_ESF' | 'MINISTRY_GRANT';
    funderName: string;
    projectNumber: string | null;
    projectTitle: string | null;
    staff: { id: number; profession: string }[];
  },
) {
  // Tuesday and Thursday, 15:00–18:00 (3 h), 12 weeks = 24 sessions = 72 h per group, the programme's hours.
  const slots = [
    { weekday: 2, startMinute: 15 * 60, endMinute: 18 * 60 },
    { weekday: 4, startMinute: 15 * 60, endMinute: 18 * 60 },
  ];
  const plan = generateTimetable({ startDate: o.start, slots, weeks: 12 });
  const edition = await db.edition.create({
    data: {
      name: o.name,
      startDate: o.start,
      endDate: plan.sessions.at(-1)!.date,
      fundingSource: o.fundingSource,
      funderName: o.funderName,
      projectNumber: o.projectNumber,
      projectTitle: o.projectTitle,
      plannedParticipants: 16,
      completionThresholdPct: 80,
      groups: { create: [{ name: 'Grupa A', capacity: 8, location: 'sala 12, ul. Gdańska 12' }, { name: 'Grupa B', capacity: 8, location: 'sala 14, ul. Gdańska 12' }] },
      staff: { create: o.staff.map((s) => ({ staffId: s.id, role: s.profession })) },
      modules: { create: PROGRAMME.map((m, i) => ({ name: m.name, area: m.area, plannedHours: m.plannedHours, position: i + 1, staffId: o.staff[m.staff]!.id })) },
    },
    include: { groups: { orderBy: { name: 'asc' } }, modules: { orderBy: { position: 'asc' } } },
  });
  // Modules follow one another through the cycle in proportion to their planned hours.
  const totalPlanned = PROGRAMME.reduce((s, m) => s + m.plannedHours, 0);
  const rows: Prisma.ClassSessionCreateManyInput[] = [];
  for (const group of edition.groups) {
    plan.sessions.forEach((s, i) => {
      let acc = 0;
      const position = ((i + 0.5) / plan.sessions.length) * totalPlanned;
      const module = edition.modules.find((m) => (acc += m.plannedHours) >= position) ?? edition.modules.at(-1)!;
      rows.push({
        editionId: edition.id, groupId: group.id, moduleId: module.id, staffId: module.staffId,
        date: s.date, startMinute: s.startMinute, endMinute: s.endMinute, location: group.location,
      });
    });
  }
  await db.classSession.createMany({ data: rows });
  return { edition, groups: edition.groups };
}
