// Agreements, workplaces and placements through HTTP: forms that keep what was typed, conflicts, the
// rules a placement must follow, and the audit trail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { utcDate } from '../../src/lib/dates.ts';
import { agentFor, createTestContext, html, postForm, type Agent, type TestContext } from '../helpers/app.ts';
import { makeParticipant } from '../helpers/factories.ts';
import { addHours, makeAgreement, makePlacement } from './psu-factories.ts';

let ctx: TestContext;
let worker: Agent;
let workerId: number;
let director: Agent;
beforeAll(async () => {
  ctx = await createTestContext();
  const w = await agentFor(ctx, ['SOCIAL_WORKER']);
  worker = w.agent;
  workerId = w.user.id;
  director = (await agentFor(ctx, ['DIRECTOR'])).agent;
});
afterAll(() => ctx.close());

const valid = {
  number: 'PUP-ŁĘ/PSU/2026/03', signedAt: '2026-01-15', pupName: 'Powiatowy Urząd Pracy w Łęcznej', periodStart: '2026-02-01', periodEnd: '2026-11-30',
  plannedPeople: '12', plannedHoursPerMonth: '40', refundBasisPoints: '60,00', ownRateGrosze: '', notes: '',
  workplaces: 'Urząd Gminy Łęczna\nGminny Ośrodek Kultury\n\nUrząd Gminy Łęczna',
};

describe('agreements', () => {
  it('creates an agreement with its workplaces from the form', async () => {
    const res = await postForm(worker, '/psu/porozumienia', valid);
    expect(res.status).toBe(303);
    const agreement = await ctx.db.prisma.psuAgreement.findUniqueOrThrow({ where: { number: valid.number }, include: { workplaces: { orderBy: { name: 'asc' } } } });
    expect(agreement).toMatchObject({ refundBasisPoints: 6000, ownRateGrosze: null, plannedPeople: 12, periodEnd: utcDate(2026, 11, 30) });
    expect(agreement.workplaces.map((w) => w.name)).toEqual(['Gminny Ośrodek Kultury', 'Urząd Gminy Łęczna']);
    expect(res.headers.location).toBe(`/psu/porozumienia/${agreement.id}`);
    const page = html((await director.get(res.headers.location!)).text);
    expect(page('h1').text()).toContain(valid.number);
    expect(page('main').text()).toContain('brak stawki');
    expect(await ctx.db.prisma.auditLog.count({ where: { action: 'psu.agreement.create', userId: workerId } })).toBe(1);
    const list = html((await director.get('/psu')).text);
    expect(list(`a[href="/psu/porozumienia/${agreement.id}"]`).text()).toBe(valid.number);
    expect(list('a[href="/psu/porozumienia/nowe"]').length).toBe(0);
  });

  it('refuses bad input and keeps every typed value', async () => {
    const res = await postForm(worker, '/psu/porozumienia', { ...valid, number: '', periodEnd: '2026-01-01', refundBasisPoints: '120', ownRateGrosze: 'dziesięć' });
    expect(res.status).toBe(400);
    const $ = html(res.text);
    const links = $('.error-summary a').map((_i, a) => $(a).attr('href')).get();
    expect(links).toEqual(expect.arrayContaining(['#f-number', '#f-periodEnd', '#f-refundBasisPoints', '#f-ownRateGrosze']));
    expect($('#f-pupName').val()).toBe(valid.pupName);
    expect($('#f-refundBasisPoints').val()).toBe('120');
    expect($('#f-ownRateGrosze').val()).toBe('dziesięć');
    expect($('#f-workplaces').text()).toContain('Gminny Ośrodek Kultury');
  });

  it('refuses a number that is taken (409) and an edit made over someone else\'s', async () => {
    const dup = await postForm(worker, '/psu/porozumienia', { ...valid, pupName: 'Inny urząd' });
    expect(dup.status).toBe(409);
    expect(html(dup.text)('#f-number-error').text()).toContain('już jest w systemie');
    expect(html(dup.text)('#f-pupName').val()).toBe('Inny urząd');

    const a = await ctx.db.prisma.psuAgreement.findUniqueOrThrow({ where: { number: valid.number } });
    const edit = { ...valid, status: 'ACTIVE', version: String(a.version), ownRateGrosze: '11,00' };
    expect((await postForm(worker, `/psu/porozumienia/${a.id}`, edit)).status).toBe(303);
    const stale = await postForm(worker, `/psu/porozumienia/${a.id}`, { ...edit, refundBasisPoints: '50' });
    expect(stale.status).toBe(409);
    expect(html(stale.text)('.error-summary').text()).toContain('Ktoś inny zmienił to porozumienie');
    expect(html(stale.text)('#f-refundBasisPoints').val()).toBe('50');
    expect(await ctx.db.prisma.psuAgreement.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({ ownRateGrosze: 1100, refundBasisPoints: 6000 });
  });

  it('adds a workplace and refuses the same name twice', async () => {
    const a = await makeAgreement(ctx.db.prisma);
    const ok = await postForm(worker, `/psu/porozumienia/${a.id}/miejsca`, { name: 'Biblioteka Publiczna', address: 'ul. Szkolna 2', supervisor: 'Irena Wąs' });
    expect(ok.status).toBe(303);
    const dup = await postForm(worker, `/psu/porozumienia/${a.id}/miejsca`, { name: 'Biblioteka Publiczna', address: 'inny', supervisor: '' });
    expect(dup.status).toBe(409);
    expect(html(dup.text)('#f-name-error').text()).toContain('już jest w tym porozumieniu');
    expect(html(dup.text)('#f-address').val()).toBe('inny');
    const w = await ctx.db.prisma.psuWorkplace.findFirstOrThrow({ where: { agreementId: a.id, name: 'Biblioteka Publiczna' } });
    expect(w.supervisor).toBe('Irena Wąs');
  });
});

describe('placements', () => {
  it('places a person with a PSU referral and shows them first on the form', async () => {
    const a = await makeAgreement(ctx.db.prisma);
    const person = await makeParticipant(ctx.db.prisma, { lastName: 'Źdźbło' });
    const referral = await ctx.db.prisma.referral.create({ data: { number: `SK/PSU/${person.id}`, kind: 'PSU', participantId: person.id, authorId: workerId, reasons: 'Długotrwale bezrobotny', status: 'SUBMITTED' } });
    // The form starts with the choice of person: those with a PSU referral first, anyone active by search.
    const picker = html((await worker.get(`/psu/porozumienia/${a.id}/osoby/nowa`)).text);
    const offered = picker(`.suggested-people a[href="/psu/porozumienia/${a.id}/osoby/nowa?uczestnik=${person.id}"]`);
    expect(offered.text()).toContain('Źdźbło');
    expect(offered.parent().text()).toContain(`skierowanie SK/PSU/${person.id}`);
    expect(picker('select').length, 'no list of the whole register').toBe(0);
    const other = await makeParticipant(ctx.db.prisma, { lastName: 'Bezskierowania' });
    const found = html((await worker.get(`/psu/porozumienia/${a.id}/osoby/nowa?q=bezskierowania`)).text);
    expect(found(`a[href="/psu/porozumienia/${a.id}/osoby/nowa?uczestnik=${other.id}"]`).length).toBe(1);
    // Chosen (or coming from the referral): the person is named and their open referral preselected.
    for (const url of [offered.attr('href')!, `/psu/porozumienia/${a.id}/osoby/nowa?skierowanie=${referral.id}`]) {
      const form = html((await worker.get(url)).text);
      expect(form('input[name="participantId"]').val(), url).toBe(String(person.id));
      expect(form('main dl').text()).toContain('Źdźbło');
      expect(form('#f-referralId').val(), url).toBe(String(referral.id));
    }
    const res = await postForm(worker, `/psu/porozumienia/${a.id}/osoby`, {
      participantId: person.id, referralId: referral.id, workplaceId: a.workplaces[0]!.id, pupReferralNumber: 'CAZ.5220.2025.7',
      startDate: '2025-03-01', endDate: '2025-08-31', plannedHoursPerMonth: '40',
    });
    expect(res.status).toBe(303);
    const placement = await ctx.db.prisma.psuPlacement.findFirstOrThrow({ where: { participantId: person.id } });
    expect(placement).toMatchObject({ referralId: referral.id, pupReferralNumber: 'CAZ.5220.2025.7', workplaceId: a.workplaces[0]!.id });
    expect(await ctx.db.prisma.auditLog.count({ where: { action: 'psu.placement.create', participantId: person.id } })).toBe(1);

    // The same person at the same place for an overlapping period: refused (and a double submit too).
    const again = await postForm(worker, `/psu/porozumienia/${a.id}/osoby`, {
      participantId: person.id, workplaceId: a.workplaces[0]!.id, startDate: '2025-06-01', endDate: '2025-09-30', plannedHoursPerMonth: '20',
    });
    expect(again.status).toBe(409);
    expect(html(again.text)('.error-summary').text()).toContain('ma już skierowanie do tego miejsca');
    expect(html(again.text)('#f-plannedHoursPerMonth').val()).toBe('20');
  });

  it('refuses dates outside the agreement, a referral of someone else and more than 40 h, keeping the values', async () => {
    const a = await makeAgreement(ctx.db.prisma);
    const person = await makeParticipant(ctx.db.prisma);
    const other = await makeParticipant(ctx.db.prisma);
    const referral = await ctx.db.prisma.referral.create({ data: { number: `SK/PSU/X/${other.id}`, kind: 'PSU', participantId: other.id, authorId: workerId, reasons: 'x', status: 'ACCEPTED' } });
    const base = { participantId: person.id, workplaceId: a.workplaces[1]!.id, pupReferralNumber: 'ABC', startDate: '2024-12-01', endDate: '2025-03-31', plannedHoursPerMonth: '40' };
    const outside = await postForm(worker, `/psu/porozumienia/${a.id}/osoby`, base);
    expect(outside.status).toBe(400);
    expect(html(outside.text)('#f-startDate-error').text()).toContain('Porozumienie obowiązuje od 01.01.2025');
    expect(html(outside.text)('#f-pupReferralNumber').val()).toBe('ABC');
    expect(html(outside.text)('input[name="participantId"]').val()).toBe(String(person.id));
    const wrongReferral = await postForm(worker, `/psu/porozumienia/${a.id}/osoby`, { ...base, startDate: '2025-01-01', referralId: referral.id });
    expect(wrongReferral.status).toBe(400);
    expect(html(wrongReferral.text)('#f-referralId-error').text()).toContain('tej samej osoby');
    const tooMany = await postForm(worker, `/psu/porozumienia/${a.id}/osoby`, { ...base, startDate: '2025-01-01', plannedHoursPerMonth: '41' });
    expect(tooMany.status).toBe(400);
    expect(html(tooMany.text)('#f-plannedHoursPerMonth-error').text()).toContain('od 1 do 40');
    expect(await ctx.db.prisma.psuPlacement.count({ where: { participantId: person.id } })).toBe(0);
  });

  it('will not shorten a placement past days already entered, and ending one needs a reason', async () => {
    const a = await makeAgreement(ctx.db.prisma);
    const p = await makePlacement(ctx.db.prisma, { agreementId: a.id, workplaceId: a.workplaces[0]!.id });
    await addHours(ctx.db.prisma, p, [[utcDate(2025, 6, 10), 4]]);
    const edit = { workplaceId: String(a.workplaces[0]!.id), pupReferralNumber: '', startDate: '2025-01-01', endDate: '2025-05-31', plannedHoursPerMonth: '40', status: 'ACTIVE', endReason: '', version: String(p.version) };
    const shorter = await postForm(worker, `/psu/osoby/${p.id}`, edit);
    expect(shorter.status).toBe(400);
    expect(html(shorter.text)('#f-endDate-error').text()).toContain('Są wpisane godziny z dnia 10.06.2025');
    const noReason = await postForm(worker, `/psu/osoby/${p.id}`, { ...edit, endDate: '2025-06-30', status: 'ENDED' });
    expect(noReason.status).toBe(400);
    expect(html(noReason.text)('#f-endReason-error').text()).toContain('Podaj powód zakończenia');
    const ended = await postForm(worker, `/psu/osoby/${p.id}`, { ...edit, endDate: '2025-06-30', status: 'ENDED', endReason: 'podjęcie zatrudnienia' });
    expect(ended.status).toBe(303);
    expect(await ctx.db.prisma.psuPlacement.findUniqueOrThrow({ where: { id: p.id } })).toMatchObject({ status: 'ENDED', endDate: utcDate(2025, 6, 30), version: 2 });
    const log = await ctx.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'psu.placement.update', participantId: p.participantId } });
    expect(log.details).toMatchObject({ status: ['ACTIVE', 'ENDED'], endDate: ['2025-12-31', '2025-06-30'] });
  });

  it('the director reads the agreement and placement but sees no editing controls', async () => {
    const a = await makeAgreement(ctx.db.prisma);
    const p = await makePlacement(ctx.db.prisma, { agreementId: a.id, workplaceId: a.workplaces[0]!.id });
    const page = html((await director.get(`/psu/osoby/${p.id}?miesiac=2025-03`)).text);
    expect(page('h1').text()).toContain(p.participant.lastName);
    expect(page('form[action$="/godziny"]').length).toBe(0);
    const agreementPage = html((await director.get(`/psu/porozumienia/${a.id}`)).text);
    expect(agreementPage(`form[action="/psu/porozumienia/${a.id}/miejsca"]`).length).toBe(0);
    expect((await postForm(director, `/psu/porozumienia/${a.id}/osoby`, {})).status).toBe(403);
  });
});

describe('dashboard', () => {
  it('tells the organiser which finished months still wait to be closed', async () => {
    const a = await makeAgreement(ctx.db.prisma);
    const p = await makePlacement(ctx.db.prisma, { agreementId: a.id, workplaceId: a.workplaces[0]!.id });
    await addHours(ctx.db.prisma, p, [[utcDate(2025, 9, 2), 4]]);
    const $ = html((await worker.get('/')).text);
    expect($(`#psu-title`).text()).toBe('Prace społecznie użyteczne');
    expect($(`a[href="/psu/porozumienia/${a.id}/rozliczenie/2025-09"]`).text()).toContain('wrzesień 2025');
    expect($(`a[href^="/psu/porozumienia/${a.id}/rozliczenie/2025-08"]`).length).toBe(0);
    expect(html((await director.get('/')).text)('#psu-title').length).toBe(0);
    // The figures are kept for a minute, but hours entered in the app show on the next dashboard at once.
    expect((await postForm(worker, `/psu/osoby/${p.id}/godziny`, { date: '2025-10-06', kind: 'WORK', hours: '3' })).status).toBe(303);
    const after = html((await worker.get('/')).text);
    expect(after(`a[href="/psu/porozumienia/${a.id}/rozliczenie/2025-10"]`).text()).toContain('październik 2025');
  });
});
