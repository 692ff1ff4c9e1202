// RODO art. 15 through HTTP: the administrator finds a person, sees the correction trail, and downloads
// everything held on them as a PDF (read back to text) and as JSON; both are audited, neither holds
// another person's data, and nobody but the administrator gets in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentFor, createTestContext, html, type Agent, type TestContext } from '../helpers/app.ts';
import { binaryParser, pdfText } from '../helpers/pdf.ts';
import { utcDate } from '../../src/lib/dates.ts';
import { editPerson, giveCasework, makeClubAndPsu, registerPerson } from './rodo-fixtures.ts';

let ctx: TestContext;
let admin: Agent;
let adminId: number;
let worker: Agent;
let workerId: number;
let coordinator: Agent;
let a: { id: number; pesel: string };
let b: { id: number; pesel: string };

const A = { firstName: 'Żaneta', lastName: 'Źrebięcka-Łój', sex: 'FEMALE' as const, birthDate: utcDate(1979, 4, 17), phone: '600 100 200', street: 'ul. Źródlana', healthNotes: 'Leczenie w poradni zdrowia psychicznego' };
const B = { firstName: 'Bartłomiej', lastName: 'Ćwiękała', sex: 'MALE' as const, birthDate: utcDate(1982, 9, 2), phone: '700 800 900', street: 'ul. Grzybowa', healthNotes: 'Cukrzyca Bartłomieja' };

beforeAll(async () => {
  ctx = await createTestContext();
  const db = ctx.db.prisma;
  await db.centreSettings.create({
    data: { id: 1, name: 'Miejski Ośrodek Pomocy Społecznej w Borkowie', shortName: 'MOPS Borków', street: 'ul. Słoneczna 4', postalCode: '83-110', city: 'Borków', phone: '58 123 45 67', email: 'iod@mops-borkow.pl', clubName: 'KIS „Krok Dalej”', retentionYears: 10 },
  });
  ({ agent: admin, user: { id: adminId } } = await agentFor(ctx, ['ADMIN']));
  ({ agent: worker, user: { id: workerId } } = await agentFor(ctx, ['SOCIAL_WORKER']));
  ({ agent: coordinator } = await agentFor(ctx, ['COORDINATOR']));
  const club = await makeClubAndPsu(db);
  a = await registerPerson(worker, workerId, A);
  b = await registerPerson(worker, workerId, B);
  // Corrections through the real edit form: a new phone and street, and one more special-category fact.
  const res = await editPerson(worker, a.id, { phone: '601 222 333', street: 'ul. Łąkowa', drugAddiction: 'on' });
  expect(res.status).toBe(303);
  for (const [p, tag] of [[a, 'Żanety'], [b, 'Bartłomieja']] as const) {
    await giveCasework(db, { participantId: p.id, workerId, tag, editionId: club.edition.id, groupId: club.group.id, sessionIds: club.sessionIds, placement: club.placement });
  }
});
afterAll(() => ctx.close());

const getPdf = (agent: Agent, id: number) => agent.get(`/admin/rodo/osoby/${id}/dane.pdf`).buffer(true).parse(binaryParser);
const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('finding a person', () => {
  it('finds a person by PESEL and by the beginning of the surname', async () => {
    const byPesel = html((await admin.get(`/admin/rodo?q=${a.pesel}`)).text);
    expect(byPesel('tbody tr')).toHaveLength(1);
    expect(byPesel('tbody a').attr('href')).toBe(`/admin/rodo/osoby/${a.id}`);
    const bySurname = html((await admin.get(`/admin/rodo?q=${encodeURIComponent('Źrebięcka')}`)).text);
    expect(bySurname('tbody a').map((_i, el) => bySurname(el).attr('href')).get()).toEqual([`/admin/rodo/osoby/${a.id}`]);
    const secondPart = html((await admin.get(`/admin/rodo?q=${encodeURIComponent('łój')}`)).text);
    expect(secondPart('tbody a').map((_i, el) => secondPart(el).attr('href')).get()).toEqual([`/admin/rodo/osoby/${a.id}`]);
    // A first name alone is not enough to pick a person out for a disclosure.
    expect(html((await admin.get(`/admin/rodo?q=${encodeURIComponent('Żaneta')}`)).text)('tbody tr')).toHaveLength(0);
    const none = html((await admin.get('/admin/rodo?q=Nieistniejąca')).text);
    expect(none('.empty-state').text()).toContain('Nikogo nie znaleziono');
  });

  it('links the person card to the RODO page for the administrator only', async () => {
    const adminCard = html((await admin.get(`/uczestnicy/${a.id}`)).text);
    expect(adminCard(`a[href="/admin/rodo/osoby/${a.id}"]`).text()).toBe('Dane osoby (RODO)');
    const workerCard = html((await worker.get(`/uczestnicy/${a.id}`)).text);
    expect(workerCard(`a[href="/admin/rodo/osoby/${a.id}"]`)).toHaveLength(0);
  });
});

describe("the person's RODO page", () => {
  it('shows the correction trail: who, when, which fields, before → after; special-category fields by name only', async () => {
    const res = await admin.get(`/admin/rodo/osoby/${a.id}`);
    expect(res.status).toBe(200);
    const $ = html(res.text);
    const rows = $('table.rodo-trail tbody tr');
    expect(rows).toHaveLength(2); // the newest first: the correction, then the registration
    const change = flat(rows.eq(0).text());
    expect(change).toContain('Zmiana danych osoby');
    expect(change).toContain('telefon: 600 100 200 → 601 222 333');
    expect(change).toContain('ulica: ul. Źródlana → ul. Łąkowa');
    expect(change).toContain('uzależnienie od narkotyków lub innych środków odurzających');
    const who = await ctx.db.prisma.user.findUniqueOrThrow({ where: { id: workerId } });
    expect(change).toContain(who.login);
    expect(flat(rows.eq(1).text())).toContain('Rejestracja osoby');
    // Values of special-category data never appear: the log holds none.
    expect(res.text).not.toContain('Leczenie w poradni');
    expect($(`a[href="/admin/rodo/osoby/${a.id}/dane.pdf"]`)).toHaveLength(1);
    expect($(`a[href="/admin/rodo/osoby/${a.id}/dane.json"]`)).toHaveLength(1);
  });

  it('logs the look at the record', async () => {
    const read = await ctx.db.prisma.auditLog.findFirst({ where: { action: 'participant.read', participantId: a.id, userId: adminId }, orderBy: { id: 'desc' } });
    expect(read?.details).toEqual({ view: 'rodo', sensitiveShown: false });
  });

  it('answers 404 for a person who does not exist', async () => {
    expect((await admin.get('/admin/rodo/osoby/999999')).status).toBe(404);
    expect((await admin.get('/admin/rodo/osoby/999999/dane.pdf')).status).toBe(404);
    expect((await admin.get('/admin/rodo/osoby/abc/dane.json')).status).toBe(404);
  });
});

describe('art. 15: everything held, as a PDF', () => {
  it("holds the person's data from every section, in Polish, and nobody else's", async () => {
    const res = await getPdf(admin, a.id);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain('attachment');
    const text = flat((await pdfText(res.body as Buffer)).text);
    const expected = [
      // title, centre and contact
      'Informacja o danych osobowych', 'Miejski Ośrodek Pomocy Społecznej w Borkowie', '58 123 45 67', 'iod@mops-borkow.pl',
      // 1. personal data
      '1. Dane osobowe', 'Żaneta Źrebięcka-Łój', a.pesel, '17.04.1979', 'kobieta', 'ul. Łąkowa 7/2, 83-110 Borków', '601 222 333', 'zasadnicze zawodowe', 'bezrobotny zarejestrowany w PUP',
      // 2. special categories
      '2. Dane szczególnych kategorii', 'stopień umiarkowany', 'uzależnienie od alkoholu', 'uzależnienie od narkotyków', 'Leczenie w poradni zdrowia psychicznego',
      // 3. referrals
      '3. Skierowania', `SK/R/${a.id}`, 'Uzasadnienie Żanety', 'długotrwałe bezrobocie w rozumieniu przepisów o rynku pracy', 'przyjęte',
      // 4. contracts with goals, actions and reviews
      '4. Kontrakty socjalne', `KS/R/${a.id}`, 'Ocena sytuacji Żanety', 'Cel Żanety: ukończenie kursu', 'Działanie Żanety: udział w zajęciach', 'Notatka z oceny Żanety', 'Przedłużenie Żanety',
      // 5. the club with attendance: 2 present of 3 held, the excused absence counted as absence
      '5. Udział w Klubie Integracji Społecznej', 'Edycja testowa', '66,67%', 'obecność 2, nieobecność usprawiedliwiona 1', 'Warsztaty umiejętności psychospołecznych', 'nieobecność usprawiedliwiona', 'Plan działania Żanety', 'Opinia Żanety',
      // 6. PSU: hours and amounts
      '6. Prace społecznie użyteczne', 'Urząd Gminy', `PUP/Żanety`, 'marzec 2025', '36', '8,30 zł', '298,80 zł',
      // 7. certificates
      '7. Zaświadczenia', `KIS/R/${a.id}`, 'ukończenie zajęć w Klubie Integracji Społecznej',
      // 8. the correction trail (the role, not the employee's name)
      '8. Historia zmian danych', 'telefon: 600 100 200 → 601 222 333', 'pracownik socjalny',
      // 9. art. 15 ust. 1 lit. a–h
      'Cele i podstawa prawna przetwarzania (art. 15 ust. 1 lit. a)', 'art. 6 ust. 1 lit. c i e RODO', '(art. 15 ust. 1 lit. b)', 'Powiatowemu urzędowi pracy',
      'przez 10 lat od zamknięcia sprawy', 'sprostowania', 'Prezesa Urzędu Ochrony Danych Osobowych', '(art. 15 ust. 1 lit. g)', 'zautomatyzowanym przetwarzaniu',
    ];
    const missing = expected.filter((s) => !text.includes(s));
    expect(missing).toEqual([]);
    for (const other of [B.lastName, b.pesel, B.phone, 'Bartłomieja', B.healthNotes]) expect(text).not.toContain(other);
  });

  it('is recorded in the audit log as a disclosure', async () => {
    const rows = await ctx.db.prisma.auditLog.findMany({ where: { action: 'participant.export', participantId: a.id, userId: adminId } });
    expect(rows.map((r) => (r.details as { format: string }).format)).toContain('pdf');
  });
});

describe('art. 15: the data protection officer', () => {
  it('names the officer entered in the settings in both files', async () => {
    const dpo = 'Katarzyna Wróblewska, iod@mops-borkow.pl, tel. 58 123 45 69';
    await ctx.db.prisma.centreSettings.update({ where: { id: 1 }, data: { dpoContact: dpo } });
    try {
      const json = JSON.parse((await admin.get(`/admin/rodo/osoby/${a.id}/dane.json`)).text);
      expect(json.controller.dataProtectionOfficer).toBe(dpo);
      expect(json.information[0].paragraphs.join(' ')).toContain(`Z inspektorem ochrony danych ośrodka można się skontaktować: ${dpo}`);
      const pdf = await pdfText((await getPdf(admin, a.id)).body as Buffer);
      // (the PDF may wrap the e-mail address at its hyphen)
      expect(flat(pdf.text)).toContain('Z inspektorem ochrony danych ośrodka można się skontaktować: Katarzyna Wróblewska, iod@mops-');
      expect(flat(pdf.text)).toContain('tel. 58 123 45 69; także pisemnie na adres ośrodka');
    } finally {
      await ctx.db.prisma.centreSettings.update({ where: { id: 1 }, data: { dpoContact: null } });
    }
  });
});

describe('art. 15: everything held, as JSON', () => {
  it('has every section, the same facts, and no other person', async () => {
    const res = await admin.get(`/admin/rodo/osoby/${a.id}/dane.json`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const json = JSON.parse(res.text);
    expect(Object.keys(json)).toEqual(['format', 'generatedAt', 'legalBasis', 'controller', 'person', 'specialCategory', 'referrals', 'socialContracts', 'kis', 'psu', 'certificates', 'changes', 'information']);
    expect(json.person).toMatchObject({ id: a.id, firstName: 'Żaneta', lastName: 'Źrebięcka-Łój', pesel: a.pesel, birthDate: '1979-04-17', phone: '601 222 333' });
    expect(json.specialCategory).toMatchObject({ alcoholAddiction: true, drugAddiction: true, disabilityLevel: 'MODERATE', healthNotes: A.healthNotes });
    expect(json.referrals[0].reasons).toBe('Uzasadnienie Żanety: długotrwałe bezrobocie');
    expect(json.socialContracts[0].goals[0].description).toBe('Cel Żanety: ukończenie kursu');
    expect(json.socialContracts[0].actions[0].description).toBe('Działanie Żanety: udział w zajęciach');
    expect(json.socialContracts[0].reviews[0].notes).toBe('Notatka z oceny Żanety');
    expect(json.kis.enrolments[0].attendanceSoFar).toMatchObject({ held: 3, present: 2, excused: 1, absent: 0, basisPoints: 6667 });
    expect(json.kis.attendance.map((x: { status: string }) => x.status)).toEqual(['PRESENT', 'PRESENT', 'EXCUSED']);
    expect(json.psu.months).toEqual([{ year: 2025, month: 3, minutesWorked: 2160, sicknessDays: 1, absenceDays: 0, settled: { minutes: 2160, rateGrosze: 830, amountGrosze: 29_880 } }]);
    expect(json.certificates[0].number).toBe(`KIS/R/${a.id}`);
    expect(json.changes.map((c: { action: string }) => c.action)).toEqual(['participant.create', 'participant.update']);
    expect(json.changes[1].changes).toContainEqual({ field: 'telefon', before: '600 100 200', after: '601 222 333' });
    expect(json.information.map((s: { letter: string }) => s.letter)).toEqual(['', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
    expect(json.controller).toEqual({ name: 'Miejski Ośrodek Pomocy Społecznej w Borkowie', address: 'ul. Słoneczna 4, 83-110 Borków', phone: '58 123 45 67', email: 'iod@mops-borkow.pl', dataProtectionOfficer: null });
    expect(json.information[0].paragraphs.join(' ')).toContain('pisemnie na adres ośrodka (z dopiskiem „Inspektor ochrony danych”) lub pod adresem e-mail ośrodka');
    // The other person shares the group, the sessions and the settled PSU month, yet none of their data is here.
    const all = res.text;
    for (const other of [B.lastName, B.firstName, b.pesel, B.phone, B.street, 'Bartłomieja', B.healthNotes, `SK/R/${b.id}`, `KS/R/${b.id}`]) expect(all).not.toContain(other);
    const ids = new Set<number>();
    JSON.stringify(json, (k, v) => (k === 'participantId' && ids.add(v), v));
    expect([...ids]).toEqual([a.id]);
  });

  it('is recorded in the audit log as a disclosure', async () => {
    const row = await ctx.db.prisma.auditLog.findFirst({ where: { action: 'participant.export', participantId: a.id, userId: adminId }, orderBy: { id: 'desc' } });
    expect(row?.details).toEqual({ format: 'json', article: 'art. 15 RODO' });
  });
});

describe('nobody else gets in', () => {
  it('refuses the social worker and the coordinator, and nothing is disclosed or logged as an export', async () => {
    const before = await ctx.db.prisma.auditLog.count({ where: { action: 'participant.export' } });
    for (const agent of [worker, coordinator]) {
      for (const path of ['/admin/rodo', `/admin/rodo?q=${a.pesel}`, `/admin/rodo/osoby/${a.id}`, `/admin/rodo/osoby/${a.id}/dane.pdf`, `/admin/rodo/osoby/${a.id}/dane.json`, '/admin/rodo/anonimizacja']) {
        const res = await agent.get(path);
        expect(res.status, path).toBe(403);
        expect(res.text).not.toContain(A.lastName);
        expect(res.text).not.toContain(A.phone);
      }
    }
    expect(await ctx.db.prisma.auditLog.count({ where: { action: 'participant.export' } })).toBe(before);
    const nav = html((await worker.get('/')).text);
    expect(nav('a[href="/admin/rodo"]')).toHaveLength(0);
  });
});
