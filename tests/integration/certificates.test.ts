// Certificates through HTTP on a real database: eligibility, register numbers (also under concurrent
// requests), frozen content and reprints, revocation, the public verification page and who may do what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { DbClient } from '../../src/db/client.ts';
import { warsawDate } from '../../src/lib/dates.ts';
import { agentFor, createTestContext, csrfFrom, html, postForm, type Agent, type TestContext } from '../helpers/app.ts';
import { makeEdition, makeParticipant } from '../helpers/factories.ts';
import { binaryParser, pdfText } from '../helpers/pdf.ts';
import { utcDate } from '../../src/lib/dates.ts';

type Mark = 'PRESENT' | 'ABSENT' | 'EXCUSED';
interface PersonSpec {
  firstName?: string;
  lastName?: string;
  sex?: 'MALE' | 'FEMALE';
  status: 'ACTIVE' | 'COMPLETED' | 'DROPPED_OUT';
  eligible: boolean | null;
  bp?: number;
  /** Marks at the 2 social-skills sessions and the 2 labour-law sessions. */
  marks?: [Mark, Mark, Mark, Mark];
}

/** A closed edition with a social-skills module and a labour-law module, two sessions each, and the given people. */
async function closedEdition(db: DbClient, people: PersonSpec[]) {
  const edition = await makeEdition(db, { status: 'CLOSED', start: utcDate(2026, 3, 3), end: utcDate(2026, 5, 26), thresholdPct: 80 });
  await db.edition.update({ where: { id: edition.id }, data: { funderName: 'Wojewoda – dotacja na KIS', projectTitle: 'Krok Dalej', projectNumber: 'FEPM.05.16-0042/24' } });
  const social = edition.modules[0]!;
  const law = await db.programmeModule.create({ data: { editionId: edition.id, name: 'Warsztaty z prawa pracy', area: 'VOCATIONAL', plannedHours: 4, position: 2 } });
  const group = edition.groups[0]!;
  const sessions = [];
  for (const [i, moduleId, minutes] of [[0, social.id, 180], [1, social.id, 180], [2, law.id, 120], [3, law.id, 120]] as const) {
    sessions.push(await db.classSession.create({
      data: { editionId: edition.id, groupId: group.id, moduleId, date: utcDate(2026, 3, 3 + i * 7), startMinute: 900, endMinute: 900 + minutes, status: 'HELD' },
    }));
  }
  const enrolments = [];
  for (const p of people) {
    const person = await makeParticipant(db, { firstName: p.firstName, lastName: p.lastName, sex: p.sex });
    const e = await db.enrolment.create({
      data: {
        editionId: edition.id, groupId: group.id, participantId: person.id, startDate: edition.startDate,
        endDate: p.status === 'ACTIVE' ? null : edition.endDate, status: p.status, certificateEligible: p.eligible, attendanceFinalBp: p.bp ?? null,
      },
    });
    const marks = p.marks ?? ['PRESENT', 'PRESENT', 'PRESENT', 'PRESENT'];
    await db.attendance.createMany({ data: sessions.map((s, i) => ({ sessionId: s.id, participantId: person.id, status: marks[i]! })) });
    enrolments.push({ ...e, person });
  }
  return { edition, enrolments };
}

const issue = (agent: Agent, enrolmentId: number, kind = 'KIS_COMPLETION', token?: string) =>
  token ? agent.post('/zaswiadczenia').type('form').send({ _csrf: token, enrolmentId, kind }) : postForm(agent, '/zaswiadczenia', { enrolmentId, kind });

const getPdf = (agent: Agent, path: string) => agent.get(path).buffer(true).parse(binaryParser as never);

let ctx: TestContext;
let coordinator: Agent;
const year = warsawDate().getUTCFullYear();
beforeAll(async () => {
  ctx = await createTestContext();
  coordinator = (await agentFor(ctx, ['COORDINATOR'])).agent;
});
afterAll(() => ctx.close());

describe('issuing a certificate', () => {
  let fx: Awaited<ReturnType<typeof closedEdition>>;
  beforeAll(async () => {
    fx = await closedEdition(ctx.db.prisma, [
      { firstName: 'Łucja', lastName: 'Żółkiewska-Gęślą', sex: 'FEMALE', status: 'COMPLETED', eligible: true, bp: 9250, marks: ['PRESENT', 'PRESENT', 'PRESENT', 'EXCUSED'] },
      { firstName: 'Jan', lastName: 'Niskafrekwencja', status: 'COMPLETED', eligible: false, bp: 7500, marks: ['PRESENT', 'ABSENT', 'PRESENT', 'ABSENT'] },
      { firstName: 'Adam', lastName: 'Rezygnujący', status: 'DROPPED_OUT', eligible: false, bp: 4000 },
      { firstName: 'Ewa', lastName: 'Wciążuczestnicząca', status: 'ACTIVE', eligible: null },
    ]);
  });

  it('refuses ineligible people with a clear Polish message and uses no number', async () => {
    const [, low, dropped, active] = fx.enrolments;
    const r1 = await issue(coordinator, low!.id);
    expect(r1.status).toBe(409);
    expect(html(r1.text)('main').text()).toContain('Frekwencja 75,00% jest niższa niż wymagane 80%');
    const r2 = await issue(coordinator, dropped!.id);
    expect(r2.status).toBe(409);
    expect(html(r2.text)('main').text()).toContain('przerwał udział w zajęciach');
    const r3 = await issue(coordinator, active!.id);
    expect(r3.status).toBe(409);
    expect(html(r3.text)('main').text()).toContain('po zamknięciu edycji');
    // A workshop certificate needs 80% of the workshop's hours: 50% here.
    const r4 = await issue(coordinator, low!.id, 'LABOUR_LAW');
    expect(r4.status).toBe(409);
    expect(html(r4.text)('main').text()).toContain('wynosi 50,00%, a wymagane jest co najmniej 80%');
    expect(await ctx.db.prisma.certificate.count()).toBe(0);
    expect(await ctx.db.prisma.certificateCounter.count()).toBe(0);
  });

  it('issues the first number of the year with the content frozen, and refuses a second one', async () => {
    const ok = fx.enrolments[0]!;
    const res = await issue(coordinator, ok.id);
    expect(res.status).toBe(303);
    const cert = await ctx.db.prisma.certificate.findFirstOrThrow({ where: { enrolmentId: ok.id } });
    expect(res.headers.location).toBe(`/zaswiadczenia/${cert.id}`);
    expect(cert.number).toBe(`KIS/${year}/0001`);
    expect(cert.verificationCode).toMatch(/^[0-9A-Z]{16}$/);
    expect(cert.content).toMatchObject({
      number: `KIS/${year}/0001`,
      person: { firstName: 'Łucja', lastName: 'Żółkiewska-Gęślą', sex: 'FEMALE' },
      edition: { funderName: 'Wojewoda – dotacja na KIS', projectNumber: 'FEPM.05.16-0042/24' },
      modules: [
        { name: 'Warsztaty umiejętności psychospołecznych', attendedMinutes: 360 },
        { name: 'Warsztaty z prawa pracy', attendedMinutes: 120 },
      ],
      totalAttendedMinutes: 480,
      attendanceBp: 9250,
    });
    const audit = await ctx.db.prisma.auditLog.findFirst({ where: { action: 'certificate.issue', entityId: String(cert.id) } });
    expect(audit?.participantId).toBe(ok.participantId);

    const again = await issue(coordinator, ok.id);
    expect(again.status).toBe(409);
    expect(html(again.text)('main').text()).toContain(`ma już zaświadczenie „ukończenie zajęć w Klubie Integracji Społecznej” nr KIS/${year}/0001`);
    // A workshop certificate of another kind is a separate, next number.
    const social = await issue(coordinator, ok.id, 'SOCIAL_SKILLS');
    expect(social.status).toBe(303);
    expect((await ctx.db.prisma.certificate.findFirstOrThrow({ where: { enrolmentId: ok.id, kind: 'SOCIAL_SKILLS' } })).number).toBe(`KIS/${year}/0002`);
  });

  it('prints with Polish letters intact, and a reprint is identical even after the person record changed', async () => {
    const cert = await ctx.db.prisma.certificate.findFirstOrThrow({ where: { number: `KIS/${year}/0001` } });
    const first = await getPdf(coordinator, `/zaswiadczenia/${cert.id}/pdf`);
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toBe('application/pdf');
    const a = await pdfText(first.body as Buffer);
    expect(a.numPages).toBe(1);
    expect(a.text).toContain('ZAŚWIADCZENIE');
    expect(a.text).toContain(`nr KIS/${year}/0001`);
    expect(a.text).toContain('Łucja Żółkiewska-Gęślą');
    expect(a.text).toContain('uczestniczyła');
    expect(a.text).toContain('z frekwencją 92,50%');
    expect(a.text).toContain('Warsztaty z prawa pracy');
    expect(a.text).toContain('Wojewoda – dotacja na KIS');
    expect(a.text).toContain('Dyrektor');
    expect(a.text.replace(/\s+/g, '')).toContain(`/weryfikacja/${cert.verificationCode}`);

    await ctx.db.prisma.participant.update({ where: { id: cert.participantId }, data: { lastName: 'Zmienione' } });
    const second = await getPdf(coordinator, `/zaswiadczenia/${cert.id}/pdf`);
    const b = await pdfText(second.body as Buffer);
    expect(b.text).toBe(a.text);
    const after = await ctx.db.prisma.certificate.findUniqueOrThrow({ where: { id: cert.id } });
    expect(after.printCount).toBe(2);
    expect(after.number).toBe(cert.number);
  });

  it('lists who left the club without a certificate, with the reason when none can be issued', async () => {
    const res = await coordinator.get('/zaswiadczenia');
    expect(res.status).toBe(200);
    const $ = html(res.text);
    const leavers = $('#t-leavers tbody tr').map((_i, tr) => $(tr).text().replace(/\s+/g, ' ')).get();
    expect(leavers.some((t) => t.includes('Niskafrekwencja') && t.includes('Frekwencja 75,00%'))).toBe(true);
    expect(leavers.some((t) => t.includes('Rezygnujący') && t.includes('przerwał(a) udział'))).toBe(true);
    expect(leavers.some((t) => t.includes('Żółkiewska'))).toBe(false); // has one now
    expect(leavers.some((t) => t.includes('Wciążuczestnicząca'))).toBe(false); // has not left
    expect($('#t-register').text()).toContain(`KIS/${year}/0001`);
  });
});

describe('numbering under concurrent requests', () => {
  it('gives consecutive numbers without gaps or duplicates, and one certificate per person', async () => {
    const fx = await closedEdition(ctx.db.prisma, Array.from({ length: 6 }, (_v, i) => ({ lastName: `Równoległy ${i}`, status: 'COMPLETED' as const, eligible: true, bp: 9000 })));
    const before = await ctx.db.prisma.certificate.count();
    const token = await csrfFrom(coordinator, '/zaswiadczenia');
    // Six people at once, the first two of them twice (a double click).
    const targets = [...fx.enrolments.map((e) => e.id), fx.enrolments[0]!.id, fx.enrolments[1]!.id];
    const results = await Promise.all(targets.map((id) => issue(coordinator, id, 'KIS_COMPLETION', token)));
    expect(results.map((r) => r.status).sort()).toEqual([303, 303, 303, 303, 303, 303, 409, 409]);
    const all = await ctx.db.prisma.certificate.findMany({ where: { year }, orderBy: { seq: 'asc' } });
    expect(all).toHaveLength(before + 6);
    expect(all.map((c) => c.seq)).toEqual(Array.from({ length: all.length }, (_v, i) => i + 1));
    expect(new Set(all.map((c) => c.number)).size).toBe(all.length);
    const mine = all.filter((c) => fx.enrolments.some((e) => e.id === c.enrolmentId));
    expect(new Set(mine.map((c) => c.enrolmentId)).size).toBe(6);
    const counter = await ctx.db.prisma.certificateCounter.findUniqueOrThrow({ where: { prefix_year: { prefix: 'KIS', year } } });
    expect(counter.lastSeq).toBe(all.length);
  });

  it('issues a whole edition at once and prints it as one PDF, one person a page', async () => {
    const fx = await closedEdition(ctx.db.prisma, [
      { firstName: 'Żaneta', lastName: 'Ślęzak', sex: 'FEMALE', status: 'COMPLETED', eligible: true, bp: 8800 },
      { firstName: 'Józef', lastName: 'Łęcki', sex: 'MALE', status: 'COMPLETED', eligible: true, bp: 8100 },
      { firstName: 'Adam', lastName: 'Bezprawa', status: 'COMPLETED', eligible: false, bp: 5000 },
    ]);
    const res = await postForm(coordinator, `/zaswiadczenia/edycja/${fx.edition.id}`, { kind: 'KIS_COMPLETION' });
    expect(res.status).toBe(303);
    const issued = await ctx.db.prisma.certificate.findMany({ where: { editionId: fx.edition.id }, orderBy: { seq: 'asc' } });
    expect(issued).toHaveLength(2);
    expect(issued[1]!.seq).toBe(issued[0]!.seq + 1);
    const again = await postForm(coordinator, `/zaswiadczenia/edycja/${fx.edition.id}`, { kind: 'KIS_COMPLETION' });
    expect(again.status).toBe(303);
    expect(await ctx.db.prisma.certificate.count({ where: { editionId: fx.edition.id } })).toBe(2);

    const pdf = await getPdf(coordinator, `/zaswiadczenia/edycja/${fx.edition.id}/pdf?rodzaj=KIS_COMPLETION`);
    expect(pdf.status).toBe(200);
    const { pages, numPages } = await pdfText(pdf.body as Buffer);
    expect(numPages).toBe(2);
    expect(pages[0]).toContain('Żaneta Ślęzak');
    expect(pages[0]).toContain(issued[0]!.number);
    expect(pages[1]).toContain('Józef Łęcki');
    expect(pages[1]).toContain(issued[1]!.number);
    expect(pages[1]).toContain('uczestniczył w zajęciach');
    expect(pages.join('\n')).not.toContain('Bezprawa');
  });
});

describe('revocation and public verification', () => {
  let certId: number;
  let code: string;
  let number: string;
  beforeAll(async () => {
    const fx = await closedEdition(ctx.db.prisma, [{ firstName: 'Grażyna', lastName: 'Weryfikowalna', sex: 'FEMALE', status: 'COMPLETED', eligible: true, bp: 9500 }]);
    await issue(coordinator, fx.enrolments[0]!.id);
    const cert = await ctx.db.prisma.certificate.findFirstOrThrow({ where: { enrolmentId: fx.enrolments[0]!.id } });
    certId = cert.id;
    code = cert.verificationCode;
    number = cert.number;
  });

  it('confirms a genuine certificate to anyone, without personal data', async () => {
    const res = await request(ctx.app).get(`/weryfikacja/${code}`);
    expect(res.status).toBe(200);
    const text = html(res.text)('main').text();
    expect(text).toContain(`Zaświadczenie nr ${number} jest autentyczne i ważne`);
    expect(text).toContain('ukończenie zajęć w Klubie Integracji Społecznej');
    expect(text).not.toContain('Grażyna');
    expect(text).not.toContain('Weryfikowalna');
    const typed = await request(ctx.app).get('/weryfikacja').query({ kod: code.toLowerCase().replace(/(.{4})/g, '$1-').slice(0, -1) });
    expect(typed.status).toBe(303);
    expect(typed.headers.location).toBe(`/weryfikacja/${code}`);
    expect((await request(ctx.app).get('/weryfikacja/ABCDEFGHJKMNPQRS')).status).toBe(404);
    const bad = await request(ctx.app).get('/weryfikacja').query({ kod: 'xyz' });
    expect(bad.status).toBe(400);
    expect(html(bad.text)('#f-kod').val()).toBe('xyz');
  });

  it('revokes with a reason; the PDF and the verification page say so', async () => {
    const empty = await postForm(coordinator, `/zaswiadczenia/${certId}/uniewaznij`, { reason: '' });
    expect(empty.status).toBe(400);
    expect(html(empty.text)('.error-summary a[href="#f-reason"]').text()).toContain('Podaj powód unieważnienia.');
    const res = await postForm(coordinator, `/zaswiadczenia/${certId}/uniewaznij`, { reason: 'Błąd w nazwisku – wydano nowe zaświadczenie' });
    expect(res.status).toBe(303);
    const twice = await postForm(coordinator, `/zaswiadczenia/${certId}/uniewaznij`, { reason: 'Jeszcze raz' });
    expect(twice.status).toBe(409);
    const pdf = await pdfText((await getPdf(coordinator, `/zaswiadczenia/${certId}/pdf`)).body as Buffer);
    expect(pdf.text).toContain('ZAŚWIADCZENIE UNIEWAŻNIONE');
    expect(pdf.text).toContain('Błąd w nazwisku');
    expect(pdf.text).toContain(number);
    const check = html((await request(ctx.app).get(`/weryfikacja/${code}`)).text)('main').text();
    expect(check).toContain(`Zaświadczenie nr ${number} zostało unieważnione`);
    expect(check).not.toContain('Błąd w nazwisku');
  });
});

describe('verification rate limit', () => {
  it('slows down someone trying many codes from one address', async () => {
    const anon = request.agent(ctx.app);
    const statuses: number[] = [];
    for (let i = 0; i < 70; i++) statuses.push((await anon.get(`/weryfikacja/ABCDEFGHJKMNPQ${String(i).padStart(2, '0')}`)).status);
    expect(statuses.filter((s) => s === 404).length).toBeLessThanOrEqual(60);
    expect(statuses.at(-1)).toBe(429);
    const last = await anon.get('/weryfikacja/ABCDEFGHJKMNPQRS');
    expect(html(last.text)('main').text()).toContain('Spróbuj ponownie za kwadrans');
  });
});

describe('who may do what', () => {
  it('a social worker reads certificates but cannot issue, print or revoke; the director does not see them', async () => {
    const cert = await ctx.db.prisma.certificate.findFirstOrThrow();
    const enrolment = (await closedEdition(ctx.db.prisma, [{ status: 'COMPLETED', eligible: true, bp: 9000 }])).enrolments[0]!;
    const worker = (await agentFor(ctx, ['SOCIAL_WORKER'])).agent;
    expect((await worker.get('/zaswiadczenia')).status).toBe(200);
    const page = await worker.get(`/zaswiadczenia/${cert.id}`);
    expect(page.status).toBe(200);
    expect(html(page.text)('form[action$="/uniewaznij"]').length).toBe(0);
    expect((await issue(worker, enrolment.id)).status).toBe(403);
    expect((await worker.get(`/zaswiadczenia/${cert.id}/pdf`)).status).toBe(403);
    expect((await postForm(worker, `/zaswiadczenia/${cert.id}/uniewaznij`, { reason: 'x' })).status).toBe(403);
    const director = (await agentFor(ctx, ['DIRECTOR'])).agent;
    expect((await director.get('/zaswiadczenia')).status).toBe(403);
    expect((await issue(director, enrolment.id)).status).toBe(403);
    expect(await ctx.db.prisma.certificate.count({ where: { enrolmentId: enrolment.id } })).toBe(0);
  });
});
