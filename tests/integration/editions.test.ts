// Editions through HTTP: creating one with groups and the default programme, validation that keeps the
// typed values, two people editing at once, groups/modules/staff, and who sees people's names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentFor, createTestContext, html, postForm, type Agent, type TestContext } from '../helpers/app.ts';
import { makeClub } from './editions-fixtures.ts';

let ctx: TestContext;
let coordinator: Agent;
beforeAll(async () => {
  ctx = await createTestContext();
  coordinator = (await agentFor(ctx, ['COORDINATOR'])).agent;
});
afterAll(() => ctx.close());

const valid = {
  name: 'KIS – edycja wiosenna 2027', startDate: '2027-03-01', endDate: '2027-05-28', fundingSource: 'EU_ESF',
  funderName: 'Fundusze Europejskie dla Pomorza 2021–2027 (EFS+)', projectTitle: 'Krok Dalej', projectNumber: 'FEPM.05.16-IZ.00-0042/24',
  plannedParticipants: '16', completionThresholdPct: '80', groupCount: '2', groupCapacity: '8', addDefaultProgramme: 'on', notes: '',
};

describe('creating and editing an edition', () => {
  let editionId: number;

  it('creates an edition with 2 × 8 groups and the default programme (24, 12, 48, 24, 36, 36, 6 h)', async () => {
    const res = await postForm(coordinator, '/edycje', valid);
    expect(res.status).toBe(303);
    editionId = Number(res.headers.location!.split('/').pop());
    const e = await ctx.db.prisma.edition.findUniqueOrThrow({ where: { id: editionId }, include: { groups: { orderBy: { name: 'asc' } }, modules: { orderBy: { position: 'asc' } } } });
    expect(e.groups.map((g) => [g.name, g.capacity])).toEqual([['Grupa A', 8], ['Grupa B', 8]]);
    expect(e.modules.map((m) => m.plannedHours)).toEqual([24, 12, 48, 24, 36, 36, 6]);
    expect(e.status).toBe('PLANNED');
    const page = html((await coordinator.get(`/edycje/${editionId}`)).text);
    expect(page('h1').text()).toContain('KIS – edycja wiosenna 2027');
    expect(page('.summary').text()).toContain('FEPM.05.16-IZ.00-0042/24');
    expect(await ctx.db.prisma.auditLog.count({ where: { action: 'edition.create', entityId: String(editionId) } })).toBe(1);
  });

  it('does not create the same edition twice (double submit) and says why', async () => {
    const res = await postForm(coordinator, '/edycje', { ...valid, name: 'kis – EDYCJA wiosenna 2027' });
    expect(res.status).toBe(400);
    expect(html(res.text)('#f-name-error').text()).toContain('Edycja „KIS – edycja wiosenna 2027” już istnieje');
    expect(await ctx.db.prisma.edition.count({ where: { name: valid.name } })).toBe(1);
  });

  it('asks an EU project for its number and keeps every typed value', async () => {
    const res = await postForm(coordinator, '/edycje', { ...valid, projectNumber: '', endDate: '2027-02-01', name: 'Edycja z błędami' });
    expect(res.status).toBe(400);
    const $ = html(res.text);
    const links = $('.error-summary a').map((_i, a) => $(a).attr('href')).get();
    expect(links).toEqual(expect.arrayContaining(['#f-projectNumber', '#f-endDate']));
    expect($('#f-name').val()).toBe('Edycja z błędami');
    expect($('#f-funderName').val()).toBe(valid.funderName);
    expect($('input[name="fundingSource"][value="EU_ESF"]').is(':checked')).toBe(true);
  });

  it('tells the second of two editors that the edition changed, keeping their values', async () => {
    const e = await ctx.db.prisma.edition.findUniqueOrThrow({ where: { id: editionId } });
    const other = (await agentFor(ctx, ['COORDINATOR'])).agent;
    const fields = { ...valid, version: e.version };
    expect((await postForm(coordinator, `/edycje/${editionId}/dane`, { ...fields, plannedParticipants: '15' })).status).toBe(303);
    const res = await postForm(other, `/edycje/${editionId}/dane`, { ...fields, plannedParticipants: '18' });
    expect(res.status).toBe(409);
    expect(html(res.text)('#f-plannedParticipants').val()).toBe('18');
    expect((await ctx.db.prisma.edition.findUniqueOrThrow({ where: { id: editionId } })).plannedParticipants).toBe(15);
  });

  it('adds a group, refuses a duplicate name and a capacity below the people in it', async () => {
    expect((await postForm(coordinator, `/edycje/${editionId}/grupy`, { name: 'Grupa C', capacity: '6', location: 'sala 3' })).status).toBe(303);
    const dup = await postForm(coordinator, `/edycje/${editionId}/grupy`, { name: 'grupa c', capacity: '6' });
    expect(dup.status).toBe(400);
    expect(html(dup.text)('#f-name-error').text()).toContain('jest już „Grupa C”');
    const club = await makeClub(ctx.db.prisma, { size: 3 });
    const shrink = await postForm(coordinator, `/edycje/${club.edition.id}/grupy/${club.groupId}`, { name: 'Grupa A', capacity: '2' });
    expect(shrink.status).toBe(400);
    expect(html(shrink.text)('#f-capacity-error').text()).toContain('uczestniczy 3 osób');
    const remove = await postForm(coordinator, `/edycje/${club.edition.id}/grupy/${club.groupId}/usun`, {});
    expect(remove.status).toBe(409);
  });

  it('adds, changes and removes modules and offers the missing defaults', async () => {
    const club = await makeClub(ctx.db.prisma, { size: 1, daysAgo: [] });
    const res = await postForm(coordinator, `/edycje/${club.edition.id}/program`, { name: 'Doradztwo indywidualne', area: 'INDIVIDUAL', plannedHours: '2', staffId: String(club.staffId) });
    expect(res.status).toBe(303);
    const m = await ctx.db.prisma.programmeModule.findFirstOrThrow({ where: { editionId: club.edition.id, name: 'Doradztwo indywidualne' } });
    expect((await postForm(coordinator, `/edycje/${club.edition.id}/program/${m.id}`, { name: 'Doradztwo zawodowe', area: 'INDIVIDUAL', plannedHours: '3' })).status).toBe(303);
    expect((await ctx.db.prisma.programmeModule.findUniqueOrThrow({ where: { id: m.id } })).plannedHours).toBe(3);
    const page = html((await coordinator.get(`/edycje/${club.edition.id}/program`)).text);
    expect(page('form[action$="/program/domyslne"]').text()).toContain('Diagnoza osobowości (24 h)');
    expect((await postForm(coordinator, `/edycje/${club.edition.id}/program/domyslne`, {})).status).toBe(303);
    // The factory's psycho-social workshops module was there: six defaults added, none twice.
    expect(await ctx.db.prisma.programmeModule.count({ where: { editionId: club.edition.id } })).toBe(8);
    expect((await postForm(coordinator, `/edycje/${club.edition.id}/program/${m.id}/usun`, {})).status).toBe(303);
    const bad = await postForm(coordinator, `/edycje/${club.edition.id}/program`, { name: '', area: '', plannedHours: 'dużo' });
    expect(bad.status).toBe(400);
    expect(html(bad.text)('.error-summary a').length).toBe(3);
  });

  it('keeps a staff register and assigns people to an edition with their role', async () => {
    const created = await postForm(coordinator, '/kadra', { fullName: 'Monika Jasińska', profession: 'doradca zawodowy', email: 'm.jasinska@example.org', phone: '' });
    expect(created.status).toBe(303);
    const twice = await postForm(coordinator, '/kadra', { fullName: 'Monika Jasińska', profession: 'Doradca zawodowy' });
    expect(twice.status).toBe(400);
    expect(await ctx.db.prisma.staffMember.count({ where: { fullName: 'Monika Jasińska' } })).toBe(1);
    const bad = await postForm(coordinator, '/kadra', { fullName: '', profession: 'prawnik', email: 'nie-email' });
    expect(bad.status).toBe(400);
    expect(html(bad.text)('#f-profession').val()).toBe('prawnik');
    const s = await ctx.db.prisma.staffMember.findFirstOrThrow({ where: { fullName: 'Monika Jasińska' } });
    const res = await postForm(coordinator, `/edycje/${editionId}/kadra`, { staffId: String(s.id), role: 'doradca zawodowy – IPD' });
    expect(res.status).toBe(303);
    const page = html((await coordinator.get(`/edycje/${editionId}/kadra`)).text);
    expect(page('tbody').text()).toContain('doradca zawodowy – IPD');
    expect((await postForm(coordinator, `/edycje/${editionId}/kadra/${s.id}/usun`, {})).status).toBe(303);
    expect(await ctx.db.prisma.editionStaff.count({ where: { editionId } })).toBe(0);
  });
});

describe('who sees what on the edition page', () => {
  it('shows names and rates to the coordinator, only numbers to the director', async () => {
    const club = await makeClub(ctx.db.prisma, { size: 2 });
    const coordPage = html((await coordinator.get(`/edycje/${club.edition.id}`)).text);
    expect(coordPage('main').text()).toContain('Łęcka Żaneta');
    const director = (await agentFor(ctx, ['DIRECTOR'])).agent;
    const res = await director.get(`/edycje/${club.edition.id}`);
    expect(res.status).toBe(200);
    const $ = html(res.text);
    expect($('main').text()).not.toContain('Łęcka');
    expect($('main').text()).toContain('2 z 8 miejsc');
    expect((await director.get(`/edycje/${club.edition.id}/frekwencja`)).status).toBe(403);
    expect((await postForm(director, `/edycje/${club.edition.id}/grupy`, { name: 'X', capacity: '3' })).status).toBe(403);
  });

  it('logs who opened a person\'s participation page', async () => {
    const club = await makeClub(ctx.db.prisma, { size: 1 });
    const worker = await agentFor(ctx, ['SOCIAL_WORKER']);
    expect((await worker.agent.get(`/edycje/${club.edition.id}/uczestnicy/${club.people[0]!.id}`)).status).toBe(200);
    const entry = await ctx.db.prisma.auditLog.findFirst({ where: { action: 'enrolment.read', participantId: club.people[0]!.id, userId: worker.user.id } });
    expect(entry).not.toBeNull();
  });
});

describe('moving people between groups', () => {
  it('moves a person within capacity, keeps their past marks, and refuses a full group', async () => {
    const club = await makeClub(ctx.db.prisma, { size: 2, daysAgo: [6] });
    const [a, b] = club.people;
    await ctx.db.prisma.attendance.create({ data: { sessionId: club.sessions[0]!.id, participantId: a!.id, status: 'PRESENT' } });
    await ctx.db.prisma.classSession.update({ where: { id: club.sessions[0]!.id }, data: { status: 'HELD' } });
    await ctx.db.prisma.editionGroup.update({ where: { id: club.otherGroupId }, data: { capacity: 1 } });
    const e = await ctx.db.prisma.enrolment.findFirstOrThrow({ where: { participantId: a!.id } });
    const moved = await postForm(coordinator, `/edycje/${club.edition.id}/uczestnicy/${a!.id}/grupa`, { groupId: String(club.otherGroupId), version: String(e.version) });
    expect(moved.status).toBe(303);
    expect((await ctx.db.prisma.enrolment.findUniqueOrThrow({ where: { id: e.id } })).groupId).toBe(club.otherGroupId);
    const page = html((await coordinator.get(`/edycje/${club.edition.id}/uczestnicy/${a!.id}`)).text);
    expect(page('.summary').text()).toContain('100,00%');
    const eb = await ctx.db.prisma.enrolment.findFirstOrThrow({ where: { participantId: b!.id } });
    const full = await postForm(coordinator, `/edycje/${club.edition.id}/uczestnicy/${b!.id}/grupa`, { groupId: String(club.otherGroupId), version: String(eb.version) });
    expect(full.status).toBe(400);
    expect(html(full.text)('#f-groupId-error').text()).toContain('jest pełna (1 z 1 miejsc)');
  });

  it('records a drop-out with its reason and can undo it', async () => {
    const club = await makeClub(ctx.db.prisma, { size: 1 });
    const p = club.people[0]!;
    const e = await ctx.db.prisma.enrolment.findFirstOrThrow({ where: { participantId: p.id } });
    const noReason = await postForm(coordinator, `/edycje/${club.edition.id}/uczestnicy/${p.id}/zakonczenie`, { outcome: 'DROPPED_OUT', endDate: '2026-01-01', outcomeReason: '', version: String(e.version) });
    expect(noReason.status).toBe(400);
    expect(html(noReason.text)('.error-summary').text()).toContain('Podaj powód przerwania udziału.');
    const ok = await postForm(coordinator, `/edycje/${club.edition.id}/uczestnicy/${p.id}/zakonczenie`, {
      outcome: 'DROPPED_OUT', endDate: club.edition.startDate.toISOString().slice(0, 10), outcomeReason: 'podjął pracę sezonową', version: String(e.version),
    });
    expect(ok.status).toBe(303);
    const ended = await ctx.db.prisma.enrolment.findUniqueOrThrow({ where: { id: e.id } });
    expect([ended.status, ended.outcomeReason]).toEqual(['DROPPED_OUT', 'podjął pracę sezonową']);
    expect((await postForm(coordinator, `/edycje/${club.edition.id}/uczestnicy/${p.id}/wznowienie`, { version: String(ended.version) })).status).toBe(303);
    expect((await ctx.db.prisma.enrolment.findUniqueOrThrow({ where: { id: e.id } })).status).toBe('ACTIVE');
  });
});

describe('the list of editions', () => {
  it('shows current editions by default, closed ones on request, a page of 25 at a time', async () => {
    const base = { fundingSource: 'OWN_BUDGET' as const, plannedParticipants: 8, completionThresholdPct: 80 };
    await ctx.db.prisma.edition.createMany({
      data: Array.from({ length: 30 }, (_v, i) => ({
        ...base, name: `KIS – edycja archiwalna ${String(i + 1).padStart(2, '0')}`, status: 'CLOSED' as const,
        startDate: new Date(Date.UTC(2020, i % 12, 1)), endDate: new Date(Date.UTC(2020, i % 12, 28)),
      })),
    });
    await ctx.db.prisma.edition.create({ data: { ...base, name: 'KIS – edycja planowana 2028', status: 'PLANNED', startDate: new Date(Date.UTC(2028, 0, 1)), endDate: new Date(Date.UTC(2028, 2, 31)) } });
    // Active people per edition, counted for the page's editions only.
    const planned = await ctx.db.prisma.edition.findFirstOrThrow({ where: { name: 'KIS – edycja planowana 2028' } });
    const group = await ctx.db.prisma.editionGroup.create({ data: { editionId: planned.id, name: 'Grupa A', capacity: 8 } });
    for (const [i, status] of (['ACTIVE', 'ACTIVE', 'DROPPED_OUT'] as const).entries()) {
      const p = await ctx.db.prisma.participant.create({ data: { firstName: 'Osoba', lastName: `Licznikowa${i}`, birthDate: new Date(Date.UTC(1980, 0, 1)), sex: 'FEMALE' } });
      await ctx.db.prisma.enrolment.create({ data: { editionId: planned.id, groupId: group.id, participantId: p.id, startDate: new Date(Date.UTC(2028, 0, 1)), status } });
    }
    const current = html((await coordinator.get('/edycje')).text);
    const plannedRow = current('tbody tr').filter((_i, el) => current(el).text().includes('KIS – edycja planowana 2028'));
    expect(plannedRow.find('td').eq(4).text().trim()).toBe('2 / 8');
    const currentNames = current('tbody td:first-child').map((_i, el) => current(el).text()).get();
    expect(currentNames).toContain('KIS – edycja planowana 2028');
    expect(currentNames.some((n) => n.includes('archiwalna'))).toBe(false);

    const closed1 = html((await coordinator.get('/edycje?stan=zamkniete')).text);
    expect(closed1('tbody tr').length).toBe(25);
    expect(closed1('tbody tr').first().find('td').eq(4).text().trim()).toBe('0 / 8');
    expect(closed1('.result-count').text()).toContain('30 edycji, strona 1 z 2');
    const next = closed1('a[rel=next]').attr('href')!;
    expect(next).toBe('/edycje?stan=zamkniete&page=2');
    const closed2 = html((await coordinator.get(next)).text);
    expect(closed2('tbody tr').length).toBe(5);
    expect(closed2('select#f-stan option[selected]').attr('value')).toBe('zamkniete');

    const all = html((await coordinator.get('/edycje?stan=wszystkie&page=99')).text);
    expect(all('.result-count').text()).toMatch(/edycji, strona 2 z 2/);
  });
});
