// Anonymisation shown to the administrator before it happens: a social worker closes cases through the
// person's edit form, the page lists exactly the people past the retention period, the confirmed run
// anonymises them (checked in the database) and is audited; a stale page or another role changes nothing.
// Then the anonymised person is opened on every page that shows people: no crash, no old data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentFor, createTestContext, html, postForm, type Agent, type TestContext } from '../helpers/app.ts';
import { binaryParser, pdfText } from '../helpers/pdf.ts';
import { isoDate, utcDate, warsawDate } from '../../src/lib/dates.ts';
import { REDACTED } from '../../src/features/rodo/anonymise.service.ts';
import { editPerson, formValues, giveCasework, makeClubAndPsu, registerPerson } from './rodo-fixtures.ts';

let ctx: TestContext;
let admin: Agent;
let adminId: number;
let worker: Agent;
let workerId: number;
let coordinator: Agent;
let director: Agent;
let club: Awaited<ReturnType<typeof makeClubAndPsu>>;
const people: Record<'due' | 'recent' | 'active' | 'late', { id: number; pesel: string }> = {} as never;
const today = warsawDate();
const yearsAgo = (n: number, days = 0) => utcDate(today.getUTCFullYear() - n, today.getUTCMonth() + 1, today.getUTCDate() - days);

const spec = (lastName: string) => ({ firstName: 'Grażyna', lastName, sex: 'FEMALE' as const, birthDate: utcDate(1968, 5, 20), phone: '605 404 303', street: 'ul. Żeglarska', healthNotes: `Zdrowie ${lastName}` });

beforeAll(async () => {
  ctx = await createTestContext();
  const db = ctx.db.prisma;
  await db.centreSettings.create({ data: { id: 1, name: 'Gminny Ośrodek Pomocy Społecznej w Łące', shortName: 'GOPS', street: 'ul. Polna 1', postalCode: '21-040', city: 'Łąka', clubName: 'KIS', retentionYears: 10 } });
  ({ agent: admin, user: { id: adminId } } = await agentFor(ctx, ['ADMIN']));
  ({ agent: worker, user: { id: workerId } } = await agentFor(ctx, ['SOCIAL_WORKER']));
  ({ agent: coordinator } = await agentFor(ctx, ['COORDINATOR']));
  ({ agent: director } = await agentFor(ctx, ['DIRECTOR']));
  club = await makeClubAndPsu(db);
  people.due = await registerPerson(worker, workerId, spec('Wróblewska-Dawna'));
  people.recent = await registerPerson(worker, workerId, spec('Wróblewska-Niedawna'));
  people.active = await registerPerson(worker, workerId, spec('Wróblewska-Obecna'));
  people.late = await registerPerson(worker, workerId, spec('Wróblewska-Późna'));
  await giveCasework(db, { participantId: people.due.id, workerId, tag: 'Dawnej', editionId: club.edition.id, groupId: club.group.id, sessionIds: club.sessionIds, placement: club.placement });
});
afterAll(() => ctx.close());

const dueRows = async () => {
  const $ = html((await admin.get('/admin/rodo/anonimizacja')).text);
  return { $, ids: $('#due-title').parent().find('tbody a').map((_i, el) => Number($(el).attr('href')!.split('/').pop())).get() };
};

describe('closing a case', () => {
  it('the social worker closes a case on the person\'s edit form, with the date; the change is logged', async () => {
    const res = await editPerson(worker, people.due.id, { status: 'CLOSED', caseClosedAt: isoDate(yearsAgo(10, 1)) });
    expect(res.status).toBe(303);
    expect((await editPerson(worker, people.recent.id, { status: 'CLOSED', caseClosedAt: isoDate(yearsAgo(9)) })).status).toBe(303);
    const p = await ctx.db.prisma.participant.findUniqueOrThrow({ where: { id: people.due.id } });
    expect([p.status, p.caseClosedAt && isoDate(p.caseClosedAt)]).toEqual(['CLOSED', isoDate(yearsAgo(10, 1))]);
    const log = await ctx.db.prisma.auditLog.findFirstOrThrow({ where: { participantId: people.due.id, action: 'participant.update' }, orderBy: { id: 'desc' } });
    expect((log.details as { changes: Record<string, unknown> }).changes.status).toEqual(['ACTIVE', 'CLOSED']);
  });

  it('refuses a closed case without its date, keeping what was typed', async () => {
    const res = await editPerson(worker, people.active.id, { status: 'CLOSED', caseClosedAt: '', phone: '699 000 111' });
    expect(res.status).toBe(400);
    const $ = html(res.text);
    expect($('#f-caseClosedAt-error').text()).toContain('Podaj datę zamknięcia sprawy');
    expect($('#f-phone').val()).toBe('699 000 111');
  });
});

describe('the anonymisation page', () => {
  it('lists exactly the people whose case closed at least the retention period ago, and says what goes and what stays', async () => {
    const { $, ids } = await dueRows();
    expect(ids).toEqual([people.due.id]);
    expect($('#removes-title').parent().text()).toContain('PESEL');
    expect($('#keeps-title').parent().text()).toContain('godziny i kwoty prac społecznie użytecznych');
    const form = $('form[action="/admin/rodo/anonimizacja"]');
    expect(form.attr('data-confirm')).toContain('Czy na pewno zanonimizować dane 1 osoby?');
    expect(form.find('input[name="ids"]').map((_i, el) => $(el).val()).get()).toEqual([String(people.due.id)]);
  });

  it('refuses every other role, which changes nothing', async () => {
    for (const agent of [worker, coordinator, director]) {
      expect((await agent.get('/admin/rodo/anonimizacja')).status).toBe(403);
      expect((await postForm(agent, '/admin/rodo/anonimizacja', { ids: String(people.due.id) })).status).toBe(403);
    }
    expect((await ctx.db.prisma.participant.findUniqueOrThrow({ where: { id: people.due.id } })).status).toBe('CLOSED');
  });

  it('anonymises the people shown, keeps statistics, and logs it under the administrator', async () => {
    const { $ } = await dueRows();
    const res = await postForm(admin, '/admin/rodo/anonimizacja', formValues($, 'form[action="/admin/rodo/anonimizacja"]'));
    expect(res.status).toBe(303);
    const after = html((await admin.get(res.headers.location!)).text);
    expect(after('.notice--success, [role="status"]').text()).toContain('Zanonimizowano dane osób: 1.');
    expect(after('#due-title').parent().find('tbody tr')).toHaveLength(0);

    const db = ctx.db.prisma;
    const p = await db.participant.findUniqueOrThrow({
      where: { id: people.due.id },
      include: { sensitive: true, referrals: true, contracts: { include: { goals: true, actions: true, reviews: true } }, enrolments: true, attendance: true, psuSettlementRows: true, psuEntries: true, certificates: true, psuPlacements: true, individualPlans: true },
    });
    expect(p.status).toBe('ANONYMISED');
    expect([p.firstName, p.lastName]).toEqual(['', `Osoba zanonimizowana nr ${p.id}`]);
    expect([p.pesel, p.phone, p.street, p.houseNumber, p.postalCode, p.city, p.sensitive]).toEqual([null, null, null, null, null, null, null]);
    expect(isoDate(p.birthDate)).toBe('1968-07-01');
    expect([p.sex, p.education, p.labourStatus]).toEqual(['FEMALE', 'BASIC_VOCATIONAL', 'UNEMPLOYED_REGISTERED']);
    expect(p.referrals[0]!.reasons).toBe(REDACTED);
    expect(p.referrals[0]!.eligibilityBases).toEqual(['ALCOHOL_ADDICTION', 'LONG_TERM_UNEMPLOYED']);
    expect([p.contracts[0]!.assessment, p.contracts[0]!.goals[0]!.description, p.contracts[0]!.actions[0]!.description]).toEqual([REDACTED, REDACTED, REDACTED]);
    expect(p.contracts[0]!.reviews[0]!.notes).toBeNull();
    expect(p.enrolments[0]!.opinionStart).toBeNull();
    expect(p.individualPlans[0]!.goals).toBe(REDACTED);
    expect(p.psuPlacements[0]!.pupReferralNumber).toBeNull();
    // Statistics stay: attendance marks, PSU hours and amounts.
    expect(p.attendance.map((a) => a.status).sort()).toEqual(['EXCUSED', 'PRESENT', 'PRESENT']);
    expect(p.psuEntries.reduce((s, e) => s + e.minutes, 0)).toBe(36 * 60);
    expect(p.psuSettlementRows[0]!.amountGrosze).toBe(29_880);
    // The certificate's frozen text no longer names the person.
    const content = p.certificates[0]!.content as { person: Record<string, unknown>; anonymised: boolean };
    expect(content.person).toEqual({ firstName: '', secondName: null, lastName: `Osoba zanonimizowana nr ${p.id}`, birthDate: '1968-07-01', sex: 'FEMALE' });
    expect(JSON.stringify(p)).not.toContain('Wróblewska');

    const log = await db.auditLog.findMany({ where: { participantId: p.id }, orderBy: { id: 'asc' } });
    expect(log.at(-1)).toMatchObject({ action: 'participant.anonymise', userId: adminId });
    expect(log.filter((l) => l.action === 'participant.update').every((l) => l.details === null)).toBe(true);
    for (const id of [people.recent.id, people.active.id, people.late.id]) {
      const other = await db.participant.findUniqueOrThrow({ where: { id }, include: { sensitive: true } });
      expect(other.lastName).toMatch(/^Wróblewska-/);
      expect(other.sensitive?.healthNotes).toBe(`Zdrowie ${other.lastName}`);
    }
  });

  it('a second click finds nobody due and changes nothing', async () => {
    const res = await postForm(admin, '/admin/rodo/anonimizacja', { ids: String(people.due.id) });
    expect(res.status).toBe(303);
    const after = html((await admin.get(res.headers.location!)).text);
    expect(after('main').text()).toContain('Nikogo nie trzeba anonimizować');
    expect(await ctx.db.prisma.auditLog.count({ where: { action: 'participant.anonymise' } })).toBe(1);
  });

  it('a stale page (someone became due since it was shown) anonymises nobody and shows the new list', async () => {
    const { $: stale } = await dueRows(); // empty list, no button
    expect(stale('form[action="/admin/rodo/anonimizacja"]')).toHaveLength(0);
    expect((await editPerson(worker, people.late.id, { status: 'CLOSED', caseClosedAt: isoDate(yearsAgo(12)) })).status).toBe(303);
    const res = await postForm(admin, '/admin/rodo/anonimizacja', { ids: '' + people.due.id });
    expect(res.status).toBe(409);
    const $ = html(res.text);
    expect($('[role="alert"]').text()).toContain('Lista osób do anonimizacji zmieniła się');
    expect($('#due-title').parent().find('tbody a').attr('href')).toBe(`/admin/rodo/osoby/${people.late.id}`);
    expect((await ctx.db.prisma.participant.findUniqueOrThrow({ where: { id: people.late.id } })).status).toBe('CLOSED');
  });
});

describe('an anonymised person everywhere', () => {
  const id = () => people.due.id;

  it('the RODO page, its trail and both exports still work and hold nothing of the old identity', async () => {
    const page = await admin.get(`/admin/rodo/osoby/${id()}`);
    expect(page.status).toBe(200);
    const $ = html(page.text);
    expect($('h1').text()).toContain(`Osoba zanonimizowana nr ${id()}`);
    expect($('.tag').first().text()).toBe('dane zanonimizowane');
    const trail = $('table.rodo-trail').text();
    expect(trail).toContain('Anonimizacja danych osoby');
    expect(trail).toContain('Szczegóły zmiany usunięto przy anonimizacji');
    const pdf = await admin.get(`/admin/rodo/osoby/${id()}/dane.pdf`).buffer(true).parse(binaryParser);
    expect(pdf.status).toBe(200);
    const text = (await pdfText(pdf.body as Buffer)).text.replace(/\s+/g, ' ');
    expect(text).toContain('Dane osobowe zostały zanonimizowane');
    expect(text).toContain('Rok urodzenia 1968');
    for (const gone of ['Wróblewska', people.due.pesel, '605 404 303', 'Zdrowie']) expect(text).not.toContain(gone);
    const json = await admin.get(`/admin/rodo/osoby/${id()}/dane.json`);
    expect(json.status).toBe(200);
    expect(json.text).not.toContain('Wróblewska');
  });

  it('every page that shows people opens without error, says the data are anonymised, and shows no old data', async () => {
    const db = ctx.db.prisma;
    const p = await db.participant.findUniqueOrThrow({ where: { id: id() }, include: { referrals: true, contracts: true, psuPlacements: true, certificates: true } });
    const session = club.sessionIds[0]!;
    const pages: [Agent, string][] = [
      [worker, `/uczestnicy/${id()}`],
      [coordinator, `/uczestnicy/${id()}`],
      [admin, `/uczestnicy/${id()}`],
      [worker, '/uczestnicy?status=ANONYMISED'],
      [worker, '/uczestnicy?status=ALL'],
      [worker, '/skierowania'],
      [worker, `/skierowania/${p.referrals[0]!.id}`],
      [worker, '/kontrakty?status=ALL'],
      [worker, `/kontrakty/${p.contracts[0]!.id}`],
      [worker, `/kontrakty/${p.contracts[0]!.id}/pdf`],
      [coordinator, `/edycje/${club.edition.id}/grupy`],
      [coordinator, `/edycje/${club.edition.id}/uczestnicy/${id()}`],
      [coordinator, `/edycje/${club.edition.id}/frekwencja`],
      [coordinator, `/zajecia/${session}/obecnosc`],
      [coordinator, `/zajecia/${session}/lista-obecnosci.pdf`],
      [worker, `/psu/osoby/${p.psuPlacements[0]!.id}`],
      [worker, `/psu/osoby/${p.psuPlacements[0]!.id}/karta/2025-03`],
      [worker, `/psu/porozumienia/${club.placement.agreementId}/rozliczenie/2025-03`],
      [worker, `/psu/porozumienia/${club.placement.agreementId}/rozliczenie/2025-03/rozliczenie.pdf`],
      [coordinator, `/zaswiadczenia?rok=${p.certificates[0]!.year}`],
      [coordinator, `/zaswiadczenia/${p.certificates[0]!.id}`],
      [coordinator, `/zaswiadczenia/${p.certificates[0]!.id}/pdf`],
      [coordinator, `/zaswiadczenia/edycja/${club.edition.id}`],
      [director, `/raporty/miesieczny/${today.getUTCFullYear()}/${today.getUTCMonth() + 1}`],
    ];
    const problems: string[] = [];
    const texts = new Map<string, string>();
    for (const [agent, path] of pages) {
      const res = await agent.get(path).buffer(true).parse(binaryParser);
      if (res.status !== 200) {
        problems.push(`${path}: ${res.status}`);
        continue;
      }
      const body = res.body as Buffer;
      const text = res.headers['content-type'] === 'application/pdf' ? (await pdfText(body)).text : body.toString('utf8');
      texts.set(path, text);
      // Only the year of birth is left; the stored 1 July must never pass for a birth date.
      if (text.includes('01.07.1968')) problems.push(`${path}: shows a made-up birth date`);
      for (const gone of ['Wróblewska-Dawna', people.due.pesel, '605 404 303', 'Dawnej']) if (text.includes(gone)) problems.push(`${path}: shows ${gone}`);
    }
    expect(problems).toEqual([]);
    expect(ctx.errors).toEqual([]);
    expect(texts.get(`/zaswiadczenia/${p.certificates[0]!.id}/pdf`)).toContain('dane osoby zanonimizowane');
    expect(texts.get(`/kontrakty/${p.contracts[0]!.id}/pdf`)).toContain('1968 (dane zanonimizowane)');
    for (const page of [`/skierowania/${p.referrals[0]!.id}`, `/kontrakty/${p.contracts[0]!.id}`, `/zaswiadczenia/${p.certificates[0]!.id}`]) {
      expect(html(texts.get(page)!)('main .tag:contains("dane zanonimizowane")'), page).toHaveLength(1);
    }
    const card = html((await worker.get(`/uczestnicy/${id()}`)).text);
    expect(card('h1').text().trim()).toBe(`Osoba zanonimizowana nr ${id()}`);
    expect(card('.lead .tag').text()).toBe('dane zanonimizowane');
    const list = html((await worker.get('/uczestnicy?status=ANONYMISED')).text);
    expect(list('tbody tr').text()).toContain('dane zanonimizowane');
    expect(list('tbody tr').text()).toContain(`Osoba zanonimizowana nr ${id()}`);
  });
});
