// Import of PSU hours from a sheet (person, day, hours) through HTTP: the preview applies the PSU
// feature's own rules (placement period, closed month, 10 h a week) and writes nothing; a clean sheet
// is written whole.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { utcDate } from '../../src/lib/dates.ts';
import { agentFor, createTestContext, html, type Agent, type TestContext } from '../helpers/app.ts';
import { makeAgreement, makePlacement } from './psu-factories.ts';
import { csvText, runImport, utf8 } from './import-fixtures.ts';

let ctx: TestContext;
let admin: Agent;
let a: { pesel: string; lastName: string };
let b: { pesel: string; lastName: string };
let c: { pesel: string };
let agreementId: number;

async function previewPsu(rows: string[][], name: string) {
  const bytes = utf8(csvText([['PESEL', 'Nazwisko', 'Data', 'Godziny', 'Miejsce'], ...rows]));
  const $page = html((await admin.get('/admin/import')).text);
  const form = $page('form[action="/admin/import"]');
  const res = await admin
    .post('/admin/import')
    .field('_csrf', String(form.find('input[name=_csrf]').val()))
    .field('kind', 'psu-hours')
    .attach('file', bytes, name);
  expect(res.status, html(res.text ?? '')('#f-file-error').text()).toBe(303);
  const id = Number(/(\d+)$/.exec(res.headers.location!)![1]);
  return { id, $: html((await admin.get(res.headers.location!)).text) };
}
const problemsOfRow = ($: ReturnType<typeof html>, row: number) => $(`#wiersz-${row} li`).map((_i, li) => $(li).text()).get();

beforeAll(async () => {
  ctx = await createTestContext();
  admin = (await agentFor(ctx, ['ADMIN'])).agent;
  const agreement = await makeAgreement(ctx.db.prisma, { year: 2025 });
  agreementId = agreement.id;
  const [office, sports] = agreement.workplaces;
  const pa = await makePlacement(ctx.db.prisma, { agreementId, workplaceId: office!.id, lastName: 'Ślązak' });
  const pb = await makePlacement(ctx.db.prisma, { agreementId, workplaceId: office!.id, lastName: 'Dwumiejscowa' });
  await makePlacement(ctx.db.prisma, { agreementId, workplaceId: sports!.id, participantId: pb.participantId });
  const pc = await makePlacement(ctx.db.prisma, { agreementId, workplaceId: office!.id, lastName: 'Krótka', end: utcDate(2025, 3, 31) });
  a = { pesel: pa.participant.pesel!, lastName: pa.participant.lastName };
  b = { pesel: pb.participant.pesel!, lastName: pb.participant.lastName };
  c = { pesel: pc.participant.pesel! };
  await ctx.db.prisma.psuMonth.create({ data: { agreementId, year: 2025, month: 2, status: 'CLOSED' } });
});
afterAll(() => ctx.close());

describe('PSU hours from a sheet', () => {
  it('the preview applies the PSU rules to every row, in Polish, and writes nothing', async () => {
    const entriesBefore = await ctx.db.prisma.psuHourEntry.count();
    const monthsBefore = await ctx.db.prisma.psuMonth.count();
    const { id, $ } = await previewPsu([
      [a.pesel, a.lastName, '03.03.2025', '4', ''], // row 2: fine
      [a.pesel, a.lastName, '04.03.2025', '4', ''], // row 3: fine
      [a.pesel, a.lastName, '05.03.2025', '3', ''], // row 4: 11 h in that week
      [b.pesel, b.lastName, '03.03.2025', '4', ''], // row 5: two workplaces, none named
      [c.pesel, '', '02.06.2025', '4', ''], // row 6: placement ended in March
      [a.pesel, a.lastName, '10.02.2025', '4', ''], // row 7: February is closed
      ['85031212350', '', '03.03.2025', '4', ''], // row 8: nobody with that PESEL
      [a.pesel, a.lastName, '11.03.2025', '4', ''], // row 9: the same day twice
      [a.pesel, a.lastName, '11.03.2025', '3', ''], // row 10
      [a.pesel, a.lastName, '12.03.2025', 'cztery', ''], // row 11: not hours
      [a.pesel, 'Nowak', '13.03.2025', '4', ''], // row 12: another person's surname
    ], 'psu-bledy.csv');
    expect($('h1').text()).toContain('Import godzin PSU');
    expect($(`form[action="/admin/import/${id}/import"]`).length).toBe(0);
    expect($('#wiersz-2').length + $('#wiersz-3').length).toBe(0);
    expect(problemsOfRow($, 4)).toEqual(['Godziny: Nie zapisano: limit 10 h tygodniowo przekroczony o 1 h (tydzień 03.03–09.03.2025).']);
    expect(problemsOfRow($, 5)[0]).toMatch(/^Miejsce: .* pracuje 03\.03\.2025 w kilku miejscach \(Urząd Gminy, Gminny Ośrodek Sportu\)/);
    expect(problemsOfRow($, 6)[0]).toMatch(/^Data: .* nie ma skierowania do PSU obejmującego 02\.06\.2025\.$/);
    expect(problemsOfRow($, 7)[0]).toContain('Miesiąc luty 2025 jest zamknięty i rozliczony');
    expect(problemsOfRow($, 8)).toEqual(['PESEL: nie ma w rejestrze osoby o tym numerze PESEL.']);
    expect(problemsOfRow($, 9)).toEqual(['Duplikat w pliku: ten sam dzień tej osoby jest też w wierszu 10.']);
    expect(problemsOfRow($, 10)).toEqual(['Duplikat w pliku: ten sam dzień tej osoby jest też w wierszu 9.']);
    expect(problemsOfRow($, 11)[0]).toContain('Godziny: „cztery” – wpisz liczbę godzin');
    expect(problemsOfRow($, 12)[0]).toContain('Nazwisko: „Nowak” nie zgadza się z osobą o tym numerze PESEL');
    const stats = $('.stat__value').map((_i, s) => $(s).text()).get();
    expect(stats).toEqual(['11', '2', '9', '2']);
    // The dry run rolled back everything it wrote, the month rows it opened too.
    expect(await ctx.db.prisma.psuHourEntry.count()).toBe(entriesBefore);
    expect(await ctx.db.prisma.psuMonth.count()).toBe(monthsBefore);
    expect(await ctx.db.prisma.auditLog.count({ where: { action: 'psu.hours.save' } })).toBe(0);
  });

  it('a clean sheet is written whole, with the PSU audit rows; sending it again finds the days already entered', async () => {
    const rows = [
      [a.pesel, a.lastName, '17.03.2025', '4', ''],
      [a.pesel, a.lastName, '18.03.2025', '3,5', ''],
      [a.pesel, a.lastName, '19.03.2025', '2:30', ''],
      [b.pesel, b.lastName, '17.03.2025', '4', 'urząd gminy'],
      [b.pesel, b.lastName, '18.03.2025', 'C', 'Gminny Ośrodek Sportu'],
    ];
    const { id, $ } = await previewPsu(rows, 'psu.csv');
    expect($('.notice--success').text()).toContain('Import zapisze w ewidencji godzin PSU 5 wpisów');
    const sample = $('table caption:contains("Pierwsze wiersze")').closest('table').find('tbody tr');
    expect(sample.length).toBe(5);
    expect(sample.eq(1).text()).toContain('3,5');
    expect(sample.eq(4).text()).toContain('Gminny Ośrodek Sportu');
    expect(await ctx.db.prisma.psuHourEntry.count()).toBe(0);

    const { final } = await runImport(admin, id);
    expect(final).toMatchObject({ status: 'DONE', done: 5 });
    expect(html((await admin.get(`/admin/import/${id}`)).text)('.notice--success h2').text()).toBe('Zapisano 5 wpisów godzin PSU');
    const entries = await ctx.db.prisma.psuHourEntry.findMany({ orderBy: [{ participant: { lastName: 'asc' } }, { date: 'asc' }], include: { placement: { include: { workplace: true } } } });
    expect(entries.map((e) => [e.kind, e.minutes, e.placement.workplace.name])).toEqual([
      ['WORK', 240, 'Urząd Gminy'], ['SICKNESS', 0, 'Gminny Ośrodek Sportu'],
      ['WORK', 240, 'Urząd Gminy'], ['WORK', 210, 'Urząd Gminy'], ['WORK', 150, 'Urząd Gminy'],
    ]);
    expect(await ctx.db.prisma.auditLog.count({ where: { action: 'psu.hours.save' } })).toBe(5);
    expect(await ctx.db.prisma.auditLog.count({ where: { action: 'import.psu-hours', entityId: String(id) } })).toBe(1);

    const again = await previewPsu(rows, 'psu-znowu.csv');
    expect(problemsOfRow(again.$, 2)[0]).toBe('Duplikat w ewidencji: 17.03.2025 ma już wpis „4”. Import nie zastępuje wpisów: usuń wiersz albo popraw dzień w siatce godzin.');
    expect(again.$('.stat__value').map((_i, s) => again.$(s).text()).get()).toEqual(['5', '0', '5', '5']);
  });

  it('the hours of the month add up with days entered by hand: 40 h a month is enforced at import time too', async () => {
    // Someone typed 37 h of April by hand (10 + 10 + 10 + 7 a week) after the preview was made.
    const { id } = await previewPsu([[a.pesel, a.lastName, '28.04.2025', '4', '']], 'psu-kwiecien.csv');
    const placement = await ctx.db.prisma.psuPlacement.findFirstOrThrow({ where: { participant: { pesel: a.pesel } } });
    const hand: [number, number][] = [[1, 4], [2, 4], [3, 2], [7, 4], [8, 4], [9, 2], [14, 4], [15, 4], [16, 2], [22, 4], [23, 3]];
    await ctx.db.prisma.psuHourEntry.createMany({ data: hand.map(([d, h]) => ({ placementId: placement.id, participantId: placement.participantId, date: utcDate(2025, 4, d), minutes: h * 60 })) });
    const { final } = await runImport(admin, id);
    expect(final.status).toBe('FAILED');
    const $ = html((await admin.get(`/admin/import/${id}`)).text);
    expect($('.notice--error').text()).toContain('Nic nie zaimportowano: 1 z 1 wierszy ma błędy.');
    expect(problemsOfRow($, 2)[0]).toContain('limit 40 h miesięcznie przekroczony o 1 h');
    expect(await ctx.db.prisma.psuHourEntry.count({ where: { date: utcDate(2025, 4, 28) } })).toBe(0);
  });

  it('a PSU sheet without its columns is refused with the missing ones named', async () => {
    const $page = html((await admin.get('/admin/import')).text);
    const res = await admin.post('/admin/import').field('_csrf', String($page('form[action="/admin/import"] input[name=_csrf]').val())).field('kind', 'psu-hours')
      .attach('file', utf8(csvText([['PESEL', 'Nazwisko'], ['85031212350', 'A']])), 'x.csv');
    expect(res.status).toBe(400);
    const $ = html(res.text);
    expect($('#f-file-error').text()).toContain('W arkuszu brakuje kolumn: „Data”, „Godziny”.');
    expect($('input[name=kind][value=psu-hours]').attr('checked')).toBeDefined();
  });
});
