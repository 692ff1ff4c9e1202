// Closing an edition through HTTP: unsettled sessions stop it, each person's outcome is required (a drop-out
// needs its reason), eligibility is computed at the threshold's boundary, and afterwards the edition
// refuses attendance and timetable changes while soft results can still be recorded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentFor, createTestContext, html, postForm, type Agent, type TestContext } from '../helpers/app.ts';
import { formFields, makeClub, type ClubFixture } from './editions-fixtures.ts';

let ctx: TestContext;
let coordinator: Agent;
let coordinatorId: number;
let club: ClubFixture;
beforeAll(async () => {
  ctx = await createTestContext();
  const a = await agentFor(ctx, ['COORDINATOR']);
  coordinator = a.agent;
  coordinatorId = a.user.id;
  // Five held sessions and one still planned; three people at 80%, 60% and 40%.
  club = await makeClub(ctx.db.prisma, { size: 3, daysAgo: [15, 13, 11, 9, 7, 5] });
  const [a80, b60, c40] = club.people;
  const held = club.sessions.slice(0, 5);
  for (const [i, s] of held.entries()) {
    await ctx.db.prisma.attendance.createMany({ data: [
      { sessionId: s.id, participantId: a80!.id, status: i < 4 ? 'PRESENT' : 'ABSENT' },
      { sessionId: s.id, participantId: b60!.id, status: i < 3 ? 'PRESENT' : 'EXCUSED' },
      { sessionId: s.id, participantId: c40!.id, status: i < 2 ? 'PRESENT' : 'ABSENT' },
    ] });
  }
  await ctx.db.prisma.classSession.updateMany({ where: { id: { in: held.map((s) => s.id) } }, data: { status: 'HELD' } });
});
afterAll(() => ctx.close());

const closeUrl = () => `/edycje/${club.edition.id}/zamkniecie`;
async function closingForm() {
  const res = await coordinator.get(closeUrl());
  expect(res.status).toBe(200);
  const $ = html(res.text);
  const fields: Record<string, string> = {};
  $('form.close-form input, form.close-form select').each((_i, el) => {
    const name = $(el).attr('name');
    const type = $(el).attr('type');
    if (!name || name === '_csrf') return;
    if ((type === 'radio' || type === 'checkbox') && !$(el).is(':checked')) return;
    fields[name] = String($(el).val() ?? '');
  });
  return { $, fields };
}

describe('closing an edition', () => {
  it('shows each person with their rate and the computed eligibility', async () => {
    const { $, fields } = await closingForm();
    const [a80, b60] = club.people;
    expect($('fieldset.person-outcome').length).toBe(3);
    const fs = (pid: number) => $('fieldset.person-outcome').filter((_i, el) => $(el).find(`input[name="version_${pid}"]`).length > 0);
    expect(fs(a80!.id).text()).toContain('80,00%');
    expect(fs(a80!.id).text()).toContain('zaświadczenie przysługuje');
    expect(fs(b60!.id).text()).toContain('60,00%');
    expect(fs(b60!.id).text()).toContain('Poniżej progu');
    expect(fields[`outcome_${a80!.id}`]).toBe('COMPLETED');
  });

  it('refuses while a session has neither attendance nor cancellation', async () => {
    const { fields } = await closingForm();
    const res = await postForm(coordinator, closeUrl(), fields);
    expect(res.status).toBe(409);
    expect(html(res.text)('.error-summary').text()).toContain('Zajęć bez obecności i bez odwołania: 1');
    expect((await ctx.db.prisma.edition.findUniqueOrThrow({ where: { id: club.edition.id } })).status).not.toBe('CLOSED');
    // The coordinator cancels the last session.
    const last = club.sessions[5]!;
    const s = await ctx.db.prisma.classSession.findUniqueOrThrow({ where: { id: last.id } });
    expect((await postForm(coordinator, `/zajecia/${last.id}/odwolanie`, { cancelReason: 'koniec edycji przyspieszony', version: String(s.version) })).status).toBe(303);
  });

  it('asks for the reason of a drop-out and keeps what was typed', async () => {
    const { fields } = await closingForm();
    const c40 = club.people[2]!;
    const res = await postForm(coordinator, closeUrl(), { ...fields, [`outcome_${c40.id}`]: 'DROPPED_OUT', [`outcomeReason_${c40.id}`]: '', [`surveyStartScore_${c40.id}`]: '2' });
    expect(res.status).toBe(400);
    const $ = html(res.text);
    expect($('.error-summary a').attr('href')).toBe(`#f-outcomeReason_${c40.id}`);
    expect($(`input[name="outcome_${c40.id}"][value="DROPPED_OUT"]`).is(':checked')).toBe(true);
    expect($(`#f-surveyStartScore_${c40.id}`).val()).toBe('2');
  });

  it('closes: outcomes, final attendance, eligibility at the threshold, soft results', async () => {
    const { fields } = await closingForm();
    const [a80, b60, c40] = club.people;
    const res = await postForm(coordinator, closeUrl(), {
      ...fields,
      [`surveyStartScore_${a80!.id}`]: '2', [`surveyEndScore_${a80!.id}`]: '4', [`tookUpEmployment_${a80!.id}`]: 'on', [`employmentDate_${a80!.id}`]: '2026-12-01',
      [`outcome_${c40!.id}`]: 'DROPPED_OUT', [`outcomeReason_${c40!.id}`]: 'brak kontaktu od dwóch tygodni',
    });
    expect(res.status).toBe(303);
    const rows = await ctx.db.prisma.enrolment.findMany({ where: { editionId: club.edition.id } });
    const by = (pid: number) => rows.find((r) => r.participantId === pid)!;
    expect([by(a80!.id).status, by(a80!.id).attendanceFinalBp, by(a80!.id).certificateEligible]).toEqual(['COMPLETED', 8000, true]);
    expect([by(a80!.id).surveyStartScore, by(a80!.id).surveyEndScore, by(a80!.id).tookUpEmployment]).toEqual([2, 4, true]);
    // Completed at 60% (excused absences count as absences here): no certificate.
    expect([by(b60!.id).status, by(b60!.id).attendanceFinalBp, by(b60!.id).certificateEligible]).toEqual(['COMPLETED', 6000, false]);
    expect([by(c40!.id).status, by(c40!.id).outcomeReason, by(c40!.id).certificateEligible]).toEqual(['DROPPED_OUT', 'brak kontaktu od dwóch tygodni', false]);
    const edition = await ctx.db.prisma.edition.findUniqueOrThrow({ where: { id: club.edition.id } });
    expect([edition.status, edition.closedById]).toEqual(['CLOSED', coordinatorId]);
    expect(await ctx.db.prisma.auditLog.count({ where: { action: 'enrolment.close', participantId: { in: club.people.map((p) => p.id) } } })).toBe(3);
    const page = html((await coordinator.get(closeUrl())).text);
    expect(page('h1').text()).toBe('Wyniki edycji');
    expect(page('tbody').text()).toContain('brak kontaktu od dwóch tygodni');
  });

  it('afterwards refuses attendance, timetable and participation changes but records soft results', async () => {
    const session = club.sessions[0]!;
    const sheet = html((await coordinator.get(`/zajecia/${session.id}/obecnosc`)).text);
    const before = await ctx.db.prisma.attendance.findMany({ where: { sessionId: session.id }, orderBy: { participantId: 'asc' } });
    const a80 = club.people[0]!;
    const att = await postForm(coordinator, `/zajecia/${session.id}/obecnosc`, { ...formFields(sheet), [`mark_${a80.id}`]: 'ABSENT' });
    expect(att.status).toBe(409);
    expect(await ctx.db.prisma.attendance.findMany({ where: { sessionId: session.id }, orderBy: { participantId: 'asc' } })).toEqual(before);
    const add = await postForm(coordinator, `/edycje/${club.edition.id}/zajecia`, { target: `g${club.groupId}`, date: session.date.toISOString().slice(0, 10), startMinute: '10:00', endMinute: '11:00' });
    expect(add.status).toBe(409);
    const edition = await ctx.db.prisma.edition.findUniqueOrThrow({ where: { id: club.edition.id } });
    const enrolments = await ctx.db.prisma.enrolment.findMany({ where: { editionId: club.edition.id } });
    const again = await postForm(coordinator, closeUrl(), {
      editionVersion: String(edition.version),
      ...Object.fromEntries(enrolments.flatMap((x) => [[`outcome_${x.participantId}`, 'COMPLETED'], [`version_${x.participantId}`, String(x.version)]])),
    });
    expect(again.status).toBe(409);
    expect(html(again.text)('.error-summary').text()).toContain('Edycja jest zamknięta');
    const e = await ctx.db.prisma.enrolment.findFirstOrThrow({ where: { participantId: a80.id } });
    const move = await postForm(coordinator, `/edycje/${club.edition.id}/uczestnicy/${a80.id}/grupa`, { groupId: String(club.otherGroupId), version: String(e.version) });
    expect(move.status).toBe(409);
    const results = await postForm(coordinator, `/edycje/${club.edition.id}/uczestnicy/${a80.id}/wyniki`, {
      surveyStartScore: '2', surveyEndScore: '5', opinionStart: '', opinionEnd: 'Samodzielnie szuka pracy.', tookUpEmployment: 'on', employmentDate: '2027-01-15', version: String(e.version),
    });
    expect(results.status).toBe(303);
    expect((await ctx.db.prisma.enrolment.findUniqueOrThrow({ where: { id: e.id } })).surveyEndScore).toBe(5);
  });
});

describe('reopening a closed edition (administrator)', () => {
  let admin: Agent;
  beforeAll(async () => {
    ({ agent: admin } = await agentFor(ctx, ['ADMIN']));
  });
  const reopenUrl = () => `/admin/edycje/${club.edition.id}/otwarcie`;
  const edition = () => ctx.db.prisma.edition.findUniqueOrThrow({ where: { id: club.edition.id } });

  it('lists the closed edition with what reopening touches, and asks for a reason, keeping what was typed', async () => {
    const list = html((await admin.get('/admin/edycje')).text);
    const row = list('tbody tr').filter((_i, tr) => list(tr).text().includes(club.edition.name));
    expect(row.length).toBe(1);
    expect(row.find('td.num').first().text()).toBe('2'); // completed: 80% and 60%
    expect(row.find(`a[href="${reopenUrl()}"]`).length).toBe(1);

    const form = html((await admin.get(reopenUrl())).text);
    const version = String(form('input[name="version"]').val());
    const short = await postForm(admin, reopenUrl(), { reason: 'błąd', version });
    expect(short.status).toBe(400);
    const $ = html(short.text);
    expect($('#f-reason-error').text()).toContain('co najmniej 10 znakach');
    expect($('#f-reason').val()).toBe('błąd');
    expect((await edition()).status).toBe('CLOSED');
  });

  it('refuses the other roles', async () => {
    const version = String((await edition()).version);
    expect((await coordinator.get('/admin/edycje')).status).toBe(403);
    expect((await postForm(coordinator, reopenUrl(), { reason: 'Poprawka obecności z 12 listopada.', version })).status).toBe(403);
    expect((await edition()).status).toBe('CLOSED');
  });

  it('reopens: the people who completed are back in the club with eligibility to be computed again; logged with the reason', async () => {
    const before = await edition();
    const stale = await postForm(admin, reopenUrl(), { reason: 'Poprawka obecności z 12 listopada.', version: String(before.version - 1) });
    expect(stale.status).toBe(409);
    expect(html(stale.text)('.error-summary').text()).toContain('Ktoś inny zmienił tę edycję');
    expect(html(stale.text)('#f-reason').val()).toBe('Poprawka obecności z 12 listopada.');

    const res = await postForm(admin, reopenUrl(), { reason: 'Poprawka obecności z 12 listopada.', version: String(before.version) });
    expect(res.status).toBe(303);
    const after = await edition();
    expect([after.status, after.closedAt, after.closedById]).toEqual(['RUNNING', null, null]);
    const rows = await ctx.db.prisma.enrolment.findMany({ where: { editionId: club.edition.id } });
    const [a80, b60, c40] = club.people;
    const by = (pid: number) => rows.find((r) => r.participantId === pid)!;
    expect([by(a80!.id).status, by(a80!.id).certificateEligible, by(a80!.id).attendanceFinalBp, by(a80!.id).surveyEndScore]).toEqual(['ACTIVE', null, null, 5]);
    expect(by(b60!.id).status).toBe('ACTIVE');
    expect([by(c40!.id).status, by(c40!.id).outcomeReason]).toEqual(['DROPPED_OUT', 'brak kontaktu od dwóch tygodni']);
    const log = await ctx.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'edition.reopen', entityId: String(club.edition.id) } });
    expect(log.details).toMatchObject({ reason: 'Poprawka obecności z 12 listopada.', peopleBackInClub: 2 });
    // Reopening an open edition is refused.
    const twice = await postForm(admin, reopenUrl(), { reason: 'Poprawka obecności z 12 listopada.', version: String(after.version) });
    expect(twice.status).toBe(409);
  });

  it('lets the coordinator correct attendance and close again, which computes eligibility anew', async () => {
    const session = club.sessions[4]!; // a80 was absent here: 4 of 5
    const a80 = club.people[0]!;
    const sheet = html((await coordinator.get(`/zajecia/${session.id}/obecnosc`)).text);
    const fix = await postForm(coordinator, `/zajecia/${session.id}/obecnosc`, { ...formFields(sheet), [`mark_${a80.id}`]: 'PRESENT' });
    expect(fix.status).toBe(303);
    const { fields } = await closingForm();
    const c40 = club.people[2]!;
    expect(fields[`outcome_${c40.id}`]).toBe('DROPPED_OUT');
    const res = await postForm(coordinator, closeUrl(), fields);
    expect(res.status, html(res.text)('.error-summary').text()).toBe(303);
    const e = await ctx.db.prisma.enrolment.findFirstOrThrow({ where: { editionId: club.edition.id, participantId: a80.id } });
    expect([e.status, e.attendanceFinalBp, e.certificateEligible]).toEqual(['COMPLETED', 10000, true]);
    expect((await edition()).status).toBe('CLOSED');
  });
});
