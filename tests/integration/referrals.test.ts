// Referrals through HTTP: drafts and submission, numbering, the coordinator's queue and decisions with
// capacity and contract checks inside the transaction, the reserve list's order, and refused transitions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentFor, createTestContext, html, postForm, type Agent, type TestContext } from '../helpers/app.ts';
import { makeContract, makeEdition, makeParticipant } from '../helpers/factories.ts';
import { addDays, utcDate, warsawDate } from '../../src/lib/dates.ts';

let ctx: TestContext;
let worker: Agent;
let workerId: number;
let coordinator: Agent;
let coordinatorId: number;
const year = warsawDate().getUTCFullYear();

beforeAll(async () => {
  ctx = await createTestContext();
  ({ agent: worker, user: { id: workerId } } = await agentFor(ctx, ['SOCIAL_WORKER']));
  ({ agent: coordinator, user: { id: coordinatorId } } = await agentFor(ctx, ['COORDINATOR']));
});
afterAll(() => ctx.close());

const today = () => warsawDate().toISOString().slice(0, 10);

function referralBody(participantId: number, o: Record<string, unknown> = {}) {
  return {
    participantId, kind: 'KIS', eligibilityBases: ['LONG_TERM_UNEMPLOYED'], reasons: 'Długotrwałe bezrobocie; potrzeba odbudowy nawyków.',
    consentGiven: 'on', consentDate: today(), gdprInfoDate: today(), intent: 'submit', ...o,
  };
}

/** A person with an active contract and a submitted club referral; returns the referral id. */
async function submittedReferral(o: { contract?: boolean; contractEnd?: Date; editionId?: number } = {}) {
  const p = await makeParticipant(ctx.db.prisma, { socialWorkerId: workerId });
  if (o.contract !== false) await makeContract(ctx.db.prisma, { participantId: p.id, socialWorkerId: workerId, start: utcDate(2026, 1, 1), end: o.contractEnd });
  const res = await postForm(worker, '/skierowania', referralBody(p.id, { editionId: o.editionId ?? '' }));
  expect(res.status, res.text.slice(0, 300)).toBe(303);
  return { id: Number(res.headers.location!.split('/').pop()), participantId: p.id };
}

const referral = (id: number) => ctx.db.prisma.referral.findUniqueOrThrow({ where: { id } });

describe('writing a referral', () => {
  it('saves a draft without consent, numbers it, and will not submit it until consent and RODO dates are recorded', async () => {
    const p = await makeParticipant(ctx.db.prisma, { socialWorkerId: workerId });
    const res = await postForm(worker, '/skierowania', referralBody(p.id, { consentGiven: '', consentDate: '', gdprInfoDate: '', intent: 'draft' }));
    expect(res.status).toBe(303);
    const id = Number(res.headers.location!.split('/').pop());
    const r = await referral(id);
    expect(r.status).toBe('DRAFT');
    expect(r.number).toMatch(new RegExp(`^SK/${year}/\\d{4}$`));
    const show = html((await worker.get(`/skierowania/${id}`)).text);
    expect(show('h1').text()).toContain(r.number);

    const submit = await postForm(worker, `/skierowania/${id}/zloz`, { version: r.version });
    expect(submit.status).toBe(400);
    const $ = html(submit.text);
    expect($('.error-summary a[href="#f-consentGiven"]').length).toBe(1);
    expect($('.error-summary a[href="#f-gdprInfoDate"]').length).toBe(1);
    expect((await referral(id)).status).toBe('DRAFT');

    const fixed = await postForm(worker, `/skierowania/${id}`, { ...referralBody(p.id), version: r.version });
    expect(fixed.status).toBe(303);
    const after = await referral(id);
    expect(after.status).toBe('SUBMITTED');
    expect(after.consentDate?.toISOString().slice(0, 10)).toBe(today());
    expect(after.submittedAt).not.toBeNull();
  });

  it('starts the form from the person with their active contract chosen', async () => {
    const p = await makeParticipant(ctx.db.prisma, { socialWorkerId: workerId });
    const c = await makeContract(ctx.db.prisma, { participantId: p.id, socialWorkerId: workerId });
    const $ = html((await worker.get(`/skierowania/nowe?uczestnik=${p.id}`)).text);
    expect($('input[name="participantId"]').val()).toBe(String(p.id));
    expect($('#f-contractId').val()).toBe(String(c.id));
    expect($('#f-consentDate').val()).toBe(today());
  });

  it("starts from a search for the person: the worker's own caseload first, then anyone active by name or PESEL", async () => {
    const mine = await makeParticipant(ctx.db.prisma, { socialWorkerId: workerId, lastName: 'Wybieralska' });
    const other = await makeParticipant(ctx.db.prisma, { lastName: 'Zwyborska-Nowak' });
    const choose = (p: { id: number }) => `a[href="/skierowania/nowe?uczestnik=${p.id}"]`;

    const start = html((await worker.get('/skierowania/nowe')).text);
    expect(start('h1').text()).toBe('Nowe skierowanie: wybierz osobę');
    expect(start('.result-count').text()).toContain('Twoi podopieczni');
    expect(start(choose(mine)).length).toBe(1);
    expect(start(choose(other)).length, 'someone else\'s case is found by search, not listed').toBe(0);
    expect(start('select').length, 'no list of the whole register').toBe(0);

    const byName = html((await worker.get('/skierowania/nowe?q=zwyborska')).text);
    expect(byName(choose(other)).length).toBe(1);
    expect(byName(choose(other)).text()).toContain(`Wybierz: ${other.firstName} ${other.lastName}`);
    expect(byName(choose(mine)).length).toBe(0);
    expect(byName('#f-q').val()).toBe('zwyborska');
    const byPesel = html((await worker.get(`/skierowania/nowe?q=${other.pesel!.slice(0, 9)}`)).text);
    expect(byPesel(choose(other)).length).toBe(1);

    // A closed case is not offered; nothing found says what to do.
    await ctx.db.prisma.participant.update({ where: { id: other.id }, data: { status: 'CLOSED' } });
    const none = html((await worker.get('/skierowania/nowe?q=zwyborska')).text);
    expect(none(choose(other)).length).toBe(0);
    expect(none('.empty-state').text()).toContain('Nikogo nie znaleziono');

    // A worker without a caseload of their own (new in the team) sees everyone active.
    const { agent: newcomer } = await agentFor(ctx, ['SOCIAL_WORKER']);
    const newcomerStart = html((await newcomer.get('/skierowania/nowe')).text);
    expect(newcomerStart('.result-count').text()).toContain('Osoby z aktywną sprawą');
    expect(newcomerStart('a.button[href^="/skierowania/nowe?uczestnik="]').length).toBeGreaterThan(0);
  });

  it('names the missing person beside the field when the form comes without one', async () => {
    const res = await postForm(worker, '/skierowania', referralBody(999_999_999));
    expect(res.status).toBe(400);
    const $ = html(res.text);
    expect($('.error-summary a[href="#f-participantId"]').length).toBe(1);
    expect($('a[href="/skierowania/nowe"]').text()).toContain('Wybierz osobę');
    expect($('#f-reasons').val()).toBe(referralBody(0).reasons);
  });

  it('keeps typed values and names each missing field', async () => {
    const p = await makeParticipant(ctx.db.prisma);
    const res = await postForm(worker, '/skierowania', referralBody(p.id, { eligibilityBases: [], reasons: '', consentDate: '2999-01-01' }));
    expect(res.status).toBe(400);
    const $ = html(res.text);
    expect($('.error-summary a[href="#f-eligibilityBases"]').length).toBe(1);
    expect($('.error-summary a[href="#f-reasons"]').length).toBe(1);
    expect($('#f-consentDate-error').text()).toContain('przyszłości');
    expect($('input[name="participantId"]').val()).toBe(String(p.id));
    expect($('#f-consentDate').val()).toBe('2999-01-01');
  });

  it('refuses a second open referral of the same kind for the same person, linking to the first', async () => {
    const { id, participantId } = await submittedReferral();
    const again = await postForm(worker, '/skierowania', referralBody(participantId));
    expect(again.status).toBe(409);
    expect(html(again.text)(`a[href="/skierowania/${id}"]`).length).toBe(1);
    expect(await ctx.db.prisma.referral.count({ where: { participantId } })).toBe(1);
    // A PSU referral for the same person is a different matter.
    const psu = await postForm(worker, '/skierowania', referralBody(participantId, { kind: 'PSU' }));
    expect(psu.status).toBe(303);
  });

  it('numbers referrals consecutively after the highest number of the year, without duplicates', async () => {
    const p = await makeParticipant(ctx.db.prisma);
    await ctx.db.prisma.referral.create({ data: { number: `SK/${year}/0500`, kind: 'PSU', participantId: p.id, authorId: workerId, reasons: 'import' } });
    const numbers: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { id } = await submittedReferral();
      numbers.push((await referral(id)).number);
    }
    expect(numbers).toEqual([`SK/${year}/0501`, `SK/${year}/0502`, `SK/${year}/0503`]);
  });
});

describe('the coordinator deciding', () => {
  it('shows submitted referrals oldest first, with the contract state', async () => {
    const a = await submittedReferral();
    const b = await submittedReferral({ contract: false });
    const $ = html((await coordinator.get('/skierowania/kolejka')).text);
    const rows = $('tbody tr').map((_i, tr) => $(tr).find('td:first-child a').text().trim()).get();
    const [na, nb] = [(await referral(a.id)).number, (await referral(b.id)).number];
    expect(rows.indexOf(na)).toBeLessThan(rows.indexOf(nb));
    const rowB = $('tbody tr').filter((_i, tr) => $(tr).text().includes(nb));
    expect(rowB.text()).toContain('brak aktywnego');
  });

  it('accepts into a group and creates the enrolment in the same step', async () => {
    const edition = await makeEdition(ctx.db.prisma, { start: utcDate(2026, 3, 3), groups: [{ name: 'Grupa A', capacity: 2 }] });
    const { id, participantId } = await submittedReferral({ editionId: edition.id });
    const r = await referral(id);
    const res = await postForm(coordinator, `/skierowania/${id}/przyjmij`, { groupId: edition.groups[0]!.id, startDate: '2026-03-10', version: r.version });
    expect(res.status).toBe(303);
    const after = await referral(id);
    expect(after).toMatchObject({ status: 'ACCEPTED', groupId: edition.groups[0]!.id, editionId: edition.id, decidedById: coordinatorId });
    expect(after.contractId).not.toBeNull();
    const enrolment = await ctx.db.prisma.enrolment.findFirstOrThrow({ where: { referralId: id } });
    expect(enrolment).toMatchObject({ participantId, groupId: edition.groups[0]!.id, editionId: edition.id, status: 'ACTIVE' });
    expect(enrolment.startDate.toISOString().slice(0, 10)).toBe('2026-03-10');
    const audit = await ctx.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'referral.accept', entityId: String(id) } });
    expect(audit.participantId).toBe(participantId);
    // Pressing the button again is refused, and no second enrolment appears.
    const again = await postForm(coordinator, `/skierowania/${id}/przyjmij`, { groupId: edition.groups[0]!.id, startDate: '2026-03-10', version: r.version });
    expect(again.status).toBe(409);
    expect(await ctx.db.prisma.enrolment.count({ where: { participantId } })).toBe(1);
  });

  it('refuses a full group and leaves the referral waiting', async () => {
    const edition = await makeEdition(ctx.db.prisma, { groups: [{ name: 'Grupa A', capacity: 1 }] });
    const first = await submittedReferral();
    const second = await submittedReferral();
    const group = edition.groups[0]!.id;
    expect((await postForm(coordinator, `/skierowania/${first.id}/przyjmij`, { groupId: group, startDate: '2026-03-03', version: (await referral(first.id)).version })).status).toBe(303);
    const res = await postForm(coordinator, `/skierowania/${second.id}/przyjmij`, { groupId: group, startDate: '2026-03-03', version: (await referral(second.id)).version });
    expect(res.status).toBe(409);
    expect(html(res.text)('.error-summary').text()).toContain('jest pełna: 1 z 1 miejsc zajętych');
    expect((await referral(second.id)).status).toBe('SUBMITTED');
    expect(await ctx.db.prisma.enrolment.count({ where: { groupId: group } })).toBe(1);
  });

  it('counts only active enrolments against capacity', async () => {
    const edition = await makeEdition(ctx.db.prisma, { groups: [{ name: 'Grupa A', capacity: 1 }] });
    const gone = await makeParticipant(ctx.db.prisma);
    await ctx.db.prisma.enrolment.create({ data: { editionId: edition.id, groupId: edition.groups[0]!.id, participantId: gone.id, startDate: edition.startDate, status: 'DROPPED_OUT' } });
    const { id } = await submittedReferral();
    const res = await postForm(coordinator, `/skierowania/${id}/przyjmij`, { groupId: edition.groups[0]!.id, startDate: '2026-03-03', version: (await referral(id)).version });
    expect(res.status).toBe(303);
  });

  it('refuses a person without an active contract covering the start date', async () => {
    const edition = await makeEdition(ctx.db.prisma, { start: utcDate(2026, 3, 3) });
    const group = edition.groups[0]!.id;
    const none = await submittedReferral({ contract: false });
    const r1 = await postForm(coordinator, `/skierowania/${none.id}/przyjmij`, { groupId: group, startDate: '2026-03-03', version: (await referral(none.id)).version });
    expect(r1.status).toBe(409);
    expect(html(r1.text)('.error-summary').text()).toContain('nie ma aktywnego kontraktu socjalnego obowiązującego w dniu 03.03.2026');
    // A contract that ends before the start date does not cover it.
    const short = await submittedReferral({ contractEnd: utcDate(2026, 3, 1) });
    const r2 = await postForm(coordinator, `/skierowania/${short.id}/przyjmij`, { groupId: group, startDate: '2026-03-03', version: (await referral(short.id)).version });
    expect(r2.status).toBe(409);
    // A broken contract does not count either.
    const broken = await submittedReferral({ contract: false });
    await makeContract(ctx.db.prisma, { participantId: broken.participantId, socialWorkerId: workerId, status: 'BROKEN' });
    const r3 = await postForm(coordinator, `/skierowania/${broken.id}/przyjmij`, { groupId: group, startDate: '2026-03-03', version: (await referral(broken.id)).version });
    expect(r3.status).toBe(409);
    expect(await ctx.db.prisma.enrolment.count({ where: { participantId: { in: [none.participantId, short.participantId, broken.participantId] } } })).toBe(0);
  });

  it('refuses a start date outside the edition', async () => {
    const edition = await makeEdition(ctx.db.prisma, { start: utcDate(2026, 3, 3) });
    const { id } = await submittedReferral();
    const res = await postForm(coordinator, `/skierowania/${id}/przyjmij`, { groupId: edition.groups[0]!.id, startDate: '2026-01-15', version: (await referral(id)).version });
    expect(res.status).toBe(400);
    expect(html(res.text)('#f-startDate-error').text()).toContain('musi mieścić się w czasie edycji');
  });

  it('rejects only with a reason, which the worker then sees', async () => {
    const { id } = await submittedReferral();
    const r = await referral(id);
    const bad = await postForm(coordinator, `/skierowania/${id}/odrzuc`, { rejectionReason: '', version: r.version });
    expect(bad.status).toBe(400);
    expect(html(bad.text)('#f-rejectionReason-error').text()).toContain('Podaj powód odrzucenia');
    const ok = await postForm(coordinator, `/skierowania/${id}/odrzuc`, { rejectionReason: 'Osoba pobiera zasiłek dla bezrobotnych.', version: r.version });
    expect(ok.status).toBe(303);
    const page = html((await worker.get(`/skierowania/${id}`)).text);
    expect(page('.summary').text()).toContain('Osoba pobiera zasiłek dla bezrobotnych.');
  });

  it('refuses illegal transitions', async () => {
    const { id } = await submittedReferral();
    const r = await referral(id);
    const resubmit = await postForm(worker, `/skierowania/${id}/zloz`, { version: r.version });
    expect(resubmit.status).toBe(409);
    expect(html(resubmit.text)('main').text()).toContain('Nie można złożyć skierowania, które ma status „złożone, czeka na decyzję”');
    await postForm(coordinator, `/skierowania/${id}/odrzuc`, { rejectionReason: 'Brak podstaw.', version: r.version });
    const rejected = await referral(id);
    const accept = await postForm(coordinator, `/skierowania/${id}/przyjmij`, { groupId: 1, startDate: '2026-03-03', version: rejected.version });
    expect(accept.status).toBe(409);
    const withdraw = await postForm(worker, `/skierowania/${id}/wycofaj`, { withdrawalReason: 'Rezygnacja', version: rejected.version });
    expect(withdraw.status).toBe(409);
    expect(html(withdraw.text)('main').text()).toContain('Nie można wycofać skierowania, które ma status „odrzucone”');
    expect((await referral(id)).status).toBe('REJECTED');
    // The edit form of a submitted referral is not offered either.
    expect((await worker.get(`/skierowania/${id}/edycja`)).status).toBe(303);
  });

  it('lets the worker withdraw a waiting referral with a reason', async () => {
    const { id } = await submittedReferral();
    const r = await referral(id);
    const bad = await postForm(worker, `/skierowania/${id}/wycofaj`, { withdrawalReason: '', version: r.version });
    expect(bad.status).toBe(400);
    const ok = await postForm(worker, `/skierowania/${id}/wycofaj`, { withdrawalReason: 'Osoba podjęła pracę.', version: r.version });
    expect(ok.status).toBe(303);
    expect(await referral(id)).toMatchObject({ status: 'WITHDRAWN', withdrawalReason: 'Osoba podjęła pracę.' });
  });

  it('logs every look at a referral with the person it concerns', async () => {
    const { id, participantId } = await submittedReferral();
    await coordinator.get(`/skierowania/${id}`);
    const audit = await ctx.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'referral.read', entityId: String(id), userId: coordinatorId } });
    expect(audit.participantId).toBe(participantId);
  });
});

describe('the reserve list', () => {
  it('keeps the order people were put on it, can be reordered, and accepts from it when a place frees up', async () => {
    const edition = await makeEdition(ctx.db.prisma, { groups: [{ name: 'Grupa R', capacity: 1 }] });
    const group = edition.groups[0]!.id;
    const holder = await submittedReferral({ editionId: edition.id });
    await postForm(coordinator, `/skierowania/${holder.id}/przyjmij`, { groupId: group, startDate: '2026-03-03', version: (await referral(holder.id)).version });
    const waiting = [];
    for (let i = 0; i < 3; i++) {
      const w = await submittedReferral({ editionId: edition.id });
      expect((await postForm(coordinator, `/skierowania/${w.id}/rezerwa`, { version: (await referral(w.id)).version })).status).toBe(303);
      waiting.push(w);
    }
    const ranks = await Promise.all(waiting.map(async (w) => (await referral(w.id)).reserveRank!));
    expect(ranks[0]).toBeLessThan(ranks[1]!);
    expect(ranks[1]).toBeLessThan(ranks[2]!);

    const order = async () => {
      const $ = html((await coordinator.get('/skierowania/rezerwowa')).text);
      const section = $('h2').filter((_i, h) => $(h).text() === edition.name).parent();
      return section.find('tbody tr').map((_i, tr) => Number($(tr).attr('id')!.slice(2))).get();
    };
    expect(await order()).toEqual(waiting.map((w) => w.id));

    // The third moves above the second.
    expect((await postForm(coordinator, `/skierowania/${waiting[2]!.id}/rezerwa/wyzej`, {})).status).toBe(303);
    expect(await order()).toEqual([waiting[0]!.id, waiting[2]!.id, waiting[1]!.id]);

    // The group is full until someone leaves.
    const full = await postForm(coordinator, `/skierowania/${waiting[0]!.id}/przyjmij`, { groupId: group, startDate: '2026-03-17', version: (await referral(waiting[0]!.id)).version });
    expect(full.status).toBe(409);
    await ctx.db.prisma.enrolment.updateMany({ where: { referralId: holder.id }, data: { status: 'DROPPED_OUT', endDate: utcDate(2026, 3, 16) } });
    const ok = await postForm(coordinator, `/skierowania/${waiting[0]!.id}/przyjmij`, { groupId: group, startDate: '2026-03-17', version: (await referral(waiting[0]!.id)).version });
    expect(ok.status).toBe(303);
    expect(await referral(waiting[0]!.id)).toMatchObject({ status: 'ACCEPTED', reserveRank: null });
    expect(await order()).toEqual([waiting[2]!.id, waiting[1]!.id]);
  });

  it('a new reserve entry goes to the end even after reordering', async () => {
    const w = await submittedReferral();
    await postForm(coordinator, `/skierowania/${w.id}/rezerwa`, { version: (await referral(w.id)).version });
    const max = await ctx.db.prisma.referral.aggregate({ where: { status: 'RESERVE', kind: 'KIS' }, _max: { reserveRank: true } });
    expect((await referral(w.id)).reserveRank).toBe(max._max.reserveRank);
  });

  it('is refused to a social worker trying to decide', async () => {
    const { id } = await submittedReferral();
    const res = await postForm(worker, `/skierowania/${id}/rezerwa`, { version: (await referral(id)).version });
    expect(res.status).toBe(403);
    expect((await referral(id)).status).toBe('SUBMITTED');
  });
});

describe('the person card after the workflow', () => {
  it('shows referral, contract and enrolment with attendance in order of time', async () => {
    const edition = await makeEdition(ctx.db.prisma, { start: utcDate(2026, 3, 3) });
    const { id, participantId } = await submittedReferral({ editionId: edition.id });
    await postForm(coordinator, `/skierowania/${id}/przyjmij`, { groupId: edition.groups[0]!.id, startDate: '2026-03-03', version: (await referral(id)).version });
    // Four held sessions: present, present, excused, absent → 50,00%.
    const statuses = ['PRESENT', 'PRESENT', 'EXCUSED', 'ABSENT'] as const;
    for (const [i, status] of statuses.entries()) {
      const s = await ctx.db.prisma.classSession.create({ data: { editionId: edition.id, groupId: edition.groups[0]!.id, date: addDays(utcDate(2026, 3, 3), i * 2), startMinute: 900, endMinute: 1110, status: 'HELD' } });
      await ctx.db.prisma.attendance.create({ data: { sessionId: s.id, participantId, status } });
    }
    const $ = html((await worker.get(`/uczestnicy/${participantId}`)).text);
    const items = $('.timeline__item');
    const kinds = items.map((_i, li) => $(li).find('.timeline__meta').text()).get();
    expect(kinds.filter((k) => /Skierowanie|Kontrakt socjalny|Udział w KIS/.test(k))).toHaveLength(3);
    // Newest first: each entry's date is on or before the one above it.
    const dates = items.map((_i, li) => $(li).find('time').first().attr('datetime')).get();
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(kinds.at(-1)).toContain('Kontrakt socjalny');
    const enrolment = items.filter((_i, li) => $(li).find('.timeline__meta').text().includes('Udział w KIS')).text();
    expect(enrolment).toContain('50,00%');
    expect(enrolment).toContain('obecny(-a) na 2 z 4 zajęć');
    expect(enrolment).toContain('usprawiedliwione: 1');
  });
});
