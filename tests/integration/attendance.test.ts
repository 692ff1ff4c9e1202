// Taking attendance through HTTP with CSRF: one transaction that marks the session held, validation that
// keeps the user's choices, the server-side "all present", two coordinators saving the same session,
// read-only access for social workers, refusals (future session, closed edition) and the dashboards' flags.
import { invalidateAttendanceFlags } from '../../src/features/attendance/attendance-report.service.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, formatDate, warsawDate } from '../../src/lib/dates.ts';
import { agentFor, createTestContext, csrfFrom, html, postForm, type Agent, type TestContext } from '../helpers/app.ts';
import { formFields, makeClub, type ClubFixture } from './editions-fixtures.ts';

let ctx: TestContext;
let coordinator: Agent;
let coordinatorId: number;
let second: Agent;
beforeAll(async () => {
  ctx = await createTestContext();
  const a = await agentFor(ctx, ['COORDINATOR']);
  coordinator = a.agent;
  coordinatorId = a.user.id;
  second = (await agentFor(ctx, ['COORDINATOR'])).agent;
});
afterAll(() => ctx.close());

const sheetUrl = (id: number) => `/zajecia/${id}/obecnosc`;
async function loadSheet(agent: Agent, sessionId: number) {
  const res = await agent.get(sheetUrl(sessionId));
  expect(res.status).toBe(200);
  return html(res.text);
}
const marksOf = async (sessionId: number) =>
  Object.fromEntries((await ctx.db.prisma.attendance.findMany({ where: { sessionId } })).map((a) => [a.participantId, a.status]));

describe('taking attendance', () => {
  let club: ClubFixture;
  beforeAll(async () => {
    club = await makeClub(ctx.db.prisma, { size: 4 });
  });

  it('lists the group with three choices per person in a fieldset each', async () => {
    const $ = await loadSheet(coordinator, club.sessions[0]!.id);
    const legends = $('fieldset.mark-row legend').map((_i, el) => $(el).text().trim()).get();
    expect(legends).toHaveLength(4);
    expect(legends).toContain('Łęcka Żaneta');
    for (const p of club.people) {
      expect($(`input[name="mark_${p.id}"]`).map((_i, el) => $(el).val()).get()).toEqual(['PRESENT', 'ABSENT', 'EXCUSED']);
      expect($(`label[for="m-${p.id}-EXCUSED"]`).text()).toBe('Nieobecność Usprawiedliwiona');
    }
    expect($('button[data-set-all="PRESENT"]').attr('hidden')).toBeDefined();
    expect($('button[name="fill"][value="PRESENT"]').length).toBe(1);
  });

  it('refuses a post without the CSRF token', async () => {
    const res = await coordinator.post(sheetUrl(club.sessions[0]!.id)).type('form').send({ [`mark_${club.people[0]!.id}`]: 'PRESENT' });
    expect(res.status).toBe(403);
    expect(await marksOf(club.sessions[0]!.id)).toEqual({});
  });

  it('fills every choice with "present" without JavaScript, saving nothing yet', async () => {
    const sessionId = club.sessions[0]!.id;
    const res = await postForm(coordinator, sheetUrl(sessionId), { fill: 'PRESENT' });
    expect(res.status).toBe(200);
    const $ = html(res.text);
    expect($('input[type="radio"][value="PRESENT"]:checked').length).toBe(4);
    expect($('.notice--success').text()).toContain('Zaznaczono wszystkich jako obecnych');
    expect(await marksOf(sessionId)).toEqual({});
  });

  it('keeps the choices made and names whoever is not marked', async () => {
    const [a, b, c, d] = club.people;
    const res = await postForm(coordinator, sheetUrl(club.sessions[0]!.id), {
      [`mark_${a!.id}`]: 'PRESENT', [`mark_${b!.id}`]: 'EXCUSED', [`mark_${c!.id}`]: 'ABSENT', topic: 'Autoprezentacja',
    });
    expect(res.status).toBe(400);
    const $ = html(res.text);
    expect($('.error-summary a').attr('href')).toBe(`#f-mark_${d!.id}`);
    expect($(`#f-mark_${d!.id}-error`).text()).toContain(`${d!.firstName} ${d!.lastName}`);
    expect($(`#m-${a!.id}-PRESENT`).is(':checked')).toBe(true);
    expect($(`#m-${b!.id}-EXCUSED`).is(':checked')).toBe(true);
    expect($(`#m-${c!.id}-ABSENT`).is(':checked')).toBe(true);
    expect($('#f-topic').val()).toBe('Autoprezentacja');
    expect(await marksOf(club.sessions[0]!.id)).toEqual({});
  });

  it('saves every mark in one go, marks the session held and logs each change', async () => {
    const [a, b, c, d] = club.people;
    const sessionId = club.sessions[0]!.id;
    const fields = formFields(await loadSheet(coordinator, sessionId));
    const res = await postForm(coordinator, sheetUrl(sessionId), {
      ...fields, [`mark_${a!.id}`]: 'PRESENT', [`mark_${b!.id}`]: 'EXCUSED', [`mark_${c!.id}`]: 'ABSENT', [`mark_${d!.id}`]: 'PRESENT', topic: 'Autoprezentacja',
    });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(sheetUrl(sessionId));
    expect(await marksOf(sessionId)).toEqual({ [a!.id]: 'PRESENT', [b!.id]: 'EXCUSED', [c!.id]: 'ABSENT', [d!.id]: 'PRESENT' });
    const session = await ctx.db.prisma.classSession.findUniqueOrThrow({ where: { id: sessionId } });
    expect(session.status).toBe('HELD');
    expect(session.topic).toBe('Autoprezentacja');
    const audit = await ctx.db.prisma.auditLog.findMany({ where: { action: 'attendance.mark', entityId: String(sessionId) } });
    expect(audit.map((x) => x.participantId).sort()).toEqual(club.people.map((p) => p.id).sort());
    expect(audit.every((x) => x.userId === coordinatorId)).toBe(true);
    const page = html((await coordinator.get(sheetUrl(sessionId))).text);
    expect(page('.notice--success').text()).toContain('obecnych 2 z 4');
    expect(page(`#m-${b!.id}-EXCUSED`).is(':checked')).toBe(true);
  });

  it('a second save of the same form changes nothing (double submit)', async () => {
    const sessionId = club.sessions[0]!.id;
    const fields = formFields(await loadSheet(coordinator, sessionId));
    const before = await ctx.db.prisma.auditLog.count({ where: { action: 'attendance.mark' } });
    expect((await postForm(coordinator, sheetUrl(sessionId), fields)).status).toBe(303);
    expect((await postForm(coordinator, sheetUrl(sessionId), fields)).status).toBe(303);
    expect(await ctx.db.prisma.auditLog.count({ where: { action: 'attendance.mark' } })).toBe(before);
    expect(await ctx.db.prisma.attendance.count({ where: { sessionId } })).toBe(4);
  });
});

describe('two coordinators on the same session', () => {
  let club: ClubFixture;
  beforeAll(async () => {
    club = await makeClub(ctx.db.prisma, { size: 3, daysAgo: [2] });
  });

  it('stops the second save when both changed the same person differently, shows both values and keeps the choices', async () => {
    const [a, b, c] = club.people;
    const sessionId = club.sessions[0]!.id;
    const first = formFields(await loadSheet(coordinator, sessionId));
    const secondForm = formFields(await loadSheet(second, sessionId));

    const saved = await postForm(coordinator, sheetUrl(sessionId), { ...first, [`mark_${a!.id}`]: 'PRESENT', [`mark_${b!.id}`]: 'ABSENT', [`mark_${c!.id}`]: 'PRESENT' });
    expect(saved.status).toBe(303);

    const clash = await postForm(second, sheetUrl(sessionId), { ...secondForm, [`mark_${a!.id}`]: 'PRESENT', [`mark_${b!.id}`]: 'EXCUSED', [`mark_${c!.id}`]: 'ABSENT' });
    expect(clash.status).toBe(409);
    // Nothing of the second save was written: the first coordinator's marks are all there.
    expect(await marksOf(sessionId)).toEqual({ [a!.id]: 'PRESENT', [b!.id]: 'ABSENT', [c!.id]: 'PRESENT' });
    const $ = html(clash.text);
    expect($('.error-summary').text()).toContain('Ktoś inny zapisał obecność');
    const conflictB = $(`#f-mark_${b!.id}-conflict`).text();
    expect(conflictB).toContain('Zapisano w międzyczasie: nieobecność');
    expect(conflictB).toContain('Twój wybór: nieobecność usprawiedliwiona');
    expect($(`#f-mark_${c!.id}-conflict`).text()).toContain('Twój wybór: nieobecność');
    expect($(`#f-mark_${a!.id}-conflict`).length).toBe(0);
    // The second coordinator's choices are still selected …
    expect($(`#m-${b!.id}-EXCUSED`).is(':checked')).toBe(true);
    expect($(`#m-${c!.id}-ABSENT`).is(':checked')).toBe(true);
    // … and saving again is now a deliberate decision that wins.
    const again = await postForm(second, sheetUrl(sessionId), formFields($));
    expect(again.status).toBe(303);
    expect(await marksOf(sessionId)).toEqual({ [a!.id]: 'PRESENT', [b!.id]: 'EXCUSED', [c!.id]: 'ABSENT' });
  });

  it('keeps both when they changed different people', async () => {
    const [a, b] = club.people;
    const sessionId = club.sessions[0]!.id;
    const one = formFields(await loadSheet(coordinator, sessionId));
    const two = formFields(await loadSheet(second, sessionId));
    expect((await postForm(coordinator, sheetUrl(sessionId), { ...one, [`mark_${a!.id}`]: 'EXCUSED' })).status).toBe(303);
    const res = await postForm(second, sheetUrl(sessionId), { ...two, [`mark_${b!.id}`]: 'PRESENT' });
    expect(res.status).toBe(303);
    const marks = await marksOf(sessionId);
    expect(marks[a!.id]).toBe('EXCUSED');
    expect(marks[b!.id]).toBe('PRESENT');
    expect(html((await second.get(sheetUrl(sessionId))).text)('.notice--info').text()).toContain('Zachowano 1 zaznaczeń');
  });

  it('does not let simultaneous saves lose marks (both posted at once)', async () => {
    const [a, b, c] = club.people;
    const sessionId = club.sessions[0]!.id;
    const one = formFields(await loadSheet(coordinator, sessionId));
    const two = formFields(await loadSheet(second, sessionId));
    const tokenOne = await csrfFrom(coordinator, '/');
    const tokenTwo = await csrfFrom(second, '/');
    const [r1, r2] = await Promise.all([
      coordinator.post(sheetUrl(sessionId)).type('form').send({ ...one, [`mark_${a!.id}`]: 'ABSENT', [`mark_${c!.id}`]: 'EXCUSED', _csrf: tokenOne }),
      second.post(sheetUrl(sessionId)).type('form').send({ ...two, [`mark_${a!.id}`]: 'PRESENT', [`mark_${b!.id}`]: 'ABSENT', _csrf: tokenTwo }),
    ]);
    const statuses = [r1.status, r2.status].sort();
    // Both changed person a differently: exactly one save wins, the other is told.
    expect(statuses).toEqual([303, 409]);
    const marks = await marksOf(sessionId);
    if (r1.status === 303) expect([marks[a!.id], marks[c!.id]]).toEqual(['ABSENT', 'EXCUSED']);
    else expect([marks[a!.id], marks[b!.id]]).toEqual(['PRESENT', 'ABSENT']);
  });
});

describe('who may do what', () => {
  it('lets a social worker read the list but not change it', async () => {
    const club = await makeClub(ctx.db.prisma, { size: 2, daysAgo: [1] });
    const worker = (await agentFor(ctx, ['SOCIAL_WORKER'])).agent;
    const $ = await loadSheet(worker, club.sessions[0]!.id);
    expect($('input[type="radio"]:disabled').length).toBe(6);
    expect($('button[type="submit"]').filter((_i, el) => $(el).text().includes('Zapisz')).length).toBe(0);
    const res = await postForm(worker, sheetUrl(club.sessions[0]!.id), { [`mark_${club.people[0]!.id}`]: 'PRESENT', [`mark_${club.people[1]!.id}`]: 'PRESENT' });
    expect(res.status).toBe(403);
    expect(await marksOf(club.sessions[0]!.id)).toEqual({});
  });

  it('refuses attendance for a session that has not happened yet', async () => {
    const club = await makeClub(ctx.db.prisma, { size: 1, daysAgo: [-3] });
    const sessionId = club.sessions[0]!.id;
    const $ = await loadSheet(coordinator, sessionId);
    expect($('.notice--warn').text()).toContain(`Zajęcia odbędą się ${formatDate(addDays(warsawDate(), 3))}`);
    const res = await postForm(coordinator, sheetUrl(sessionId), { [`mark_${club.people[0]!.id}`]: 'PRESENT', [`was_${club.people[0]!.id}`]: '' });
    expect(res.status).toBe(409);
    expect(await marksOf(sessionId)).toEqual({});
  });

  it('a closed edition refuses attendance and keeps the marks it had', async () => {
    const club = await makeClub(ctx.db.prisma, { size: 2, daysAgo: [5] });
    const sessionId = club.sessions[0]!.id;
    const [a, b] = club.people;
    const fields = formFields(await loadSheet(coordinator, sessionId));
    expect((await postForm(coordinator, sheetUrl(sessionId), { ...fields, [`mark_${a!.id}`]: 'PRESENT', [`mark_${b!.id}`]: 'PRESENT' })).status).toBe(303);
    await ctx.db.prisma.edition.update({ where: { id: club.edition.id }, data: { status: 'CLOSED', closedAt: new Date() } });
    const $ = await loadSheet(coordinator, sessionId);
    expect($('.notice--warn').text()).toContain('Edycja jest zamknięta');
    expect($('input[type="radio"]:disabled').length).toBe(6);
    const res = await postForm(coordinator, sheetUrl(sessionId), { ...formFields($), [`mark_${a!.id}`]: 'ABSENT', [`mark_${b!.id}`]: 'PRESENT' });
    expect(res.status).toBe(409);
    expect(html(res.text)('.error-summary').text()).toContain('Edycja jest zamknięta');
    expect(await marksOf(sessionId)).toEqual({ [a!.id]: 'PRESENT', [b!.id]: 'PRESENT' });
  });
});

describe('attendance rates and warnings', () => {
  it('shows each person\'s rate by sessions and hours and flags the one below the threshold', async () => {
    const club = await makeClub(ctx.db.prisma, { size: 2, daysAgo: [12, 10, 8, 6, 4] });
    const [good, poor] = club.people;
    for (const [i, s] of club.sessions.entries()) {
      await ctx.db.prisma.attendance.createMany({ data: [
        { sessionId: s.id, participantId: good!.id, status: i === 0 ? 'EXCUSED' : 'PRESENT' },
        { sessionId: s.id, participantId: poor!.id, status: i < 4 ? 'PRESENT' : 'ABSENT' },
      ] });
    }
    await ctx.db.prisma.classSession.updateMany({ where: { editionId: club.edition.id }, data: { status: 'HELD' } });
    const $ = html((await coordinator.get(`/edycje/${club.edition.id}/frekwencja`)).text);
    const row = (name: string) => $('tbody tr').filter((_i, el) => $(el).find('td').first().text().includes(name)).first();
    // 4 of 5 = 80,00%: exactly at the threshold, not flagged.
    expect(row(good!.lastName).find('td').eq(3).text().trim()).toBe('80,00%');
    expect(row(good!.lastName).text()).not.toContain('poniżej progu');
    expect(row(poor!.lastName).find('td').eq(3).text().trim()).toBe('80,00%');
    // Make the edition count excused absences as present: the first person reaches 100%.
    await ctx.db.prisma.edition.update({ where: { id: club.edition.id }, data: { excusedCountsAsPresent: true, completionThresholdPct: 81 } });
    const after = html((await coordinator.get(`/edycje/${club.edition.id}/frekwencja`)).text);
    const rowAfter = (name: string) => after('tbody tr').filter((_i, el) => after(el).find('td').first().text().includes(name)).first();
    expect(rowAfter(good!.lastName).find('td').eq(3).text().trim()).toBe('100,00%');
    expect(rowAfter(poor!.lastName).text()).toContain('poniżej progu 81%');
  });

  it('flags people to the coordinator and, for their own caseload only, to the social worker', async () => {
    const worker = await agentFor(ctx, ['SOCIAL_WORKER']);
    const otherWorker = await agentFor(ctx, ['SOCIAL_WORKER']);
    const club = await makeClub(ctx.db.prisma, { size: 1, daysAgo: [20, 16, 13, 9], socialWorkerId: worker.user.id });
    const away = club.people[0]!;
    await ctx.db.prisma.attendance.createMany({ data: club.sessions.map((s, i) => ({ sessionId: s.id, participantId: away.id, status: i === 0 ? 'PRESENT' as const : 'ABSENT' as const })) });
    await ctx.db.prisma.classSession.updateMany({ where: { editionId: club.edition.id }, data: { status: 'HELD' } });
    // The app clears the dashboards' flags on each attendance save; this test writes to the database directly.
    invalidateAttendanceFlags();

    const mine = html((await worker.agent.get('/')).text);
    const link = `a[href="/edycje/${club.edition.id}/uczestnicy/${away.id}"]`;
    const flagged = mine('#sw-title').parent().find('tbody tr').filter((_i, el) => mine(el).find(link).length > 0);
    expect(flagged.length).toBe(1);
    expect(flagged.text()).toContain('bez obecności 20 dni');
    expect(flagged.text()).toContain('poniżej progu 80%');

    const others = html((await otherWorker.agent.get('/')).text);
    expect(others('#sw-title').parent().find(link).length).toBe(0);

    const coord = html((await coordinator.get('/')).text);
    expect(coord('#co-title').parent().find(link).length).toBe(1);

    // The centre's setting decides how many days count as "away".
    await ctx.db.prisma.centreSettings.upsert({ where: { id: 1 }, update: { inactivityFlagDays: 21 }, create: { id: 1, name: 'OPS', shortName: 'OPS', street: 'ul. Test 1', postalCode: '00-001', city: 'Borków', clubName: 'KIS', inactivityFlagDays: 21 } });
    const later = html((await worker.agent.get('/')).text);
    const laterRow = later('#sw-title').parent().find('tbody tr').filter((_i, el) => later(el).find(link).length > 0);
    expect(laterRow.text()).not.toContain('bez obecności');
    expect(laterRow.text()).toContain('poniżej progu 80%');
  });
});
