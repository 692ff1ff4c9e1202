// The timetable through HTTP: generating a group's sessions with holidays skipped (preview, save, a second
// submit), moving, cancelling and restoring one session, booking an individual session, and a closed
// edition refusing every change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDate, isoDate, utcDate } from '../../src/lib/dates.ts';
import { agentFor, createTestContext, html, postForm, type Agent, type TestContext } from '../helpers/app.ts';
import { makeEdition, makeParticipant } from '../helpers/factories.ts';

let ctx: TestContext;
let coordinator: Agent;
let edition: Awaited<ReturnType<typeof makeEdition>>;
let staffId: number;
beforeAll(async () => {
  ctx = await createTestContext();
  coordinator = (await agentFor(ctx, ['COORDINATOR'])).agent;
  edition = await makeEdition(ctx.db.prisma, { start: utcDate(2027, 3, 1), end: utcDate(2027, 6, 30), status: 'PLANNED' });
  const staff = await ctx.db.prisma.staffMember.create({ data: { fullName: 'Monika Jasińska', profession: 'doradca zawodowy' } });
  staffId = staff.id;
  await ctx.db.prisma.editionStaff.create({ data: { editionId: edition.id, staffId, role: 'doradca zawodowy' } });
});
afterAll(() => ctx.close());

const groupA = () => edition.groups[0]!.id;
const generateUrl = () => `/edycje/${edition.id}/harmonogram/generuj`;
const sessionsOf = (groupId: number) =>
  ctx.db.prisma.classSession.findMany({ where: { groupId, status: { not: 'CANCELLED' } }, orderBy: [{ date: 'asc' }, { startMinute: 'asc' }] });

describe('generating a group\'s sessions', () => {
  const form = () => ({
    groupId: String(groupA()), moduleId: String(edition.modules[0]!.id), staffId: String(staffId), startDate: '2027-03-22',
    weekdays: ['1', '3'], startMinute: '15:00', endMinute: '18:30', count: '6', weeks: '', location: '', topic: '',
  });

  it('shows the dates first, with Easter Monday 2027 skipped and named, and saves nothing', async () => {
    const res = await postForm(coordinator, generateUrl(), { ...form(), action: 'preview' });
    expect(res.status).toBe(200);
    const $ = html(res.text);
    const dates = $('.preview tbody tr td:nth-child(2)').map((_i, el) => $(el).text()).get();
    expect(dates).toEqual(['22.03.2027', '24.03.2027', '31.03.2027', '05.04.2027', '07.04.2027', '12.04.2027']);
    expect($('.skipped').text()).toContain('29.03.2027 (poniedziałek): Poniedziałek Wielkanocny');
    expect($('.preview').text()).toContain('marzec 2027: 3 zajęcia');
    expect($('.preview').text()).toContain('kwiecień 2027: 3 zajęcia');
    expect($('button[value="save"]').text()).toContain('Zapisz 6 zajęć');
    expect(await sessionsOf(groupA())).toHaveLength(0);
  });

  it('saves the previewed plan, tells which days were skipped, and ignores a second submit', async () => {
    const preview = html((await postForm(coordinator, generateUrl(), { ...form(), action: 'preview' })).text);
    const planKey = String(preview('input[name="planKey"]').val());
    const res = await postForm(coordinator, generateUrl(), { ...form(), action: 'save', planKey });
    expect(res.status).toBe(303);
    const saved = await sessionsOf(groupA());
    expect(saved.map((s) => formatDate(s.date))).toEqual(['22.03.2027', '24.03.2027', '31.03.2027', '05.04.2027', '07.04.2027', '12.04.2027']);
    expect(saved.every((s) => s.startMinute === 900 && s.endMinute === 1110 && s.staffId === staffId)).toBe(true);
    const page = html((await coordinator.get(res.headers.location!)).text);
    expect(page('.notice--success').text()).toContain('Zapisano 6 zajęć: Grupa A, 22.03.2027–12.04.2027');
    expect(page('.notice--info').text()).toContain('29.03.2027 – Poniedziałek Wielkanocny');
    // The same form again (double click, back button): nothing added.
    const again = await postForm(coordinator, generateUrl(), { ...form(), action: 'save', planKey });
    expect(again.status).toBe(303);
    expect(await sessionsOf(groupA())).toHaveLength(6);
    expect(html((await coordinator.get(again.headers.location!)).text)('.notice--info').text()).toContain('Nic nie dodano');
  });

  it('moves past Corpus Christi (27.05.2027) and counts by weeks', async () => {
    const thursdays = { ...form(), weekdays: '4', startDate: '2027-05-20', count: '', weeks: '3' };
    const preview = html((await postForm(coordinator, generateUrl(), { ...thursdays, action: 'preview' })).text);
    expect(preview('.skipped').text()).toContain('27.05.2027 (czwartek): Boże Ciało');
    const res = await postForm(coordinator, generateUrl(), { ...thursdays, action: 'save', planKey: String(preview('input[name="planKey"]').val()) });
    expect(res.status).toBe(303);
    const may = (await sessionsOf(groupA())).filter((s) => s.date >= utcDate(2027, 5, 1));
    expect(may.map((s) => isoDate(s.date))).toEqual(['2027-05-20', '2027-06-03', '2027-06-10']);
  });

  it('shows the new dates with 409 when the group\'s timetable changed since the preview', async () => {
    const groupB = edition.groups[1]!.id;
    const bForm = { ...form(), groupId: String(groupB), weekdays: '2', startDate: '2027-04-06', count: '2' };
    const preview = html((await postForm(coordinator, generateUrl(), { ...bForm, action: 'preview' })).text);
    const planKey = String(preview('input[name="planKey"]').val());
    await ctx.db.prisma.classSession.create({ data: { editionId: edition.id, groupId: groupB, date: utcDate(2027, 4, 6), startMinute: 960, endMinute: 1080 } });
    const res = await postForm(coordinator, generateUrl(), { ...bForm, action: 'save', planKey });
    expect(res.status).toBe(409);
    const $ = html(res.text);
    expect($('.error-summary').text()).toContain('Terminy zmieniły się od podglądu');
    expect($('.skipped').text()).toContain('06.04.2027 (wtorek): termin zajęty');
    expect((await sessionsOf(groupB)).map((s) => isoDate(s.date))).toEqual(['2027-04-06']);
  });

  it('will not plan past the edition\'s end and keeps the typed values on bad input', async () => {
    const late = { ...form(), startDate: '2027-06-21', count: '10' };
    const $ = html((await postForm(coordinator, generateUrl(), { ...late, action: 'preview' })).text);
    expect($('.preview .notice--error').text()).toContain('Zajęć po zakończeniu edycji (30.06.2027)');
    expect($('button[value="save"]').length).toBe(0);
    const bad = await postForm(coordinator, generateUrl(), { ...form(), weekdays: [], endMinute: '14:00', count: '5', weeks: '2', action: 'preview' });
    expect(bad.status).toBe(400);
    const b = html(bad.text);
    expect(b('.error-summary a').map((_i, a) => b(a).attr('href')).get()).toEqual(expect.arrayContaining(['#f-weekdays', '#f-endMinute', '#f-count']));
    expect(b('#f-startDate').val()).toBe('2027-03-22');
  });
});

describe('one session at a time', () => {
  it('refuses to move a session onto a holiday or onto the group\'s other session, and moves it otherwise', async () => {
    const [first, second] = await sessionsOf(groupA());
    const move = (fields: Record<string, string>) => postForm(coordinator, `/zajecia/${first!.id}`, {
      date: '2027-05-03', startMinute: '15:00', endMinute: '18:30', moduleId: '', staffId: String(staffId), topic: '', location: '', version: String(first!.version), ...fields,
    });
    const holiday = await move({});
    expect(holiday.status).toBe(400);
    expect(html(holiday.text)('#f-date-error').text()).toContain('03.05.2027 to dzień wolny od pracy (Święto Konstytucji 3 Maja)');
    expect(html(holiday.text)('#f-date').val()).toBe('2027-05-03');
    const clash = await move({ date: isoDate(second!.date), startMinute: '16:00' });
    expect(clash.status).toBe(400);
    expect(html(clash.text)('#f-startMinute-error').text()).toContain('Grupa ma już zajęcia w tym czasie');
    const ok = await move({ date: '2027-05-04', topic: 'Zajęcia przeniesione' });
    expect(ok.status).toBe(303);
    const moved = await ctx.db.prisma.classSession.findUniqueOrThrow({ where: { id: first!.id } });
    expect([isoDate(moved.date), moved.topic, moved.version]).toEqual(['2027-05-04', 'Zajęcia przeniesione', first!.version + 1]);
    const stale = await move({ date: '2027-05-05' });
    expect(stale.status).toBe(409);
  });

  it('cancels with a reason, offers a replacement, restores, and will not cancel a held session', async () => {
    const s = (await sessionsOf(groupA()))[2]!;
    const noReason = await postForm(coordinator, `/zajecia/${s.id}/odwolanie`, { cancelReason: '', version: String(s.version) });
    expect(noReason.status).toBe(400);
    expect(html(noReason.text)('#f-cancelReason-error').text()).toContain('Wpisz powód odwołania');
    expect((await postForm(coordinator, `/zajecia/${s.id}/odwolanie`, { cancelReason: 'choroba prowadzącej', version: String(s.version) })).status).toBe(303);
    const cancelled = await ctx.db.prisma.classSession.findUniqueOrThrow({ where: { id: s.id } });
    expect([cancelled.status, cancelled.cancelReason]).toEqual(['CANCELLED', 'choroba prowadzącej']);
    const page = html((await coordinator.get(`/zajecia/${s.id}`)).text);
    expect(page('a').filter((_i, a) => page(a).text() === 'Dodaj zajęcia zastępcze').attr('href')).toContain(`grupa=${groupA()}`);
    const timetable = html((await coordinator.get(`/edycje/${edition.id}/harmonogram?grupa=${groupA()}`)).text);
    expect(timetable('tr.row--cancelled').text()).toContain('choroba prowadzącej');
    expect((await postForm(coordinator, `/zajecia/${s.id}/przywrocenie`, { version: String(cancelled.version) })).status).toBe(303);
    expect((await ctx.db.prisma.classSession.findUniqueOrThrow({ where: { id: s.id } })).status).toBe('PLANNED');

    const participant = await makeParticipant(ctx.db.prisma);
    await ctx.db.prisma.attendance.create({ data: { sessionId: s.id, participantId: participant.id, status: 'PRESENT' } });
    const fresh = await ctx.db.prisma.classSession.findUniqueOrThrow({ where: { id: s.id } });
    const refused = await postForm(coordinator, `/zajecia/${s.id}/odwolanie`, { cancelReason: 'pomyłka', version: String(fresh.version) });
    expect(refused.status).toBe(409);
    expect(html(refused.text)('.error-summary').text()).toContain('zapisano już obecność');
  });

  it('books an individual session for a participant of the edition with a staff member', async () => {
    const p = await makeParticipant(ctx.db.prisma, { firstName: 'Zdzisław', lastName: 'Żółtowski' });
    await ctx.db.prisma.enrolment.create({ data: { editionId: edition.id, groupId: groupA(), participantId: p.id, startDate: edition.startDate } });
    const base = { target: `p${p.id}`, moduleId: '', date: '2027-04-09', startMinute: '10:00', endMinute: '12:00', topic: 'Bilans kompetencji', location: 'pokój 5' };
    const noStaff = await postForm(coordinator, `/edycje/${edition.id}/zajecia`, { ...base, staffId: '' });
    expect(noStaff.status).toBe(400);
    expect(html(noStaff.text)('#f-staffId-error').text()).toContain('Zajęcia indywidualne prowadzi ktoś z kadry');
    const res = await postForm(coordinator, `/edycje/${edition.id}/zajecia`, { ...base, staffId: String(staffId) });
    expect(res.status).toBe(303);
    const s = await ctx.db.prisma.classSession.findFirstOrThrow({ where: { participantId: p.id } });
    expect([s.groupId, s.staffId, isoDate(s.date)]).toEqual([null, staffId, '2027-04-09']);
    // The staff member cannot be in two places at once.
    const other = await makeParticipant(ctx.db.prisma);
    await ctx.db.prisma.enrolment.create({ data: { editionId: edition.id, groupId: groupA(), participantId: other.id, startDate: edition.startDate } });
    const twice = await postForm(coordinator, `/edycje/${edition.id}/zajecia`, { ...base, target: `p${other.id}`, staffId: String(staffId), startMinute: '11:00' });
    expect(twice.status).toBe(400);
    expect(html(twice.text)('.error-summary').text()).toContain('Prowadzący ma w tym czasie inne zajęcia');
    const outsider = await makeParticipant(ctx.db.prisma);
    const notEnrolled = await postForm(coordinator, `/edycje/${edition.id}/zajecia`, { ...base, target: `p${outsider.id}`, staffId: String(staffId), date: '2027-04-12' });
    expect(notEnrolled.status).toBe(400);
  });

  it('shows the timetable by month with planned and held hours per module', async () => {
    const $ = html((await coordinator.get(`/edycje/${edition.id}/harmonogram`)).text);
    expect($('h2.month-title').map((_i, h) => $(h).text().split(' (')[0]).get()).toEqual(['marzec 2027', 'kwiecień 2027', 'maj 2027', 'czerwiec 2027']);
    const module = edition.modules[0]!;
    const row = $('.hours-table tbody tr').filter((_i, tr) => $(tr).find('th').text() === module.name);
    expect(row.find('td').first().text()).toBe(String(module.plannedHours));
  });
});

describe('a closed edition', () => {
  it('refuses timetable changes', async () => {
    const closed = await makeEdition(ctx.db.prisma, { start: utcDate(2027, 3, 1), end: utcDate(2027, 6, 30), status: 'CLOSED' });
    const s = await ctx.db.prisma.classSession.create({ data: { editionId: closed.id, groupId: closed.groups[0]!.id, date: utcDate(2027, 3, 2), startMinute: 900, endMinute: 1080 } });
    const gen = await postForm(coordinator, `/edycje/${closed.id}/harmonogram/generuj`, {
      groupId: String(closed.groups[0]!.id), startDate: '2027-03-08', weekdays: '1', startMinute: '15:00', endMinute: '18:00', count: '2', action: 'preview',
    });
    expect(gen.status).toBe(409);
    expect(html(gen.text)('.error-summary').text()).toContain('Edycja jest zamknięta');
    const add = await postForm(coordinator, `/edycje/${closed.id}/zajecia`, { target: `g${closed.groups[0]!.id}`, date: '2027-03-09', startMinute: '15:00', endMinute: '18:00' });
    expect(add.status).toBe(409);
    const move = await postForm(coordinator, `/zajecia/${s.id}`, { date: '2027-03-03', startMinute: '15:00', endMinute: '18:00', version: String(s.version) });
    expect(move.status).toBe(409);
    const cancel = await postForm(coordinator, `/zajecia/${s.id}/odwolanie`, { cancelReason: 'x', version: String(s.version) });
    expect(cancel.status).toBe(409);
    const group = await postForm(coordinator, `/edycje/${closed.id}/grupy`, { name: 'Grupa Z', capacity: '3' });
    expect(group.status).toBe(409);
    expect(await ctx.db.prisma.classSession.count({ where: { editionId: closed.id } })).toBe(1);
    expect((await ctx.db.prisma.classSession.findUniqueOrThrow({ where: { id: s.id } })).status).toBe('PLANNED');
  });
});
