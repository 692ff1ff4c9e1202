// Hours of socially useful work through HTTP: one day at a time and the month grid, with the legal
// limits (10 h a week Monday–Sunday, 40 h a calendar month, all the person's placements), refusals that
// keep what was typed, and a closed month that refuses changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheerioAPI } from 'cheerio';
import { utcDate } from '../../src/lib/dates.ts';
import { agentFor, createTestContext, html, postForm, type Agent, type TestContext } from '../helpers/app.ts';
import { addHours, makeAgreement, makePlacement } from './psu-factories.ts';

let ctx: TestContext;
let coordinator: Agent;
let worker: Agent;
let director: Agent;
beforeAll(async () => {
  ctx = await createTestContext();
  coordinator = (await agentFor(ctx, ['COORDINATOR'])).agent;
  worker = (await agentFor(ctx, ['SOCIAL_WORKER'])).agent;
  director = (await agentFor(ctx, ['DIRECTOR'])).agent;
});
afterAll(() => ctx.close());

const d = (m: number, day: number) => utcDate(2025, m, day);
const entriesOf = (placementId: number) => ctx.db.prisma.psuHourEntry.findMany({ where: { placementId }, orderBy: { date: 'asc' } });

async function setup(o: { workplaces?: string[] } = {}) {
  const agreement = await makeAgreement(ctx.db.prisma, o);
  const placement = await makePlacement(ctx.db.prisma, { agreementId: agreement.id, workplaceId: agreement.workplaces[0]!.id });
  return { agreement, placement };
}

const postDay = (agent: Agent, placementId: number, fields: Record<string, string>) =>
  postForm(agent, `/psu/osoby/${placementId}/godziny`, { kind: 'WORK', note: '', ...fields });

describe('one day at a time', () => {
  it('accepts exactly 10 h in a week, refuses the 11th hour with the limit named, and keeps every typed value', async () => {
    const { placement } = await setup();
    // Week Monday 06.10 – Sunday 12.10.2025.
    await addHours(ctx.db.prisma, placement, [[d(10, 6), 3], [d(10, 7), 3], [d(10, 8), 3]]);
    expect((await postDay(worker, placement.id, { date: '2025-10-09', hours: '1' })).status).toBe(303);

    const res = await postDay(worker, placement.id, { date: '2025-10-10', hours: '1', note: 'sprzątanie parku' });
    expect(res.status).toBe(400);
    const $ = html(res.text);
    expect($('#f-hours-error').text()).toContain('limit 10 h tygodniowo przekroczony o 1 h (tydzień 06.10–12.10.2025)');
    expect($('.error-summary a[href="#f-hours"]').text()).toContain('limit 10 h tygodniowo');
    expect($('#f-date').val()).toBe('2025-10-10');
    expect($('#f-hours').val()).toBe('1');
    expect($('#f-note').val()).toBe('sprzątanie parku');
    expect($('input[name="kind"][value="WORK"]').is(':checked')).toBe(true);
    const stored = await entriesOf(placement.id);
    expect(stored.map((e) => e.minutes)).toEqual([180, 180, 180, 60]);
  });

  it('reads "3:30" and "4,5" as minutes and refuses the 41st hour of a month by how much', async () => {
    const { placement } = await setup();
    // 10 h in each of the four full weeks of October 2025 = 40 h.
    await addHours(ctx.db.prisma, placement, [[d(10, 6), 10], [d(10, 13), 10], [d(10, 20), 10], [d(10, 27), 6.5]]);
    expect((await postDay(coordinator, placement.id, { date: '2025-10-28', hours: '3:30' })).status).toBe(303);
    const res = await postDay(coordinator, placement.id, { date: '2025-10-29', hours: '4,5' });
    expect(res.status).toBe(400);
    expect(html(res.text)('#f-hours-error').text()).toContain('limit 40 h miesięcznie przekroczony o 4,5 h');
    expect(html(res.text)('#f-hours').val()).toBe('4,5');
    expect((await entriesOf(placement.id)).reduce((s, e) => s + e.minutes, 0)).toBe(40 * 60);
  });

  it('counts a week that spans two months in full: 6 h on Tue 30.09 + 5 h on Wed 01.10 is over', async () => {
    const { placement } = await setup();
    await addHours(ctx.db.prisma, placement, [[d(9, 30), 6]]);
    const res = await postDay(worker, placement.id, { date: '2025-10-01', hours: '5' });
    expect(res.status).toBe(400);
    expect(html(res.text)('#f-hours-error').text()).toContain('limit 10 h tygodniowo przekroczony o 1 h (tydzień 29.09–05.10.2025)');
    expect((await postDay(worker, placement.id, { date: '2025-10-01', hours: '4' })).status).toBe(303);
  });

  it('counts the same person\'s hours at another workplace (and another agreement) toward the limits', async () => {
    const { agreement, placement } = await setup();
    const other = await makeAgreement(ctx.db.prisma);
    const second = await makePlacement(ctx.db.prisma, { agreementId: other.id, workplaceId: other.workplaces[1]!.id, participantId: placement.participantId });
    await addHours(ctx.db.prisma, second, [[d(10, 13), 8]]);
    const res = await postDay(worker, placement.id, { date: '2025-10-14', hours: '3' });
    expect(res.status).toBe(400);
    expect(html(res.text)('#f-hours-error').text()).toContain('przekroczony o 1 h');
    expect(agreement.id).not.toBe(other.id);
  });

  it('records documented incapacity and absence as unpaid days, replacing hours entered that day', async () => {
    const { placement } = await setup();
    await addHours(ctx.db.prisma, placement, [[d(10, 14), 4]]);
    expect((await postDay(worker, placement.id, { date: '2025-10-14', kind: 'SICKNESS', hours: '', note: 'L4 do 15.10' })).status).toBe(303);
    expect((await postDay(worker, placement.id, { date: '2025-10-16', kind: 'ABSENCE', hours: '' })).status).toBe(303);
    const stored = await entriesOf(placement.id);
    expect(stored.map((e) => [e.kind, e.minutes, e.note])).toEqual([['SICKNESS', 0, 'L4 do 15.10'], ['ABSENCE', 0, null]]);
    const page = html((await worker.get(`/psu/osoby/${placement.id}?miesiac=2025-10`)).text);
    expect(page('main').text()).toContain('niezdolność do pracy');
    const audit = await ctx.db.prisma.auditLog.findMany({ where: { action: 'psu.hours.save', participantId: placement.participantId } });
    expect(audit.map((a) => a.details)).toContainEqual({ date: '2025-10-14', before: '4', after: 'C' });
  });

  it('refuses a day outside the placement, a future working day and unreadable hours, keeping the values', async () => {
    const agreement = await makeAgreement(ctx.db.prisma);
    const placement = await makePlacement(ctx.db.prisma, { agreementId: agreement.id, workplaceId: agreement.workplaces[0]!.id, start: d(10, 1), end: d(10, 31) });
    const outside = await postDay(worker, placement.id, { date: '2025-11-03', hours: '4' });
    expect(outside.status).toBe(400);
    expect(html(outside.text)('#f-date-error').text()).toContain('od 01.10.2025 do 31.10.2025');
    expect(html(outside.text)('#f-date').val()).toBe('2025-11-03');
    const garbage = await postDay(worker, placement.id, { date: '2025-10-03', hours: 'cztery' });
    expect(garbage.status).toBe(400);
    expect(html(garbage.text)('#f-hours-error').text()).toContain('np. 4, 4,5 albo 3:30');
    expect(html(garbage.text)('#f-hours').val()).toBe('cztery');
    const later = await makeAgreement(ctx.db.prisma, { year: 2099 });
    const future = await makePlacement(ctx.db.prisma, { agreementId: later.id, workplaceId: later.workplaces[0]!.id });
    const res = await postDay(worker, future.id, { date: '2099-03-02', hours: '4' });
    expect(res.status).toBe(400);
    expect(html(res.text)('#f-date-error').text()).toContain('jeszcze nie minął');
    expect(await entriesOf(placement.id)).toEqual([]);
  });

  it('a closed month refuses a new day (409) with the values kept, and refuses deleting a day', async () => {
    const { agreement, placement } = await setup();
    await addHours(ctx.db.prisma, placement, [[d(3, 3), 4]]);
    expect((await postForm(coordinator, `/psu/porozumienia/${agreement.id}/rozliczenie/2025-03/zamknij`, {})).status).toBe(303);
    const res = await postDay(worker, placement.id, { date: '2025-03-04', hours: '2', note: 'po zamknięciu' });
    expect(res.status).toBe(409);
    const $ = html(res.text);
    expect($('#f-date-error').text()).toContain('jest zamknięty');
    expect($('#f-hours').val()).toBe('2');
    expect($('#f-note').val()).toBe('po zamknięciu');
    const [entry] = await entriesOf(placement.id);
    const del = await postForm(worker, `/psu/wpisy/${entry!.id}/usun`, {});
    expect(del.status).toBe(303);
    expect(html((await worker.get(del.headers.location!)).text)('.notice--error').text()).toContain('jest zamknięty');
    expect(await entriesOf(placement.id)).toHaveLength(1);
  });

  it('logs who read a person\'s PSU page', async () => {
    const { placement } = await setup();
    const { agent, user } = await agentFor(ctx, ['DIRECTOR']);
    expect((await agent.get(`/psu/osoby/${placement.id}`)).status).toBe(200);
    const read = await ctx.db.prisma.auditLog.findFirst({ where: { action: 'psu.placement.read', userId: user.id } });
    expect(read?.participantId).toBe(placement.participantId);
  });
});

/** The grid form as a browser would send it: every input with its current value. */
function gridFields($: CheerioAPI): Record<string, string> {
  const out: Record<string, string> = {};
  $('form input').each((_i, el) => {
    const name = $(el).attr('name');
    if (name && name !== '_csrf') out[name] = String($(el).val() ?? '');
  });
  return out;
}

describe('the month grid', () => {
  it('saves the grid all at once and shows it back, with weekends and holidays shaded', async () => {
    const { placement, agreement } = await setup();
    const second = await makePlacement(ctx.db.prisma, { agreementId: agreement.id, workplaceId: agreement.workplaces[0]!.id });
    const url = `/psu/miejsca/${agreement.workplaces[0]!.id}/godziny/2025-11`;
    const page = html((await worker.get(url)).text);
    // November 2025: Saturday 1, Sunday 2, Tuesday 11 (Independence Day).
    const free = page('thead th.psu-grid__free').map((_i, th) => String(parseInt(page(th).text(), 10))).get();
    expect(free.slice(0, 4)).toEqual(['1', '2', '8', '9']);
    expect(free).toContain('11');
    expect(page('thead th[title="Narodowe Święto Niepodległości"]').text()).toContain('11');
    const fields = gridFields(page);
    Object.assign(fields, {
      [`h.${placement.id}.3`]: '4', [`h.${placement.id}.4`]: '3:30', [`h.${placement.id}.5`]: 'C',
      [`h.${second.id}.3`]: '2,5', [`h.${second.id}.6`]: 'n',
    });
    const res = await postForm(worker, url, fields);
    expect(res.status).toBe(303);
    const after = html((await worker.get(url)).text);
    expect(after(`#f-h-${placement.id}-4`).val()).toBe('3,5');
    expect(after(`#f-h-${placement.id}-5`).val()).toBe('C');
    expect(after(`#f-h-${second.id}-6`).val()).toBe('N');
    expect((await entriesOf(placement.id)).map((e) => [e.kind, e.minutes])).toEqual([['WORK', 240], ['WORK', 210], ['SICKNESS', 0]]);
    const audit = await ctx.db.prisma.auditLog.findFirst({ where: { action: 'psu.hours.grid', participantId: second.participantId } });
    expect(audit?.details).toMatchObject({ month: '2025-11', changes: [{ date: '2025-11-03', before: null, after: '2,5' }, { date: '2025-11-06', before: null, after: 'N' }] });
    // Clearing a cell removes the day.
    const again = gridFields(after);
    again[`h.${placement.id}.5`] = '';
    expect((await postForm(worker, url, again)).status).toBe(303);
    expect((await entriesOf(placement.id)).map((e) => e.date.getUTCDate())).toEqual([3, 4]);
  });

  it('refuses the whole grid when one person breaks a limit: nothing saved, every cell kept, the offending cells marked', async () => {
    const { placement, agreement } = await setup();
    const fine = await makePlacement(ctx.db.prisma, { agreementId: agreement.id, workplaceId: agreement.workplaces[0]!.id });
    const url = `/psu/miejsca/${agreement.workplaces[0]!.id}/godziny/2025-11`;
    const fields = gridFields(html((await worker.get(url)).text));
    // Week Monday 03.11 – Sunday 09.11: 4 + 4 + 3 = 11 h for the first person; the second is fine.
    Object.assign(fields, {
      [`h.${placement.id}.3`]: '4', [`h.${placement.id}.4`]: '4', [`h.${placement.id}.6`]: '3', [`h.${placement.id}.13`]: '2',
      [`h.${fine.id}.3`]: '5', [`h.${fine.id}.7`]: 'C',
    });
    const res = await postForm(worker, url, fields);
    expect(res.status).toBe(400);
    const $ = html(res.text);
    const name = `${placement.participant.firstName} ${placement.participant.lastName}`;
    expect($('.error-summary').text()).toContain(`${name}: limit 10 h tygodniowo przekroczony o 1 h (tydzień 03.11–09.11.2025)`);
    expect($('.error-summary a').attr('href')).toBe(`#f-h-${placement.id}-3`);
    for (const day of [3, 4, 6]) {
      expect($(`#f-h-${placement.id}-${day}`).attr('aria-invalid')).toBe('true');
      expect($(`#f-h-${placement.id}-${day}`).attr('aria-describedby')).toBe(`row-${placement.id}-error`);
    }
    expect($(`#row-${placement.id}-error`).text()).toContain('przekroczony o 1 h');
    expect($(`#f-h-${placement.id}-13`).attr('aria-invalid')).toBeUndefined();
    expect($(`#f-h-${fine.id}-3`).attr('aria-invalid')).toBeUndefined();
    // Every typed value is back, including the good person's.
    expect($(`#f-h-${placement.id}-6`).val()).toBe('3');
    expect($(`#f-h-${placement.id}-13`).val()).toBe('2');
    expect($(`#f-h-${fine.id}-3`).val()).toBe('5');
    expect($(`#f-h-${fine.id}-7`).val()).toBe('C');
    // All or nothing.
    expect(await entriesOf(placement.id)).toEqual([]);
    expect(await entriesOf(fine.id)).toEqual([]);
  });

  it('marks a month over 40 h and a week across the month boundary counted with the previous month', async () => {
    const { placement, agreement } = await setup();
    await addHours(ctx.db.prisma, placement, [[d(10, 27), 2], [d(10, 28), 4], [d(10, 29), 4]]);
    const url = `/psu/miejsca/${agreement.workplaces[0]!.id}/godziny/2025-11`;
    const fields = gridFields(html((await worker.get(url)).text));
    Object.assign(fields, { [`h.${placement.id}.1`]: '1', [`h.${placement.id}.3`]: '10', [`h.${placement.id}.10`]: '10', [`h.${placement.id}.17`]: '10', [`h.${placement.id}.24`]: '10' });
    // 01.11 is Saturday of the week 27.10–02.11 that already holds 10 h; November totals 41 h.
    const res = await postForm(worker, url, fields);
    expect(res.status).toBe(400);
    const summary = html(res.text)('.error-summary').text();
    expect(summary).toContain('limit 10 h tygodniowo przekroczony o 1 h (tydzień 27.10–02.11.2025)');
    expect(summary).toContain('limit 40 h miesięcznie przekroczony o 1 h');
    expect(html(res.text)(`#f-h-${placement.id}-24`).attr('aria-invalid')).toBe('true');
    expect(summary).not.toContain('tydzień 24.11');
    expect(await ctx.db.prisma.psuHourEntry.count({ where: { placementId: placement.id, date: { gte: d(11, 1) } } })).toBe(0);
  });

  it('refuses unreadable cells, naming the person and the day, and keeps them', async () => {
    const { placement, agreement } = await setup();
    const url = `/psu/miejsca/${agreement.workplaces[0]!.id}/godziny/2025-11`;
    const fields = gridFields(html((await worker.get(url)).text));
    Object.assign(fields, { [`h.${placement.id}.3`]: '4', [`h.${placement.id}.4`]: 'x4', [`h.${placement.id}.5`]: '1,33' });
    const res = await postForm(worker, url, fields);
    expect(res.status).toBe(400);
    const $ = html(res.text);
    expect($('.error-summary').text()).toContain(`${placement.participant.firstName} ${placement.participant.lastName}, 04.11.2025: wpisz godziny`);
    expect($(`#f-h-${placement.id}-4`).val()).toBe('x4');
    expect($(`#f-h-${placement.id}-5`).attr('aria-invalid')).toBe('true');
    expect($(`#f-h-${placement.id}-3`).val()).toBe('4');
    expect(await entriesOf(placement.id)).toEqual([]);
  });

  it('refuses a grid that someone else changed since it was opened, keeping the typed values', async () => {
    const { placement, agreement } = await setup();
    const url = `/psu/miejsca/${agreement.workplaces[0]!.id}/godziny/2025-11`;
    const fields = gridFields(html((await worker.get(url)).text));
    await addHours(ctx.db.prisma, placement, [[d(11, 4), 2]]);
    fields[`h.${placement.id}.3`] = '4';
    const res = await postForm(worker, url, fields);
    expect(res.status).toBe(409);
    expect(html(res.text)('.error-summary').text()).toContain('Ktoś inny zmienił godziny');
    expect(html(res.text)(`#f-h-${placement.id}-3`).val()).toBe('4');
    expect((await entriesOf(placement.id)).map((e) => e.date.getUTCDate())).toEqual([4]);
  });

  it('ignores cells for placements that are not at this workplace', async () => {
    const { agreement } = await setup();
    const elsewhere = await makePlacement(ctx.db.prisma, { agreementId: agreement.id, workplaceId: agreement.workplaces[1]!.id });
    const url = `/psu/miejsca/${agreement.workplaces[0]!.id}/godziny/2025-11`;
    const fields = gridFields(html((await worker.get(url)).text));
    fields[`h.${elsewhere.id}.3`] = '4';
    expect((await postForm(worker, url, fields)).status).toBe(303);
    expect(await entriesOf(elsewhere.id)).toEqual([]);
  });

  it('a closed month shows the grid read-only and refuses a post; the director only reads', async () => {
    const { placement, agreement } = await setup();
    await addHours(ctx.db.prisma, placement, [[d(4, 1), 4]]);
    const url = `/psu/miejsca/${agreement.workplaces[0]!.id}/godziny/2025-04`;
    const fields = gridFields(html((await worker.get(url)).text));
    expect((await postForm(coordinator, `/psu/porozumienia/${agreement.id}/rozliczenie/2025-04/zamknij`, {})).status).toBe(303);
    const page = html((await worker.get(url)).text);
    expect(page('input[name^="h."]').length).toBe(0);
    expect(page('.notice--warn').text()).toContain('jest zamknięty');
    fields[`h.${placement.id}.2`] = '4';
    const res = await postForm(worker, url, fields);
    expect(res.status).toBe(409);
    expect(html(res.text)('.error-summary').text()).toContain('jest zamknięty');
    expect(await entriesOf(placement.id)).toHaveLength(1);

    const open = html((await director.get(`/psu/miejsca/${agreement.workplaces[0]!.id}/godziny/2025-05`)).text);
    expect(open('input[name^="h."]').length).toBe(0);
    expect(open('table.psu-grid tbody tr').length).toBe(1);
    expect((await postForm(director, `/psu/miejsca/${agreement.workplaces[0]!.id}/godziny/2025-05`, {})).status).toBe(403);
  });
});
