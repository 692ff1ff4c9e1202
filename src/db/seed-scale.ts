// A large centre for the benchmark: `npm run cli -- seed --scale N`. At N = 1 about 2,000 people, 40
// editions (a year each, 2 groups of 12, twice a week), ~100,000 attendance marks, ~20,000 PSU entries,
// contracts, referrals and audit rows; every table grows with N. Rows are generated in JS with fixed ids
// and written with one INSERT … SELECT FROM unnest(…) per 10,000 rows (one round trip per batch).
import type { Database, RawSql } from './client.ts';
import { addDays, isoDate, isoWeekday, utcDate } from '../lib/dates.ts';
import { isPolishHoliday } from '../lib/holidays.ts';
import { makePesel } from '../lib/pesel.ts';
import { seededRandom } from '../lib/random.ts';
import { hashPassword } from '../lib/password.ts';
import { DEMO_PASSWORD } from './seed-demo.ts';
import { issueForEdition } from '../features/certificates/certificates.service.ts';
import { closeMonth } from '../features/public-works/settlement.service.ts';
import { addMonths, firstDay, monthOf, monthsBetween } from '../features/public-works/psu-month.ts';

type Cell = string | number | boolean | null;

/** Columns as [name, SQL type]; values are sent as text arrays and cast in the SELECT. */
async function insertRows(raw: RawSql, table: string, columns: [string, string][], rows: Cell[][]): Promise<void> {
  const BATCH = 10_000;
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    const params = columns.map((_c, ci) => batch.map((r) => (r[ci] === null || r[ci] === undefined ? null : String(r[ci]))));
    const names = columns.map(([n]) => `"${n}"`).join(', ');
    const casts = columns.map(([, t], ci) => `u.c${ci}::${t}`).join(', ');
    const unnest = columns.map((_c, ci) => `$${ci + 1}::text[]`).join(', ');
    const alias = columns.map((_c, ci) => `c${ci}`).join(', ');
    await raw.query(`INSERT INTO "${table}" (${names}) SELECT ${casts} FROM unnest(${unnest}) AS u(${alias})`, params);
  }
}

async function fixSequences(raw: RawSql, tables: string[]) {
  for (const t of tables) {
    await raw.query(`SELECT setval(pg_get_serial_sequence('"${t}"', 'id'), GREATEST((SELECT max(id) FROM "${t}"), 1))`);
  }
}

export interface ScaleSummary {
  scale: number;
  participants: number;
  editions: number;
  sessions: number;
  attendance: number;
  psuEntries: number;
  contracts: number;
  referrals: number;
  auditRows: number;
  ms: number;
}

export async function seedScale(db: Database, scale: number, today: Date): Promise<ScaleSummary> {
  const started = Date.now();
  if ((await db.prisma.user.count()) > 0) throw new Error('Baza nie jest pusta: dane testowe dużej skali wczytuje się do pustej bazy.');
  const rnd = seededRandom(4242 + scale);
  const raw = db.raw;
  const now = new Date().toISOString();
  const N = scale;

  await db.prisma.centreSettings.create({
    data: { id: 1, name: 'Miejski Ośrodek Pomocy Społecznej w Dużym Mieście', shortName: 'MOPS Duże Miasto', street: 'ul. Główna 1', postalCode: '00-001', city: 'Duże Miasto', clubName: 'Kluby Integracji Społecznej MOPS' },
  });

  // Staff accounts: the demo logins plus more workers as the centre grows.
  const hash = await hashPassword(DEMO_PASSWORD, 2 ** 12);
  const users: { login: string; fullName: string; roles: ('ADMIN' | 'SOCIAL_WORKER' | 'COORDINATOR' | 'DIRECTOR')[] }[] = [
    { login: 'admin', fullName: 'Administrator Systemu', roles: ['ADMIN'] },
    { login: 'dyrektor', fullName: 'Dyrektor Ośrodka', roles: ['DIRECTOR'] },
    { login: 'koordynator', fullName: 'Koordynator KIS 1', roles: ['COORDINATOR'] },
    { login: 'pracownik', fullName: 'Pracownik Socjalny 1', roles: ['SOCIAL_WORKER'] },
  ];
  for (let i = 2; i <= 4 * N; i++) users.push({ login: `koordynator${i}`, fullName: `Koordynator KIS ${i}`, roles: ['COORDINATOR'] });
  for (let i = 2; i <= 20 * N; i++) users.push({ login: `pracownik${i}`, fullName: `Pracownik Socjalny ${i}`, roles: ['SOCIAL_WORKER'] });
  await db.prisma.user.createMany({ data: users.map((u) => ({ ...u, passwordHash: hash })) });
  const all = await db.prisma.user.findMany({ select: { id: true, roles: true } });
  const workers = all.filter((u) => u.roles.includes('SOCIAL_WORKER')).map((u) => u.id);
  const coordinators = all.filter((u) => u.roles.includes('COORDINATOR')).map((u) => u.id);

  // People
  const FIRST_M = ['Piotr', 'Krzysztof', 'Andrzej', 'Tomasz', 'Paweł', 'Michał', 'Łukasz', 'Józef'];
  const FIRST_F = ['Anna', 'Małgorzata', 'Agnieszka', 'Barbara', 'Ewa', 'Żaneta', 'Zofia', 'Joanna'];
  const LAST = ['Nowak', 'Wójcik', 'Kowalczyk', 'Woźniak', 'Mazur', 'Krawczyk', 'Zając', 'Król', 'Wróbel', 'Dudek', 'Stępień', 'Pawlak', 'Michalak', 'Sikora', 'Baran', 'Górecka', 'Łukasik', 'Śliwa', 'Żurek', 'Ćwik'];
  const people: Cell[][] = [];
  const nPeople = 2000 * N;
  const personWorker: number[] = [];
  const personSex: ('MALE' | 'FEMALE')[] = [];
  const usedPesel = new Set<string>();
  for (let id = 1; id <= nPeople; id++) {
    const sex = rnd.chance(0.55) ? 'MALE' : 'FEMALE';
    let birth = utcDate(rnd.int(1960, 2004), rnd.int(1, 12), rnd.int(1, 28));
    // PESEL must be unique: 1,000 serials per birth date and sex; move to the next day when taken.
    while (usedPesel.has(makePesel(birth, sex, id))) birth = addDays(birth, 1);
    usedPesel.add(makePesel(birth, sex, id));
    const worker = workers[id % workers.length]!;
    personWorker[id] = worker;
    personSex[id] = sex;
    people.push([
      id, makePesel(birth, sex, id), sex === 'MALE' ? rnd.pick(FIRST_M) : rnd.pick(FIRST_F), `${rnd.pick(LAST)}${id % 7 === 0 ? '-Kowalska' : ''}`,
      isoDate(birth), sex, 'Duże Miasto', 'UNEMPLOYED_REGISTERED', rnd.chance(0.9) ? 'ACTIVE' : 'CLOSED', worker, now, now,
    ]);
  }
  await insertRows(raw, 'participants', [
    ['id', 'int'], ['pesel', 'char(11)'], ['first_name', 'text'], ['last_name', 'text'], ['birth_date', 'date'], ['sex', '"Sex"'],
    ['city', 'text'], ['labour_status', '"LabourStatus"'], ['status', '"ParticipantStatus"'], ['social_worker_id', 'int'], ['created_at', 'timestamp'], ['updated_at', 'timestamp'],
  ], people);

  // Contracts (one per person), goals, actions and reviews.
  const contracts: Cell[][] = [];
  const goals: Cell[][] = [];
  const actions: Cell[][] = [];
  const reviews: Cell[][] = [];
  const contractStart: Date[] = [];
  for (let id = 1; id <= nPeople; id++) {
    const start = addDays(today, -rnd.int(0, 365 * 3));
    const end = addDays(start, rnd.int(90, 240));
    contractStart[id] = start;
    const status = end < today ? rnd.pick(['FULFILLED', 'FULFILLED', 'BROKEN', 'ENDED_EARLY']) : 'ACTIVE';
    contracts.push([id, `KS/${start.getUTCFullYear()}/${id}`, id, personWorker[id]!, isoDate(start), isoDate(start), isoDate(end), 'Ocena sytuacji osoby.', 'Długotrwałe bezrobocie.', 'Udział w KIS, zasiłek celowy.', status, now, now]);
    for (let g = 1; g <= 3; g++) goals.push([(id - 1) * 3 + g, id, g, `Cel ${g} kontraktu`]);
    for (let a = 1; a <= 4; a++) actions.push([(id - 1) * 4 + a, id, a, a % 2 ? 'PARTICIPANT' : 'WORKER', `Działanie ${a}`, isoDate(addDays(start, a * 20)), rnd.chance(0.6) ? isoDate(addDays(start, a * 18)) : null]);
    reviews.push([id, id, isoDate(addDays(start, 30)), rnd.chance(0.7) ? isoDate(addDays(start, 31)) : null, personWorker[id]!, now]);
  }
  await insertRows(raw, 'social_contracts', [
    ['id', 'int'], ['number', 'text'], ['participant_id', 'int'], ['social_worker_id', 'int'], ['signed_at', 'date'], ['start_date', 'date'], ['end_date', 'date'],
    ['assessment', 'text'], ['causes', 'text'], ['support_offered', 'text'], ['status', '"ContractStatus"'], ['created_at', 'timestamp'], ['updated_at', 'timestamp'],
  ], contracts);
  await insertRows(raw, 'contract_goals', [['id', 'int'], ['contract_id', 'int'], ['position', 'int'], ['description', 'text']], goals);
  await insertRows(raw, 'contract_actions', [['id', 'int'], ['contract_id', 'int'], ['position', 'int'], ['side', '"ContractSide"'], ['description', 'text'], ['deadline', 'date'], ['done_at', 'date']], actions);
  await insertRows(raw, 'contract_reviews', [['id', 'int'], ['contract_id', 'int'], ['due_date', 'date'], ['held_at', 'date'], ['author_id', 'int'], ['created_at', 'timestamp']], reviews);

  // Editions: a year each, starting at spread dates over the last years; 2 groups of 12; Tue and Thu.
  const nEditions = 40 * N;
  const editions: Cell[][] = [];
  const groups: Cell[][] = [];
  const modules: Cell[][] = [];
  const sessions: Cell[][] = [];
  const enrolments: Cell[][] = [];
  const attendance: Cell[][] = [];
  const referrals: Cell[][] = [];
  let sessionId = 0;
  let enrolmentId = 0;
  let referralId = 0;
  let clubPerson = 1;
  const MODULES = [['Diagnoza osobowości', 'SOCIAL', 24], ['Grupy wsparcia', 'SOCIAL', 12], ['Praca z kontraktem', 'SOCIAL', 48], ['Warsztaty psychospołeczne', 'SOCIAL', 24], ['IPD i poszukiwanie pracy', 'VOCATIONAL', 36], ['Kurs komputerowy', 'VOCATIONAL', 36], ['Poradnictwo prawne', 'VOCATIONAL', 6]] as const;
  for (let e = 1; e <= nEditions; e++) {
    // The newest editions are running now; older ones closed.
    const start = addDays(today, -Math.round(((e - 1) / nEditions) * 365 * 4) - rnd.int(30, 200));
    const startTue = addDays(start, (9 - isoWeekday(start)) % 7); // next Tuesday
    const end = addDays(startTue, 364);
    const running = end >= today;
    editions.push([e, `KIS edycja ${e}`, isoDate(startTue), isoDate(end), e % 3 === 0 ? 'EU_ESF' : 'MINISTRY_GRANT', 24, 80, false, running ? 'RUNNING' : 'CLOSED', now, now]);
    MODULES.forEach(([name, area, hours], i) => modules.push([(e - 1) * 7 + i + 1, e, name, area, hours, i + 1]));
    for (let g = 0; g < 2; g++) {
      const groupId = (e - 1) * 2 + g + 1;
      groups.push([groupId, e, `Grupa ${g === 0 ? 'A' : 'B'}`, 12]);
      const members: number[] = [];
      for (let k = 0; k < 12; k++) {
        const pid = clubPerson;
        clubPerson = (clubPerson % nPeople) + 1;
        members.push(pid);
        enrolmentId += 1;
        const dropped = rnd.chance(0.1);
        enrolments.push([enrolmentId, e, groupId, pid, isoDate(startTue), running ? 'ACTIVE' : dropped ? 'DROPPED_OUT' : 'COMPLETED', running ? null : !dropped, now, now]);
        referralId += 1;
        referrals.push([referralId, `SK/${startTue.getUTCFullYear()}/${referralId}`, 'KIS', pid, personWorker[pid]!, pid, '{LONG_TERM_UNEMPLOYED}', 'Potrzeba reintegracji.', true, e, groupId, 'ACCEPTED', isoDate(addDays(startTue, -20)), now, now]);
      }
      for (let d = startTue; d <= end; d = addDays(d, isoWeekday(d) === 2 ? 2 : 5)) {
        if (isPolishHoliday(d)) continue;
        sessionId += 1;
        const held = d < today;
        const module = (e - 1) * 7 + (sessionId % 7) + 1;
        sessions.push([sessionId, e, groupId, module, isoDate(d), 900, 1110, held ? 'HELD' : 'PLANNED', now, now]);
        if (held) {
          for (const pid of members) {
            const r = rnd.next();
            attendance.push([sessionId, pid, r < 0.82 ? 'PRESENT' : r < 0.92 ? 'EXCUSED' : 'ABSENT', coordinators[e % coordinators.length]!, isoDate(d)]);
          }
        }
      }
    }
  }
  // Referrals still waiting (submitted, reserve) for people outside the club.
  for (let i = 0; i < 100 * N; i++) {
    const pid = rnd.int(1, nPeople);
    referralId += 1;
    const status = rnd.pick(['SUBMITTED', 'SUBMITTED', 'RESERVE', 'REJECTED', 'DRAFT']);
    referrals.push([referralId, `SK/${today.getUTCFullYear()}/${referralId}`, rnd.chance(0.7) ? 'KIS' : 'PSU', pid, personWorker[pid]!, pid, '{LONG_TERM_UNEMPLOYED}', 'Potrzeba reintegracji.', status !== 'DRAFT', null, null, status, status === 'DRAFT' ? null : isoDate(addDays(today, -rnd.int(1, 60))), now, now]);
  }
  await insertRows(raw, 'editions', [
    ['id', 'int'], ['name', 'text'], ['start_date', 'date'], ['end_date', 'date'], ['funding_source', '"FundingSource"'], ['planned_participants', 'int'],
    ['completion_threshold_pct', 'int'], ['excused_counts_as_present', 'boolean'], ['status', '"EditionStatus"'], ['created_at', 'timestamp'], ['updated_at', 'timestamp'],
  ], editions);
  await insertRows(raw, 'edition_groups', [['id', 'int'], ['edition_id', 'int'], ['name', 'text'], ['capacity', 'int']], groups);
  await insertRows(raw, 'programme_modules', [['id', 'int'], ['edition_id', 'int'], ['name', 'text'], ['area', '"ModuleArea"'], ['planned_hours', 'int'], ['position', 'int']], modules);
  await insertRows(raw, 'class_sessions', [
    ['id', 'int'], ['edition_id', 'int'], ['group_id', 'int'], ['module_id', 'int'], ['date', 'date'], ['start_minute', 'int'], ['end_minute', 'int'], ['status', '"SessionStatus"'], ['created_at', 'timestamp'], ['updated_at', 'timestamp'],
  ], sessions);
  await insertRows(raw, 'referrals', [
    ['id', 'int'], ['number', 'text'], ['kind', '"ReferralKind"'], ['participant_id', 'int'], ['author_id', 'int'], ['contract_id', 'int'], ['eligibility_bases', '"EligibilityBasis"[]'],
    ['reasons', 'text'], ['consent_given', 'boolean'], ['edition_id', 'int'], ['group_id', 'int'], ['status', '"ReferralStatus"'], ['submitted_at', 'timestamp'], ['created_at', 'timestamp'], ['updated_at', 'timestamp'],
  ], referrals);
  await insertRows(raw, 'enrolments', [
    ['id', 'int'], ['edition_id', 'int'], ['group_id', 'int'], ['participant_id', 'int'], ['start_date', 'date'], ['status', '"EnrolmentStatus"'], ['certificate_eligible', 'boolean'], ['created_at', 'timestamp'], ['updated_at', 'timestamp'],
  ], enrolments);
  await insertRows(raw, 'attendance', [['session_id', 'int'], ['participant_id', 'int'], ['status', '"AttendanceStatus"'], ['recorded_by_id', 'int'], ['recorded_at', 'timestamp']], attendance);

  // PSU: one agreement, 10 workplaces, 200 × N placements, two days a week of 4 h.
  await insertRows(raw, 'psu_rates', [['id', 'int'], ['valid_from', 'date'], ['rate_grosze', 'int']], [[1, '2018-06-01', 830], [2, '2023-06-01', 1090]]);
  const agreementId = 1;
  const agreementStart = addDays(today, -380);
  await insertRows(raw, 'psu_agreements', [
    ['id', 'int'], ['number', 'text'], ['signed_at', 'date'], ['pup_name', 'text'], ['period_start', 'date'], ['period_end', 'date'], ['planned_people', 'int'], ['refund_basis_points', 'int'], ['created_at', 'timestamp'], ['updated_at', 'timestamp'],
  ], [[agreementId, `PUP/PSU/${today.getUTCFullYear()}`, isoDate(addDays(today, -400)), 'Powiatowy Urząd Pracy w Dużym Mieście', isoDate(agreementStart), isoDate(addDays(today, 200)), 200 * N, 6000, now, now]]);
  await insertRows(raw, 'psu_workplaces', [['id', 'int'], ['agreement_id', 'int'], ['name', 'text']], Array.from({ length: 10 }, (_v, i) => [i + 1, agreementId, `Miejsce pracy ${i + 1}`]));
  const placements: Cell[][] = [];
  const entries: Cell[][] = [];
  let entryId = 0;
  for (let p = 1; p <= 200 * N; p++) {
    const pid = nPeople - p + 1;
    const start = addDays(today, -rnd.int(340, 370));
    placements.push([p, agreementId, (p % 10) + 1, pid, isoDate(start), isoDate(addDays(today, 200)), now, now]);
    for (let d = start; d < today; d = addDays(d, 1)) {
      const wd = isoWeekday(d);
      if ((wd !== 2 && wd !== 5) || isPolishHoliday(d)) continue;
      entryId += 1;
      entries.push([entryId, p, pid, isoDate(d), 'WORK', 240, now, now]);
    }
  }
  await insertRows(raw, 'psu_placements', [['id', 'int'], ['agreement_id', 'int'], ['workplace_id', 'int'], ['participant_id', 'int'], ['start_date', 'date'], ['end_date', 'date'], ['created_at', 'timestamp'], ['updated_at', 'timestamp']], placements);
  await insertRows(raw, 'psu_hour_entries', [['id', 'int'], ['placement_id', 'int'], ['participant_id', 'int'], ['date', 'date'], ['kind', '"PsuDayKind"'], ['minutes', 'int'], ['created_at', 'timestamp'], ['updated_at', 'timestamp']], entries);

  // Audit: reads and changes of people's records over the years.
  const audit: Cell[][] = [];
  for (let i = 1; i <= 50_000 * N; i++) {
    const pid = rnd.int(1, nPeople);
    audit.push([i, new Date(Date.now() - rnd.int(0, 3 * 365) * 86_400_000).toISOString(), personWorker[pid]!, 'pracownik', rnd.chance(0.8) ? 'participant.read' : 'participant.update', 'participant', String(pid), pid]);
  }
  await insertRows(raw, 'audit_log', [['id', 'bigint'], ['at', 'timestamptz'], ['user_id', 'int'], ['user_login', 'text'], ['action', 'text'], ['entity_type', 'text'], ['entity_id', 'text'], ['participant_id', 'int']], audit);

  await fixSequences(raw, ['participants', 'social_contracts', 'contract_goals', 'contract_actions', 'contract_reviews', 'editions', 'edition_groups', 'programme_modules', 'class_sessions', 'referrals', 'enrolments', 'psu_rates', 'psu_agreements', 'psu_workplaces', 'psu_placements', 'psu_hour_entries', 'audit_log']);
  // Certificates for the oldest (closed) edition, issued through the real service so they print as any other.
  const coordinator = await db.prisma.user.findUniqueOrThrow({ where: { login: 'koordynator' } });
  await db.prisma.$transaction(
    (tx) => issueForEdition(tx, { id: coordinator.id, login: coordinator.login }, nEditions, 'KIS_COMPLETION', { verifyUrl: 'http://localhost:3000/weryfikacja', today }),
    { timeout: 120_000 },
  );
  // PSU months are closed as a centre closes them after each settlement, all but the last finished one,
  // which waits on the coordinator's dashboard ("do zamknięcia"). Through the real service, with its rows.
  for (const ym of monthsBetween(agreementStart, firstDay(addMonths(monthOf(today), -2)))) {
    await db.prisma.$transaction((tx) => closeMonth(tx, { id: coordinator.id, login: coordinator.login }, agreementId, ym, today), { timeout: 300_000 });
  }
  await raw.query('ANALYZE');
  return {
    scale: N, participants: nPeople, editions: nEditions, sessions: sessions.length, attendance: attendance.length, psuEntries: entries.length,
    contracts: contracts.length, referrals: referrals.length, auditRows: audit.length, ms: Date.now() - started,
  };
}
