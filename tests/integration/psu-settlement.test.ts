// The monthly PSU settlement through HTTP: the domain's worked example, totals that are the sums of
// the rows, closing (frozen rows and totals, later entries refused), reopening only by an administrator
// with a reason in the audit log, and documents whose PDF text matches the CSV totals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { utcDate } from '../../src/lib/dates.ts';
import { computeSettlement } from '../../src/features/public-works/settlement.service.ts';
import { agentFor, createTestContext, html, postForm, type Agent, type TestContext } from '../helpers/app.ts';
import { binaryParser, pdfText } from '../helpers/pdf.ts';
import { addHours, makeAgreement, makePlacement } from './psu-factories.ts';

let ctx: TestContext;
let coordinator: Agent;
let admin: Agent;
let adminId: number;
let director: Agent;
beforeAll(async () => {
  ctx = await createTestContext();
  coordinator = (await agentFor(ctx, ['COORDINATOR'])).agent;
  const a = await agentFor(ctx, ['ADMIN']);
  admin = a.agent;
  adminId = a.user.id;
  director = (await agentFor(ctx, ['DIRECTOR'])).agent;
});
afterAll(() => ctx.close());

const d = (m: number, day: number) => utcDate(2025, m, day);
/** The shared PDF body parser, typed the way supertest's parse() expects. */
const binary = binaryParser as unknown as Parameters<ReturnType<Agent['get']>['parse']>[0];
const plain = (s: string) => s.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim();
/** "1 234,56 zł" → 123456 */
const grosze = (s: string) => Number(plain(s).replace(/[^\d,-]/g, '').replace(',', ''));

async function settlementPage(agent: Agent, agreementId: number, month: string) {
  const res = await agent.get(`/psu/porozumienia/${agreementId}/rozliczenie/${month}`);
  expect(res.status).toBe(200);
  const $ = html(res.text);
  const rows = $('main table tbody tr').map((_i, tr) => [$(tr).find('td').map((_j, td) => plain($(td).text())).get()]).get() as string[][];
  return { $, rows, total: { amount: grosze($('#total-amount').text()), refund: grosze($('#total-refund').text()), own: grosze($('#total-own').text()) } };
}

describe('the settlement of a month', () => {
  it('matches the domain example: weeks of 10, 10, 10 and 6 h at 8,30 zł = 298,80 zł, refund 60% 179,28 zł, own share 119,52 zł', async () => {
    const agreement = await makeAgreement(ctx.db.prisma, { ownRateGrosze: 830, refundBasisPoints: 6000 });
    const p = await makePlacement(ctx.db.prisma, { agreementId: agreement.id, workplaceId: agreement.workplaces[0]!.id });
    await addHours(ctx.db.prisma, p, [[d(10, 6), 5], [d(10, 7), 5], [d(10, 13), 10], [d(10, 20), 10], [d(10, 27), 6]]);
    const { rows, total, $ } = await settlementPage(coordinator, agreement.id, '2025-10');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.slice(4)).toEqual(['36 h', '298,80 zł', '179,28 zł', '119,52 zł']);
    expect(total).toEqual({ amount: 29880, refund: 17928, own: 11952 });
    expect($('main').text()).toContain('Kwoty zaokrąglone do pełnych groszy dla każdej osoby');
  });

  it('rounds each person half up and makes every total the sum of its rows (rate from the dated table)', async () => {
    expect((await postForm(admin, '/admin/stawki-psu', { validFrom: '2023-06-01', rateGrosze: '10,90', note: 'obwieszczenie 2023' })).status).toBe(303);
    expect((await postForm(admin, '/admin/stawki-psu', { validFrom: '2018-06-01', rateGrosze: '8,30', note: '' })).status).toBe(303);
    const agreement = await makeAgreement(ctx.db.prisma, { ownRateGrosze: null, refundBasisPoints: 6000 });
    const minutes = [[1, 25], [2, 33], [3, 61], [4, 599], [5, 7]] as const;
    for (const [i, m] of minutes) {
      const p = await makePlacement(ctx.db.prisma, { agreementId: agreement.id, workplaceId: agreement.workplaces[i % 2]!.id });
      await ctx.db.prisma.psuHourEntry.create({ data: { placementId: p.id, participantId: p.participantId, date: d(9, i), minutes: m } });
    }
    const { rows, total } = await settlementPage(coordinator, agreement.id, '2025-09');
    expect(rows).toHaveLength(5);
    const sum = (col: number) => rows.reduce((s, r) => s + grosze(r[col]!), 0);
    expect(total.amount).toBe(sum(5));
    expect(total.refund).toBe(sum(6));
    expect(total.own).toBe(sum(7));
    expect(total.refund + total.own).toBe(total.amount);
    // 25 min × 10,90 zł = 4,541(6) zł → 4,54 zł; 33 min = 5,995 zł → 6,00 zł (half up).
    const s = await computeSettlement(ctx.db.prisma, agreement.id, 2025, 9);
    expect(s.rateGrosze).toBe(1090);
    expect(s.rows.map((r) => r.amountGrosze).sort((a, b) => a - b)).toEqual([127, 454, 600, 1108, 10882]);
  });

  it('closing freezes the rows and totals; later entries are refused; the frozen month ignores a new rate', async () => {
    const agreement = await makeAgreement(ctx.db.prisma, { ownRateGrosze: null });
    const a = await makePlacement(ctx.db.prisma, { agreementId: agreement.id, workplaceId: agreement.workplaces[0]!.id, lastName: 'Żak' });
    const b = await makePlacement(ctx.db.prisma, { agreementId: agreement.id, workplaceId: agreement.workplaces[1]!.id, lastName: 'Ąbel' });
    await addHours(ctx.db.prisma, a, [[d(6, 2), 4], [d(6, 3), 3.5]]);
    await addHours(ctx.db.prisma, b, [[d(6, 9), 10]]);
    await ctx.db.prisma.psuHourEntry.create({ data: { placementId: b.id, participantId: b.participantId, date: d(6, 16), kind: 'SICKNESS', minutes: 0 } });

    const close = await postForm(coordinator, `/psu/porozumienia/${agreement.id}/rozliczenie/2025-06/zamknij`, {});
    expect(close.status).toBe(303);
    const month = await ctx.db.prisma.psuMonth.findFirstOrThrow({ where: { agreementId: agreement.id, year: 2025, month: 6 }, include: { rows: true } });
    expect(month.status).toBe('CLOSED');
    expect(month.rows).toHaveLength(2);
    expect(month.totalBenefitGrosze).toBe(month.rows.reduce((s, r) => s + r.amountGrosze, 0));
    expect(month.refundGrosze).toBe(month.rows.reduce((s, r) => s + r.refundGrosze, 0));
    expect(month.ownShareGrosze).toBe(month.totalBenefitGrosze! - month.refundGrosze!);
    expect(month.totalMinutes).toBe(17.5 * 60);
    expect(month.rows.find((r) => r.participantId === a.participantId)).toMatchObject({ minutes: 450, rateGrosze: 1090, amountGrosze: 8175, refundGrosze: 4905 });
    const audit = await ctx.db.prisma.auditLog.findFirst({ where: { action: 'psu.month.close', entityId: String(month.id) } });
    expect(audit?.details).toMatchObject({ month: '2025-06', people: 2, totalBenefitGrosze: month.totalBenefitGrosze });

    // Closing twice (a double click) changes nothing and says why.
    const again = await postForm(coordinator, `/psu/porozumienia/${agreement.id}/rozliczenie/2025-06/zamknij`, {});
    expect(again.status).toBe(303);
    const page = await settlementPage(coordinator, agreement.id, '2025-06');
    expect(page.$('.notice--error').text()).toContain('jest zamknięty');
    expect(await ctx.db.prisma.psuSettlementRow.count({ where: { monthId: month.id } })).toBe(2);
    expect(page.rows.map((r) => r[1]!.split(' ')[0])).toEqual(['Ąbel', 'Żak']);
    expect(page.$('main').text()).toContain('niezdolność: 1 dn.');

    const refused = await postForm(coordinator, `/psu/osoby/${a.id}/godziny`, { date: '2025-06-04', kind: 'WORK', hours: '1' });
    expect(refused.status).toBe(409);

    // A new rate for June 2025 does not touch the closed month, only open ones.
    expect((await postForm(admin, '/admin/stawki-psu', { validFrom: '2025-06-01', rateGrosze: '12,00' })).status).toBe(303);
    const frozen = await computeSettlement(ctx.db.prisma, agreement.id, 2025, 6);
    expect(frozen.frozen).toBe(true);
    expect(frozen.totals.amountGrosze).toBe(month.totalBenefitGrosze);
    await addHours(ctx.db.prisma, a, [[d(7, 1), 1]]);
    expect((await computeSettlement(ctx.db.prisma, agreement.id, 2025, 7)).rows[0]!.amountGrosze).toBe(1200);
  });

  it('refuses to close a month that has not ended or has no rate', async () => {
    const future = await makeAgreement(ctx.db.prisma, { year: 2099 });
    const res = await postForm(coordinator, `/psu/porozumienia/${future.id}/rozliczenie/2099-03/zamknij`, {});
    expect(html((await coordinator.get(res.headers.location!)).text)('.notice--error').text()).toContain('jeszcze trwa');
    const old = await makeAgreement(ctx.db.prisma, { year: 2016, ownRateGrosze: null });
    const p = await makePlacement(ctx.db.prisma, { agreementId: old.id, workplaceId: old.workplaces[0]!.id });
    await addHours(ctx.db.prisma, p, [[utcDate(2016, 3, 1), 4]]);
    const noRate = await postForm(coordinator, `/psu/porozumienia/${old.id}/rozliczenie/2016-03/zamknij`, {});
    expect(html((await coordinator.get(noRate.headers.location!)).text)('.notice--error').text()).toContain('Brak stawki godzinowej');
    expect(await ctx.db.prisma.psuMonth.count({ where: { agreementId: { in: [future.id, old.id] }, status: 'CLOSED' } })).toBe(0);
  });

  it('only an administrator reopens a closed month, with a reason, and it is logged', async () => {
    const agreement = await makeAgreement(ctx.db.prisma);
    const p = await makePlacement(ctx.db.prisma, { agreementId: agreement.id, workplaceId: agreement.workplaces[0]!.id });
    await addHours(ctx.db.prisma, p, [[d(5, 5), 4]]);
    await postForm(coordinator, `/psu/porozumienia/${agreement.id}/rozliczenie/2025-05/zamknij`, {});
    const month = await ctx.db.prisma.psuMonth.findFirstOrThrow({ where: { agreementId: agreement.id, year: 2025, month: 5 } });
    expect(month.status).toBe('CLOSED');

    expect((await coordinator.get(`/admin/psu-miesiace/${month.id}/otworz`)).status).toBe(403);
    expect((await postForm(coordinator, `/admin/psu-miesiace/${month.id}/otworz`, { reason: 'Chcę poprawić godziny', version: month.version })).status).toBe(403);
    expect((await postForm(director, `/admin/psu-miesiace/${month.id}/otworz`, { reason: 'Chcę poprawić godziny', version: month.version })).status).toBe(403);

    const list = html((await admin.get('/admin/stawki-psu')).text);
    expect(list(`a[href="/admin/psu-miesiace/${month.id}/otworz"]`).length).toBe(1);
    const noReason = await postForm(admin, `/admin/psu-miesiace/${month.id}/otworz`, { reason: 'krótko', version: month.version });
    expect(noReason.status).toBe(400);
    expect(html(noReason.text)('#f-reason-error').text()).toContain('co najmniej 10 znakach');
    expect(html(noReason.text)('#f-reason').val()).toBe('krótko');

    const reason = 'PUP zakwestionował godziny z 05.05 – korekta karty';
    expect((await postForm(admin, `/admin/psu-miesiace/${month.id}/otworz`, { reason, version: month.version })).status).toBe(303);
    const reopened = await ctx.db.prisma.psuMonth.findUniqueOrThrow({ where: { id: month.id }, include: { rows: true } });
    expect(reopened).toMatchObject({ status: 'OPEN', reopenReason: reason, totalBenefitGrosze: null });
    expect(reopened.rows).toEqual([]);
    const log = await ctx.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'psu.month.reopen', entityId: String(month.id) } });
    expect(log.userId).toBe(adminId);
    expect(log.details).toMatchObject({ reason, closed: { totalBenefitGrosze: 3320, totalMinutes: 240 } });
    // Reopened: the hours can change again, and the page says why it was reopened.
    expect((await postForm(coordinator, `/psu/osoby/${p.id}/godziny`, { date: '2025-05-05', kind: 'WORK', hours: '3' })).status).toBe(303);
    const page = await settlementPage(coordinator, agreement.id, '2025-05');
    expect(page.$('.notice--warn').text()).toContain(reason);
    expect(page.total.amount).toBe(2490);
    // A stale form (old version) is refused.
    const stale = await postForm(admin, `/admin/psu-miesiace/${month.id}/otworz`, { reason, version: month.version });
    expect(stale.status).toBe(409);
  });
});

describe('documents', () => {
  it('the settlement PDF, read back as text, shows the same totals as the CSV; the claim lists people, PESEL, hours and amounts', async () => {
    const agreement = await makeAgreement(ctx.db.prisma, { ownRateGrosze: 1090, refundBasisPoints: 6000 });
    const people = [];
    for (const [i, hours] of [[0, 36], [1, 7.5], [0, 0.25]] as const) {
      const p = await makePlacement(ctx.db.prisma, { agreementId: agreement.id, workplaceId: agreement.workplaces[i]!.id });
      await addHours(ctx.db.prisma, p, [[d(8, 4), Math.min(hours, 10)], ...(hours > 10 ? [[d(8, 11), 10], [d(8, 18), 10], [d(8, 25), 6]] as [Date, number][] : [])]);
      people.push(p);
    }
    await postForm(coordinator, `/psu/porozumienia/${agreement.id}/rozliczenie/2025-08/zamknij`, {});
    const base = `/psu/porozumienia/${agreement.id}/rozliczenie/2025-08`;

    const csvRes = await director.get(`${base}/rozliczenie.csv`);
    expect(csvRes.status).toBe(200);
    expect(csvRes.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csvRes.text.charCodeAt(0)).toBe(0xfeff);
    const lines = csvRes.text.slice(1).split('\r\n').map((l) => l.split(';'));
    expect(lines[0]![0]).toBe('Lp.');
    const dataRows = lines.filter((l) => /^\d+$/.test(l[0]!));
    expect(dataRows).toHaveLength(3);
    expect(dataRows.map((r) => r[3])).toEqual(expect.arrayContaining([`"=""${people[0]!.participant.pesel}"""`]));
    const totalRow = lines.find((l) => l[1] === 'Razem')!;
    const cents = (v: string) => Number(v.replace(',', ''));
    expect(totalRow[5]).toBe('43,75');
    for (const col of [7, 8, 9]) expect(cents(totalRow[col]!)).toBe(dataRows.reduce((s, r) => s + cents(r[col]!), 0));

    const pdfRes = await director.get(`${base}/rozliczenie.pdf`).buffer(true).parse(binary);
    expect(pdfRes.headers['content-type']).toBe('application/pdf');
    const { text } = await pdfText(pdfRes.body as Buffer);
    const pdfTotal = plain(text.split('\n').find((l) => l.startsWith('Razem'))!);
    const money = (csv: string) => `${csv.replace(/\B(?=(\d{3})+(?!\d),)/g, ' ')} zł`;
    expect(pdfTotal).toContain(`${money(totalRow[7]!)} ${money(totalRow[8]!)} ${money(totalRow[9]!)}`);
    expect(pdfTotal).toContain('43,75');
    expect(plain(text)).toContain('Kwoty zaokrąglone do pełnych groszy dla każdej osoby');
    expect(plain(text)).toContain(`nr ${agreement.number}`);
    expect(plain(text)).toContain('sierpień 2025');

    const claimCsv = await director.get(`${base}/wniosek.csv`);
    const claimTotal = claimCsv.text.split('\r\n').map((l) => l.split(';')).find((l) => l[1] === 'Razem')!;
    expect(claimTotal.slice(5)).toEqual([totalRow[7], totalRow[8]]);
    const claim = await pdfText((await director.get(`${base}/wniosek.pdf`).buffer(true).parse(binary)).body as Buffer);
    const claimText = plain(claim.text);
    expect(claimText).toContain('Wniosek o refundację świadczeń');
    expect(claimText).toContain(people[1]!.participant.pesel!);
    expect(claimText).toContain(`Wnioskowana kwota refundacji (60,00%): ${money(totalRow[8]!)}`);
    expect(claimText).not.toContain('PROJEKT');
    const exports = await ctx.db.prisma.auditLog.count({ where: { action: 'psu.settlement.export', entityId: String(agreement.id) } });
    expect(exports).toBe(4);
  });

  it("a closed month's PDF is laid out once, and again when a name printed in it is corrected or the month reopened", async () => {
    const agreement = await makeAgreement(ctx.db.prisma);
    const p = await makePlacement(ctx.db.prisma, { agreementId: agreement.id, workplaceId: agreement.workplaces[0]!.id });
    await addHours(ctx.db.prisma, p, [[d(9, 2), 4]]);
    const base = `/psu/porozumienia/${agreement.id}/rozliczenie/2025-09`;
    expect((await postForm(coordinator, `${base}/zamknij`, {})).status).toBe(303);
    const get = async () => (await director.get(`${base}/rozliczenie.pdf`).buffer(true).parse(binary)).body as Buffer;
    const first = await get();
    // The file carries the second it was made: the same bytes a second later mean it was kept, not made again.
    await new Promise((r) => setTimeout(r, 1100));
    expect((await get()).equals(first)).toBe(true);
    expect(plain((await pdfText(first)).text)).toContain(p.participant.lastName);

    await ctx.db.prisma.participant.update({ where: { id: p.participantId }, data: { lastName: 'Poprawiona-Żak', version: { increment: 1 } } });
    const corrected = plain((await pdfText(await get())).text);
    expect(corrected).toContain('Poprawiona-Żak');
    expect(corrected).not.toContain(p.participant.lastName);

    const month = await ctx.db.prisma.psuMonth.findFirstOrThrow({ where: { agreementId: agreement.id, year: 2025, month: 9 } });
    expect((await postForm(admin, `/admin/psu-miesiace/${month.id}/otworz`, { reason: 'Korekta godzin z 2 września.', version: month.version })).status).toBe(303);
    expect(plain((await pdfText(await get())).text)).toContain('PROJEKT – miesiąc nie jest zamknięty');
  });

  it("an open month's PDF is kept while nothing in it changes, and made again after any change to its hours or rates", async () => {
    const agreement = await makeAgreement(ctx.db.prisma, { ownRateGrosze: null, year: 2024 });
    const p = await makePlacement(ctx.db.prisma, { agreementId: agreement.id, workplaceId: agreement.workplaces[0]!.id });
    const url = `/psu/porozumienia/${agreement.id}/rozliczenie/2024-10/rozliczenie.pdf`;
    const get = async () => (await coordinator.get(url).buffer(true).parse(binary)).body as Buffer;
    const total = async (b: Buffer) => plain((await pdfText(b)).text.split('\n').find((l) => l.startsWith('Razem'))!);
    const hours = (date: string, h: string) => postForm(coordinator, `/psu/osoby/${p.id}/godziny`, { date, kind: 'WORK', hours: h });
    expect((await hours('2024-10-07', '4')).status).toBe(303);
    const first = await get();
    await new Promise((r) => setTimeout(r, 1100));
    expect((await get()).equals(first), 'kept while unchanged').toBe(true);
    expect(await total(first)).toContain('4');
    // A new day, then the same day changed (same number of entries), then a day removed.
    expect((await hours('2024-10-08', '3')).status).toBe(303);
    expect(await total(await get())).toMatch(/\b7\b/);
    expect((await hours('2024-10-08', '5')).status).toBe(303);
    expect(await total(await get())).toMatch(/\b9\b/);
    const entry = await ctx.db.prisma.psuHourEntry.findFirstOrThrow({ where: { placementId: p.id, date: utcDate(2024, 10, 8) } });
    expect((await postForm(coordinator, `/psu/wpisy/${entry.id}/usun`, {})).status).toBe(303);
    const afterDelete = await total(await get());
    expect(afterDelete).toMatch(/\b4\b/);
    // A new rate in the table from that month changes the amounts.
    expect((await postForm(admin, '/admin/stawki-psu', { validFrom: '2024-10-01', rateGrosze: '12,34' })).status).toBe(303);
    expect(await total(await get())).toContain('49,36');
  });

  it('a document of an open month says it is a draft', async () => {
    const agreement = await makeAgreement(ctx.db.prisma);
    const p = await makePlacement(ctx.db.prisma, { agreementId: agreement.id, workplaceId: agreement.workplaces[0]!.id });
    await addHours(ctx.db.prisma, p, [[d(2, 3), 4]]);
    const pdf = await pdfText((await coordinator.get(`/psu/porozumienia/${agreement.id}/rozliczenie/2025-02/wniosek.pdf`).buffer(true).parse(binary)).body as Buffer);
    expect(plain(pdf.text)).toContain('PROJEKT – miesiąc luty 2025 nie jest zamknięty');
  });

  it('the hours card lists every day with a signature column and the month total', async () => {
    const agreement = await makeAgreement(ctx.db.prisma);
    const p = await makePlacement(ctx.db.prisma, { agreementId: agreement.id, workplaceId: agreement.workplaces[0]!.id });
    await addHours(ctx.db.prisma, p, [[d(11, 3), 4], [d(11, 4), 3.5]]);
    const res = await director.get(`/psu/osoby/${p.id}/karta/2025-11`).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    const { text, numPages } = await pdfText(res.body as Buffer);
    expect(numPages).toBe(1);
    const t = plain(text);
    expect(t).toContain('Karta ewidencji godzin prac społecznie użytecznych');
    expect(t).toContain('Podpis osoby wykonującej prace');
    expect(t).toContain('11.11 wt Narodowe Święto Niepodległości');
    expect(t).toContain('30.11 nd');
    expect(t).toContain('Razem przepracowano: 7,5 h');
    const audit = await ctx.db.prisma.auditLog.findFirst({ where: { action: 'psu.card.print', participantId: p.participantId } });
    expect(audit?.details).toEqual({ month: '2025-11' });
  });
});

describe('the rate table', () => {
  it('takes rates from the first day of a month, refuses duplicates, keeps typed values, logs changes', async () => {
    const bad = await postForm(admin, '/admin/stawki-psu', { validFrom: '2026-06-15', rateGrosze: '11,50', note: 'obwieszczenie' });
    expect(bad.status).toBe(400);
    expect(html(bad.text)('#f-validFrom-error').text()).toContain('pierwszego dnia miesiąca');
    expect(html(bad.text)('#f-rateGrosze').val()).toBe('11,50');
    expect((await postForm(admin, '/admin/stawki-psu', { validFrom: '2026-06-01', rateGrosze: '11,50' })).status).toBe(303);
    const dup = await postForm(admin, '/admin/stawki-psu', { validFrom: '2026-06-01', rateGrosze: '11,60' });
    expect(dup.status).toBe(409);
    const rate = await ctx.db.prisma.psuRate.findUniqueOrThrow({ where: { validFrom: utcDate(2026, 6, 1) } });
    expect(rate.rateGrosze).toBe(1150);
    expect((await postForm(admin, `/admin/stawki-psu/${rate.id}/usun`, {})).status).toBe(303);
    expect(await ctx.db.prisma.auditLog.count({ where: { action: { in: ['psu.rate.create', 'psu.rate.delete'] }, entityId: String(rate.id) } })).toBe(2);
    expect((await coordinator.get('/admin/stawki-psu')).status).toBe(403);
  });
});
