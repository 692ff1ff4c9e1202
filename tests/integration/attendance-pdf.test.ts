// The printed attendance lists parsed back to text: every participant with Polish letters, the right dates,
// the signature column, the centre's header and, for EU projects, the funder and project number.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDate, isoWeekday, utcDate, WEEKDAY_NAMES } from '../../src/lib/dates.ts';
import { agentFor, createTestContext, html, postForm, type Agent, type TestContext } from '../helpers/app.ts';
import { makeEdition } from '../helpers/factories.ts';
import { binaryParser, pdfText } from '../helpers/pdf.ts';
import { formFields, makeClub, POLISH_NAMES } from './editions-fixtures.ts';

let ctx: TestContext;
let coordinator: Agent;
beforeAll(async () => {
  ctx = await createTestContext();
  coordinator = (await agentFor(ctx, ['COORDINATOR'])).agent;
  await ctx.db.prisma.centreSettings.upsert({
    where: { id: 1 },
    update: {},
    create: { id: 1, name: 'Gminny Ośrodek Pomocy Społecznej w Żółkiewce', shortName: 'GOPS Żółkiewka', street: 'ul. Lubelska 1', postalCode: '22-335', city: 'Żółkiewka', clubName: 'Klub Integracji Społecznej „Źródło”' },
  });
});
afterAll(() => ctx.close());

const getPdf = (agent: Agent, url: string) => agent.get(url).buffer(true).parse(binaryParser);

describe('attendance list for one session', () => {
  it('lists every participant with diacritics, the date, the signature column and the EU project lines', async () => {
    const club = await makeClub(ctx.db.prisma, { size: 6, daysAgo: [2], fundingSource: 'EU_ESF' });
    const session = club.sessions[0]!;
    // Take attendance first: excused absences are noted on the list.
    const $ = html((await coordinator.get(`/zajecia/${session.id}/obecnosc`)).text);
    const marks = Object.fromEntries(club.people.map((p, i) => [`mark_${p.id}`, i === 1 ? 'EXCUSED' : 'PRESENT']));
    expect((await postForm(coordinator, `/zajecia/${session.id}/obecnosc`, { ...formFields($), ...marks, topic: 'Komunikacja w zespole' })).status).toBe(303);

    const res = await getPdf(coordinator, `/zajecia/${session.id}/lista-obecnosci.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('Lista obecności')}`);
    const { text: raw, numPages } = await pdfText(res.body as Buffer);
    const text = raw.replace(/[ \t]+/g, ' ');
    expect(numPages).toBe(1);
    expect(text).toContain('Gminny Ośrodek Pomocy Społecznej w Żółkiewce');
    expect(text).toContain('Klub Integracji Społecznej „Źródło”');
    expect(text).toContain('Projekt współfinansowany ze środków Unii Europejskiej w ramach Europejskiego Funduszu Społecznego Plus');
    expect(text).toContain('Nr projektu: FEPM.05.16-IZ.00-0042/24');
    expect(text).toContain('Tytuł projektu: Krok Dalej – aktywna integracja');
    expect(text).toContain('LISTA OBECNOŚCI');
    expect(text).toContain(`Data: ${formatDate(session.date)} (${WEEKDAY_NAMES[isoWeekday(session.date) - 1]})`);
    expect(text).toContain('Godziny: 15:00–18:30 (3,5 h)');
    expect(text).toContain('Temat zajęć: Komunikacja w zespole');
    expect(text).toContain('Podpis uczestnika');
    for (const [first, last] of POLISH_NAMES.slice(0, 6)) expect(text).toContain(`${last} ${first}`);
    expect(text).toMatch(/Ślusarczyk Józef\s+nieobecność\s+usprawiedliwiona/);
    expect(text).toContain('Prowadzący zajęcia (data i podpis)');
    const audit = await ctx.db.prisma.auditLog.findFirst({ where: { action: 'attendance.print', entityId: String(session.id) } });
    expect(audit).not.toBeNull();
  });

  it('is open to social workers but not to the director', async () => {
    const club = await makeClub(ctx.db.prisma, { size: 1, daysAgo: [1] });
    const worker = (await agentFor(ctx, ['SOCIAL_WORKER'])).agent;
    expect((await getPdf(worker, `/zajecia/${club.sessions[0]!.id}/lista-obecnosci.pdf`)).status).toBe(200);
    const director = (await agentFor(ctx, ['DIRECTOR'])).agent;
    expect((await director.get(`/zajecia/${club.sessions[0]!.id}/lista-obecnosci.pdf`)).status).toBe(403);
  });
});

describe('attendance list for a month of a group', () => {
  it('has one column per session of the month, the marks of absences and every person', async () => {
    const edition = await makeEdition(ctx.db.prisma, { start: utcDate(2027, 3, 1), end: utcDate(2027, 6, 30) });
    const group = edition.groups[0]!;
    const people = [];
    for (const [first, last] of POLISH_NAMES.slice(0, 5)) {
      const p = await ctx.db.prisma.participant.create({ data: { firstName: first, lastName: last, birthDate: utcDate(1980, 1, 1), sex: 'FEMALE' } });
      await ctx.db.prisma.enrolment.create({ data: { editionId: edition.id, groupId: group.id, participantId: p.id, startDate: edition.startDate } });
      people.push(p);
    }
    const days = [6, 8, 13, 15, 20, 22, 27, 29];
    const sessions = [];
    for (const d of days) {
      sessions.push(await ctx.db.prisma.classSession.create({ data: { editionId: edition.id, groupId: group.id, date: utcDate(2027, 4, d), startMinute: 900, endMinute: 1110, status: 'HELD' } }));
    }
    await ctx.db.prisma.classSession.create({ data: { editionId: edition.id, groupId: group.id, date: utcDate(2027, 4, 1), startMinute: 900, endMinute: 1110, status: 'CANCELLED', cancelReason: 'awaria' } });
    await ctx.db.prisma.classSession.create({ data: { editionId: edition.id, groupId: group.id, date: utcDate(2027, 5, 4), startMinute: 900, endMinute: 1110 } });
    await ctx.db.prisma.attendance.create({ data: { sessionId: sessions[2]!.id, participantId: people[0]!.id, status: 'ABSENT' } });
    await ctx.db.prisma.attendance.create({ data: { sessionId: sessions[3]!.id, participantId: people[1]!.id, status: 'EXCUSED' } });

    const res = await getPdf(coordinator, `/edycje/${edition.id}/grupy/${group.id}/lista-obecnosci.pdf?miesiac=2027-04`);
    expect(res.status).toBe(200);
    const text = (await pdfText(res.body as Buffer)).text.replace(/[ \t]+/g, ' ');
    expect(text).toContain('LISTA OBECNOŚCI – kwiecień 2027');
    expect(text).toContain('Okres: 01.04.2027–30.04.2027');
    expect(text).toContain('Zajęcia w miesiącu: 8 (28 h)');
    for (const d of days) expect(text).toContain(`${String(d).padStart(2, '0')}.04`);
    expect(text).not.toContain('01.04 15:00');
    expect(text).not.toContain('04.05');
    for (const [first, last] of POLISH_NAMES.slice(0, 5)) expect(text).toContain(`${last} ${first}`);
    expect(text).toMatch(/Łęcka Żaneta\s+nb\./);
    expect(text).toMatch(/Ślusarczyk Józef\s+usp\./);
    expect(text).toContain('Podpis prowadzącego');
    expect(text).toContain('Klub Integracji Społecznej „Źródło”');
  });

  it('answers 404 for a month that is not a month', async () => {
    const club = await makeClub(ctx.db.prisma, { size: 1 });
    expect((await coordinator.get(`/edycje/${club.edition.id}/grupy/${club.groupId}/lista-obecnosci.pdf?miesiac=2027-13`)).status).toBe(404);
    expect((await coordinator.get(`/edycje/${club.edition.id}/grupy/${club.otherGroupId + 1000}/lista-obecnosci.pdf?miesiac=2027-04`)).status).toBe(404);
  });
});
