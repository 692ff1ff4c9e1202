// The participant register through HTTP: PESEL rules, duplicates, search and filters, two editors at
// once, special-category data hidden from coordinators, and the audit trail of reads and changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentFor, createTestContext, html, postForm, type Agent, type TestContext } from '../helpers/app.ts';
import { makeParticipant } from '../helpers/factories.ts';
import { makePesel } from '../../src/lib/pesel.ts';
import { utcDate } from '../../src/lib/dates.ts';

let ctx: TestContext;
let worker: Agent;
let workerId: number;
let worker2: Agent;
let worker2Id: number;
let coordinator: Agent;

const person = (o: Record<string, unknown> = {}) => ({
  firstName: 'Łukasz', lastName: 'Żółkiewski', pesel: '85031212350', citizenship: 'polskie',
  street: 'ul. Łąkowa', houseNumber: '5', postalCode: '83-110', city: 'Borków', ...o,
});

beforeAll(async () => {
  ctx = await createTestContext();
  ({ agent: worker, user: { id: workerId } } = await agentFor(ctx, ['SOCIAL_WORKER']));
  ({ agent: worker2, user: { id: worker2Id } } = await agentFor(ctx, ['SOCIAL_WORKER']));
  ({ agent: coordinator } = await agentFor(ctx, ['COORDINATOR']));
});
afterAll(() => ctx.close());

describe('registering a person', () => {
  it('derives birth date and sex from the PESEL and shows them on the card', async () => {
    const res = await postForm(worker, '/uczestnicy', person({ socialWorkerId: workerId }));
    expect(res.status).toBe(303);
    const card = html((await worker.get(res.headers.location!)).text);
    expect(card('h1').text()).toBe('Łukasz Żółkiewski');
    const data = card('#data-title').parent().text();
    expect(data).toContain('12.03.1985');
    expect(data).toContain('mężczyzna');
    const stored = await ctx.db.prisma.participant.findUniqueOrThrow({ where: { pesel: '85031212350' } });
    expect(stored.sex).toBe('MALE');
    expect(stored.birthDate.toISOString().slice(0, 10)).toBe('1985-03-12');
    const audit = await ctx.db.prisma.auditLog.findFirst({ where: { action: 'participant.create', participantId: stored.id } });
    expect(audit?.userId).toBe(workerId);
  });

  it('refuses a PESEL with a wrong check digit, keeping every typed value', async () => {
    const res = await postForm(worker, '/uczestnicy', person({ pesel: '85031212351', firstName: '', lastName: 'Wójcik-Ślęzak', phone: '501 222 333' }));
    expect(res.status).toBe(400);
    const $ = html(res.text);
    // Every problem shows at once: the missing first name and the wrong PESEL.
    expect($('.error-summary a[href="#f-firstName"]').length).toBe(1);
    expect($('#f-pesel-error').text()).toContain('cyfra kontrolna');
    expect($('.error-summary a[href="#f-pesel"]').length).toBe(1);
    expect($('#f-lastName').val()).toBe('Wójcik-Ślęzak');
    expect($('#f-pesel').val()).toBe('85031212351');
    expect($('#f-phone').val()).toBe('501 222 333');
    expect(await ctx.db.prisma.participant.count({ where: { lastName: 'Wójcik-Ślęzak' } })).toBe(0);
  });

  it('refuses a PESEL that is too short or holds an impossible date', async () => {
    const short = await postForm(worker, '/uczestnicy', person({ pesel: '8503121235' }));
    expect(short.status).toBe(400);
    expect(html(short.text)('#f-pesel-error').text()).toContain('11 cyfr');
    // 30 February 1985 with a correct check digit.
    const first10 = '8502300011';
    const sum = [...first10].reduce((s, d, i) => s + Number(d) * [1, 3, 7, 9, 1, 3, 7, 9, 1, 3][i]!, 0);
    const res = await postForm(worker, '/uczestnicy', person({ pesel: first10 + String((10 - (sum % 10)) % 10) }));
    expect(res.status).toBe(400);
    expect(html(res.text)('#f-pesel-error').text()).toContain('nieistniejącą datę');
  });

  it('refuses a duplicate PESEL with a link to the existing record', async () => {
    const existing = await ctx.db.prisma.participant.findUniqueOrThrow({ where: { pesel: '85031212350' } });
    const res = await postForm(worker, '/uczestnicy', person({ firstName: 'Inny', lastName: 'Człowiek' }));
    expect(res.status).toBe(409);
    const $ = html(res.text);
    expect($('#f-pesel-error').text()).toContain('jest już w rejestrze');
    expect($(`a[href="/uczestnicy/${existing.id}"]`).text()).toContain('Łukasz Żółkiewski');
    expect($('#f-lastName').val()).toBe('Człowiek');
  });

  it('asks a person without PESEL for a document, birth date and sex', async () => {
    const bad = await postForm(worker, '/uczestnicy', person({ pesel: '', firstName: 'Olena', lastName: 'Kowalenko', citizenship: 'ukraińskie' }));
    expect(bad.status).toBe(400);
    const $ = html(bad.text);
    for (const f of ['documentType', 'documentNumber', 'birthDate', 'sex']) expect($(`.error-summary a[href="#f-${f}"]`).length, f).toBe(1);
    const ok = await postForm(worker, '/uczestnicy', person({
      pesel: '', firstName: 'Olena', lastName: 'Kowalenko', citizenship: 'ukraińskie', documentType: 'RESIDENCE_CARD', documentNumber: 'rp7654321', birthDate: '1990-02-28', sex: 'FEMALE',
    }));
    expect(ok.status).toBe(303);
    const stored = await ctx.db.prisma.participant.findFirstOrThrow({ where: { lastName: 'Kowalenko' } });
    expect(stored.pesel).toBeNull();
    expect(stored.documentNumber).toBe('RP7654321');
    const again = await postForm(worker, '/uczestnicy', person({
      pesel: '', firstName: 'Olena', lastName: 'Kowalenko-Druga', citizenship: 'ukraińskie', documentType: 'RESIDENCE_CARD', documentNumber: 'RP7654321', birthDate: '1990-02-28', sex: 'FEMALE',
    }));
    expect(again.status).toBe(409);
    expect(html(again.text)(`a[href="/uczestnicy/${stored.id}"]`).length).toBe(1);
  });
});

describe('searching the register', () => {
  beforeAll(async () => {
    for (let i = 0; i < 27; i++) {
      await makeParticipant(ctx.db.prisma, { lastName: `Szukajski-${String(i).padStart(2, '0')}`, firstName: i % 2 ? 'Zenon' : 'Żaneta', socialWorkerId: i < 5 ? worker2Id : workerId });
    }
  });

  const names = (text: string) => html(text)('tbody td:first-child a').map((_i, a) => html(text)(a).text()).get();

  it('finds people by the start of the surname, case-insensitively, and pages the results', async () => {
    const page1 = await worker.get('/uczestnicy?q=szukajski');
    const $ = html(page1.text);
    expect($('.result-count').text()).toContain('27 osób');
    expect(names(page1.text)).toHaveLength(25);
    expect($('a[rel="next"]').attr('href')).toContain('page=2');
    const page2 = await worker.get($('a[rel="next"]').attr('href')!);
    expect(names(page2.text)).toHaveLength(2);
  });

  it('narrows by first name and surname together', async () => {
    const res = await worker.get(`/uczestnicy?q=${encodeURIComponent('żaneta szukajski-0')}`);
    const found = names(res.text);
    expect(found.length).toBe(5); // Szukajski-00, 02, 04, 06, 08
    expect(found.every((n) => n.endsWith('Żaneta'))).toBe(true);
  });

  it('finds by PESEL, exactly and by its beginning', async () => {
    const exact = await worker.get('/uczestnicy?q=85031212350');
    expect(names(exact.text)).toEqual(['Żółkiewski Łukasz']);
    const prefix = await worker.get('/uczestnicy?q=8503121');
    expect(names(prefix.text)).toContain('Żółkiewski Łukasz');
    const none = await worker.get('/uczestnicy?q=00000000000');
    expect(html(none.text)('.empty-state').text()).toContain('Nikogo nie znaleziono');
  });

  it('filters by social worker, and "my caseload" shows only the logged-in worker\'s people', async () => {
    const byWorker = names((await worker.get(`/uczestnicy?q=szukajski&worker=${worker2Id}`)).text);
    expect(byWorker).toHaveLength(5);
    const mine2 = names((await worker2.get('/uczestnicy/moi?q=szukajski')).text);
    expect(mine2.sort()).toEqual(byWorker.sort());
    const mine1 = html((await worker.get('/uczestnicy/moi?q=szukajski')).text);
    expect(mine1('.result-count').text()).toContain('22 osoby');
  });

  it('filters by edition', async () => {
    const edition = await ctx.db.prisma.edition.create({
      data: { name: 'Edycja filtrowa', startDate: utcDate(2026, 3, 3), endDate: utcDate(2026, 6, 1), fundingSource: 'OWN_BUDGET', plannedParticipants: 8, groups: { create: [{ name: 'Grupa A', capacity: 8 }] } },
      include: { groups: true },
    });
    const p = await ctx.db.prisma.participant.findFirstOrThrow({ where: { lastName: 'Szukajski-03' } });
    await ctx.db.prisma.enrolment.create({ data: { editionId: edition.id, groupId: edition.groups[0]!.id, participantId: p.id, startDate: edition.startDate } });
    const res = await worker.get(`/uczestnicy?edition=${edition.id}&status=ALL`);
    expect(names(res.text)).toEqual(['Szukajski-03 Zenon']);
    expect(html(res.text)('tbody').text()).toContain('Edycja filtrowa, Grupa A');
  });
});

describe('editing', () => {
  it('tells the second of two editors that the record changed and keeps what they typed', async () => {
    const p = await makeParticipant(ctx.db.prisma, { lastName: 'Dwuredakcyjny' });
    const form = html((await worker.get(`/uczestnicy/${p.id}/edycja`)).text);
    const version = form('input[name="version"]').val();
    const base = { firstName: p.firstName, lastName: p.lastName, pesel: p.pesel, citizenship: 'polskie', status: 'ACTIVE', version };
    const first = await postForm(worker, `/uczestnicy/${p.id}`, { ...base, phone: '600 100 100' });
    expect(first.status).toBe(303);
    const second = await postForm(worker2, `/uczestnicy/${p.id}`, { ...base, phone: '700 200 200', notes: 'Notatka drugiej osoby – ważna' });
    expect(second.status).toBe(409);
    const $ = html(second.text);
    expect($('.error-summary').text()).toContain('Ktoś inny zmienił dane tej osoby');
    expect($('#f-phone').val()).toBe('700 200 200');
    expect($('#f-notes').text()).toBe('Notatka drugiej osoby – ważna');
    expect($('#stale-title').parent().text()).toContain('600 100 100');
    const stored = await ctx.db.prisma.participant.findUniqueOrThrow({ where: { id: p.id } });
    expect(stored.phone).toBe('600 100 100');
    // Having seen the current data, the second editor can save on purpose.
    const retry = await postForm(worker2, `/uczestnicy/${p.id}`, { ...base, version: $('input[name="version"]').val(), phone: '700 200 200' });
    expect(retry.status).toBe(303);
  });

  it('closes a case only with a date, and logs what changed with before and after', async () => {
    const p = await makeParticipant(ctx.db.prisma, { lastName: 'Zamykany' });
    const base = { firstName: p.firstName, lastName: p.lastName, pesel: p.pesel, citizenship: 'polskie', version: p.version };
    const bad = await postForm(worker, `/uczestnicy/${p.id}`, { ...base, status: 'CLOSED' });
    expect(bad.status).toBe(400);
    expect(html(bad.text)('#f-caseClosedAt-error').text()).toContain('datę zamknięcia');
    const ok = await postForm(worker, `/uczestnicy/${p.id}`, { ...base, status: 'CLOSED', caseClosedAt: '2026-05-31', city: 'Żukowo' });
    expect(ok.status).toBe(303);
    const audit = await ctx.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'participant.update', participantId: p.id } });
    expect(audit.details).toMatchObject({ changes: { status: ['ACTIVE', 'CLOSED'], city: ['Borków', 'Żukowo'], caseClosedAt: [null, '2026-05-31'] } });
  });
});

describe('special-category data and the audit log', () => {
  let id: number;
  beforeAll(async () => {
    const res = await postForm(worker, '/uczestnicy', person({
      pesel: makePesel(utcDate(1978, 11, 5), 'FEMALE', 321), firstName: 'Grażyna', lastName: 'Wrażliwa',
      alcoholAddiction: 'on', addictionTherapy: 'Poradnia Leczenia Uzależnień w Borkowie', disabilityLevel: 'MODERATE',
    }));
    expect(res.status).toBe(303);
    id = Number(res.headers.location!.split('/').pop());
  });

  it('shows the facts to a social worker', async () => {
    const $ = html((await worker.get(`/uczestnicy/${id}`)).text);
    const panel = $('#sensitive-title').parent().text();
    expect(panel).toContain('uzależnienie od alkoholu');
    expect(panel).toContain('Poradnia Leczenia Uzależnień w Borkowie');
    expect(panel).toContain('stopień umiarkowany');
  });

  it('hides them from a coordinator, who still sees the card', async () => {
    const res = await coordinator.get(`/uczestnicy/${id}`);
    expect(res.status).toBe(200);
    const $ = html(res.text);
    expect($('h1').text()).toBe('Grażyna Wrażliwa');
    expect($('#sensitive-title').length).toBe(0);
    expect(res.text).not.toContain('Poradnia Leczenia Uzależnień');
    expect(res.text).not.toContain('uzależnienie od alkoholu');
    expect((await coordinator.get(`/uczestnicy/${id}/edycja`)).status).toBe(403);
  });

  it('writes a read entry for every look at the card, naming the person and whether special data was shown', async () => {
    const before = await ctx.db.prisma.auditLog.count({ where: { action: 'participant.read', participantId: id } });
    await coordinator.get(`/uczestnicy/${id}`);
    await worker.get(`/uczestnicy/${id}`);
    const reads = await ctx.db.prisma.auditLog.findMany({ where: { action: 'participant.read', participantId: id }, orderBy: { id: 'asc' } });
    expect(reads.length).toBe(before + 2);
    expect(reads.at(-2)!.details).toMatchObject({ view: 'card', sensitiveShown: false });
    expect(reads.at(-1)!.details).toMatchObject({ view: 'card', sensitiveShown: true });
  });

  it('logs which special-category fields changed, never their values', async () => {
    const p = await ctx.db.prisma.participant.findUniqueOrThrow({ where: { id } });
    const res = await postForm(worker, `/uczestnicy/${id}`, {
      firstName: p.firstName, lastName: p.lastName, pesel: p.pesel, citizenship: 'polskie', status: 'ACTIVE', version: p.version,
      alcoholAddiction: 'on', mentalDisorder: 'on', addictionTherapy: 'Ośrodek terapii w Gdańsku', disabilityLevel: 'MODERATE',
    });
    expect(res.status).toBe(303);
    const audit = await ctx.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'participant.update', participantId: id } });
    expect(audit.details).toMatchObject({ sensitiveFields: ['addictionTherapy', 'mentalDisorder'] });
    const text = JSON.stringify(audit.details);
    expect(text).not.toContain('Gdańsku');
    expect(text).not.toContain('Poradnia');
    const s = await ctx.db.prisma.participantSensitive.findUniqueOrThrow({ where: { participantId: id } });
    expect(s.mentalDisorder).toBe(true);
  });
});
