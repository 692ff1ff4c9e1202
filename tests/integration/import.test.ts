// Import of participants through HTTP, as an administrator does it: upload (multipart with CSRF), preview
// with every row's problems in Polish, then an all-or-nothing import.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import writeExcelFile from 'write-excel-file/node';
import { agentFor, createTestContext, html, makeUser, type Agent, type TestContext } from '../helpers/app.ts';
import { csvText, HEADER, person, preview, runImport, uniquePesel, upload, utf8, waitForImport, windows1250 } from './import-fixtures.ts';

let ctx: TestContext;
let admin: Agent;
let worker: { id: number; login: string; fullName: string };

beforeAll(async () => {
  ctx = await createTestContext();
  admin = (await agentFor(ctx, ['ADMIN'])).agent;
  worker = await makeUser(ctx, ['SOCIAL_WORKER'], 'Grażyna Żądło-Świątek');
});
afterAll(() => ctx.close());

const participants = () => ctx.db.prisma.participant.count();
const problemsOfRow = ($: ReturnType<typeof html>, row: number) => $(`#wiersz-${row} li`).map((_i, li) => $(li).text()).get();

describe('import page', () => {
  it('documents the columns and offers a template every header of which the importer recognises', async () => {
    const res = await admin.get('/admin/import');
    expect(res.status).toBe(200);
    const $ = html(res.text);
    expect($('h1').text()).toBe('Import danych');
    expect($('.main-nav a[href="/admin/import"]').text()).toBe('Import danych');
    const headers = $('table.import-columns tbody th').map((_i, th) => $(th).text()).get();
    expect(headers).toEqual(expect.arrayContaining(['Nazwisko', 'Imię', 'PESEL', 'Data urodzenia', 'Płeć', 'Ulica', 'Nr domu', 'Kod pocztowy', 'Miejscowość', 'Telefon', 'Pracownik socjalny']));
    expect($('form[action="/admin/import"]').attr('enctype')).toBe('multipart/form-data');

    const template = await admin.get('/admin/import/wzor.csv');
    expect(template.status).toBe(200);
    expect(template.headers['content-type']).toContain('text/csv');
    expect(template.headers['content-disposition']).toContain('attachment');
    expect(template.text.startsWith('\ufeffNazwisko;Imię;Drugie imię;PESEL;')).toBe(true);
    expect(template.text.split('\r\n').filter(Boolean)).toHaveLength(1); // headers only: no sample person to import by mistake
    // The template, filled in, goes through the reader: every column is recognised, none ignored.
    const filled = `${template.text}Wzorcowa;Anna;;${uniquePesel()};;K;;;;Polna;1;;00-950;Gdańsk;;;średnie;${worker.login};\r\n`;
    const back = await preview(admin, Buffer.from(filled, 'utf8'), 'wzor.csv');
    expect(back.$('.notice--success').length, back.$('.import-problems').text()).toBe(1);
    expect(back.$('main').text()).not.toContain('Pominięte kolumny');
    expect(back.$('main').text()).toContain('nagłówki w wierszu 1');
  });
});

describe('a sheet with errors', () => {
  it('lists every row’s problems in Polish, counts them, offers no import and writes nothing', async () => {
    const before = await participants();
    const registered = uniquePesel('MALE');
    await ctx.db.prisma.participant.create({ data: { firstName: 'Jan', lastName: 'Zarejestrowany', pesel: registered, birthDate: new Date('1980-01-01'), sex: 'MALE' } });
    const twice = uniquePesel();
    const rows = [
      HEADER,
      person(1), // row 2: fine
      person(2, { PESEL: '85031212351' }), // row 3: check digit
      person(3, { 'Imię': '' }), // row 4: no first name
      person(4, { 'Płeć': 'M' }), // row 5: a woman's PESEL
      person(5, { 'Kod pocztowy': '00950' }), // row 6: postal code
      person(6, { 'Pracownik socjalny': 'nieznany.login' }), // row 7
      person(7, { PESEL: twice }), // row 8: twice in the file
      person(8, { PESEL: twice }), // row 9
      person(9, { PESEL: registered, 'Płeć': 'M' }), // row 10: already registered
      person(10, { PESEL: '', 'Płeć': 'X' }), // row 11: no PESEL, no document, unknown sex
    ];
    const { id, $ } = await preview(admin, utf8(csvText(rows)), 'z-bledami.csv');
    const stats = $('.stat').map((_i, s) => `${$(s).find('.stat__value').text()} ${$(s).find('.stat__label').text()}`).get();
    expect(stats).toEqual(['10 wiersze z danymi', '1 poprawne', '9 z błędami', '3 w tym duplikaty']);
    expect($('.notice--error').text()).toContain('Nie można importować');
    expect($(`form[action="/admin/import/${id}/import"]`).length).toBe(0);
    expect($('#wiersz-2').length).toBe(0);
    expect(problemsOfRow($, 3)).toEqual(['PESEL: Numer PESEL jest nieprawidłowy: nie zgadza się cyfra kontrolna. Sprawdź, czy numer został dobrze przepisany.']);
    expect(problemsOfRow($, 4)).toEqual(['Imię: Wpisz imię.']);
    expect(problemsOfRow($, 5)[0]).toMatch(/^Płeć: „M” nie zgadza się z numerem PESEL \(wynika z niego: kobieta\)/);
    expect(problemsOfRow($, 6)).toEqual(['Kod pocztowy: Kod pocztowy ma postać 00-000.']);
    expect(problemsOfRow($, 7)[0]).toContain('Pracownik socjalny: nie ma aktywnego pracownika socjalnego „nieznany.login”');
    expect(problemsOfRow($, 8)).toEqual(['Duplikat w pliku: Ten sam numer PESEL jest też w wierszu 9.']);
    expect(problemsOfRow($, 9)).toEqual(['Duplikat w pliku: Ten sam numer PESEL jest też w wierszu 8.']);
    expect(problemsOfRow($, 10)).toEqual(['Duplikat w rejestrze: Osoba z tym numerem PESEL jest już w rejestrze: Jan Zarejestrowany.']);
    expect(problemsOfRow($, 11)).toEqual(expect.arrayContaining([
      'Płeć: nieznana wartość „X”. Wpisz K (kobieta) albo M (mężczyzna).',
      'Rodzaj dokumentu: Osoba bez numeru PESEL: wybierz rodzaj dokumentu tożsamości.',
      'Nr dokumentu: Osoba bez numeru PESEL: wpisz serię i numer dokumentu.',
      'Data urodzenia: Osoba bez numeru PESEL: podaj datę urodzenia.',
    ]));
    // The person is named beside the row number, so the administrator finds the row.
    expect($('#wiersz-3 td').first().text()).toContain('Źdźbło-2 Łucja');

    // Pressing "import" anyway (a crafted request) is refused and writes nothing.
    const forced = await admin.post(`/admin/import/${id}/import`).type('form').send({ _csrf: String($('input[name=_csrf]').first().val()) });
    expect(forced.status).toBe(303);
    const after = html((await admin.get(`/admin/import/${id}`)).text);
    expect(after('.notice--error').first().text()).toContain('Podgląd wykazał błędy');
    expect(await participants()).toBe(before + 1);
    expect((await ctx.db.prisma.importBatch.findUniqueOrThrow({ where: { id } })).status).toBe('PREVIEW');
  });

  it('a sheet without the required columns is refused with the missing ones named', async () => {
    const res = await upload(admin, utf8(csvText([['Nazwisko', 'Miejscowość'], ['Kowalska', 'Gdańsk']])), 'brak-kolumn.csv');
    expect(res.status).toBe(400);
    const $ = html(res.text);
    expect($('#f-file-error').text()).toContain('W arkuszu brakuje kolumn: „Imię”, „PESEL” (albo „Nr dokumentu” dla osób bez numeru PESEL).');
    expect($('.error-summary a[href="#f-file"]').length).toBe(1);
  });
});

describe('a clean sheet', () => {
  it('imports every row, with birth date and sex from the PESEL, the worker found by login or name, and audit rows', async () => {
    const before = await participants();
    const p1 = uniquePesel('MALE');
    const rows = [
      ['Wykaz osób – KIS 2026'], // a title above the header row
      [...HEADER, 'Data urodzenia', 'Kolumna własna'],
      [...person(1, { PESEL: p1, 'Płeć': 'mężczyzna', 'Imię': 'Łukasz', 'Pracownik socjalny': worker.login }), '', 'x'],
      [...person(2, { 'Pracownik socjalny': 'grazyna zadlo-swiatek' }), '', ''],
      ['', '', '', '', '', '', '', '', '', '', '', ''], // an empty row is skipped
      [...person(3, { PESEL: '', 'Płeć': 'K' }), '31.12.1999', ''],
    ];
    // Row 6 has no PESEL: it needs a document, so add those columns.
    const header = [...rows[1]!, 'Rodzaj dokumentu', 'Nr dokumentu'];
    const body = [rows[0]!, header, [...rows[2]!, '', ''], [...rows[3]!, '', ''], rows[4]!, [...rows[5]!, 'paszport', 'ua123456']];
    const { id, $ } = await preview(admin, utf8(csvText(body)), 'czyste.csv');
    expect($('main').text()).toContain('nagłówki w wierszu 2');
    expect($('main').text()).toContain('Pominięte kolumny (spoza listy): „Kolumna własna”.');
    expect($('.notice--success').text()).toContain('Import doda do rejestru 3 osoby');
    const sample = $('table caption:contains("Pierwsze wiersze")').closest('table');
    expect(sample.find('tbody tr').first().text()).toContain('mężczyzna');
    expect(sample.find('tbody tr').first().text()).toContain(worker.fullName);
    expect(await participants()).toBe(before); // the preview writes nothing

    const { final } = await runImport(admin, id);
    expect(final).toMatchObject({ status: 'DONE', done: 3, total: 3 });
    const page = html((await admin.get(`/admin/import/${id}`)).text);
    expect(page('.notice--success h2').text()).toBe('Zaimportowano 3 osoby');
    expect(await participants()).toBe(before + 3);

    const lukasz = await ctx.db.prisma.participant.findUniqueOrThrow({ where: { pesel: p1 } });
    expect(lukasz).toMatchObject({ firstName: 'Łukasz', sex: 'MALE', socialWorkerId: worker.id, street: 'Żółkiewskiego', postalCode: '00-950', citizenship: 'polskie' });
    const byName = await ctx.db.prisma.participant.findFirstOrThrow({ where: { lastName: 'Źdźbło-2' } });
    expect(byName.socialWorkerId).toBe(worker.id);
    const foreigner = await ctx.db.prisma.participant.findFirstOrThrow({ where: { lastName: 'Źdźbło-3' } });
    expect(foreigner).toMatchObject({ pesel: null, documentType: 'PASSPORT', documentNumber: 'UA123456', sex: 'FEMALE' });
    expect(foreigner.birthDate.toISOString().slice(0, 10)).toBe('1999-12-31');

    const audits = await ctx.db.prisma.auditLog.findMany({ where: { action: 'participant.create', participantId: { in: [lukasz.id, byName.id, foreigner.id] } } });
    expect(audits).toHaveLength(3);
    expect(audits.map((a) => (a.details as { source: string; importBatchId: number }).source)).toEqual(['import', 'import', 'import']);
    expect(audits.find((a) => a.participantId === lukasz.id)!.details).toMatchObject({ importBatchId: id, row: 3 });
    const summary = await ctx.db.prisma.auditLog.findMany({ where: { action: 'import.participants', entityId: String(id) } });
    expect(summary).toHaveLength(1);
    expect(summary[0]!.details).toMatchObject({ fileName: 'czyste.csv', count: 3 });
    // The batch no longer holds the rows (they are in the register now).
    const batch = await ctx.db.prisma.importBatch.findUniqueOrThrow({ where: { id } });
    expect(batch).toMatchObject({ status: 'DONE', doneRows: 3, rows: null });
  });

  it('a double submit imports once: the same form twice, or two forms at once', async () => {
    const before = await participants();
    const { id } = await preview(admin, utf8(csvText([HEADER, person(1), person(2)])), 'dwa-razy.csv');
    const $ = html((await admin.get(`/admin/import/${id}`)).text);
    const form = $(`form[action="/admin/import/${id}/import"]`);
    const keys = { _csrf: String(form.find('input[name=_csrf]').val()), _once: String(form.find('input[name=_once]').val()) };
    const other = html((await admin.get(`/admin/import/${id}`)).text)(`form[action="/admin/import/${id}/import"] input[name=_once]`).val();
    const [a, b, c] = await Promise.all([
      admin.post(`/admin/import/${id}/import`).type('form').send(keys),
      admin.post(`/admin/import/${id}/import`).type('form').send(keys),
      admin.post(`/admin/import/${id}/import`).type('form').send({ ...keys, _once: String(other) }),
    ]);
    expect([a.status, b.status, c.status]).toEqual([303, 303, 303]);
    const final = await waitForImport(admin, id);
    expect(final.status).toBe('DONE');
    expect(await participants()).toBe(before + 2);
    expect(await ctx.db.prisma.auditLog.count({ where: { action: 'import.participants', entityId: String(id) } })).toBe(1);
    // Later presses are told why nothing happened.
    const again = await admin.post(`/admin/import/${id}/import`).type('form').send({ _csrf: keys._csrf });
    expect(again.status).toBe(303);
    expect(html((await admin.get(`/admin/import/${id}`)).text)('.notice--error').first().text()).toContain('Ten plik został już zaimportowany.');
    expect(await participants()).toBe(before + 2);
  });

  it('refuses at import time when the register changed since the preview, and writes nothing', async () => {
    const before = await participants();
    const late = uniquePesel();
    const { id } = await preview(admin, utf8(csvText([HEADER, person(1), person(2, { PESEL: late })])), 'spoznione.csv');
    // Meanwhile a social worker registers the second person by hand.
    await ctx.db.prisma.participant.create({ data: { firstName: 'Łucja', lastName: 'Ręczna', pesel: late, birthDate: new Date('1990-01-01'), sex: 'FEMALE' } });
    const { final } = await runImport(admin, id);
    expect(final.status).toBe('FAILED');
    const $ = html((await admin.get(`/admin/import/${id}`)).text);
    expect($('.notice--error').text()).toContain('Nic nie zaimportowano: 1 z 2 wierszy ma błędy.');
    expect(problemsOfRow($, 3)).toEqual(['Duplikat w rejestrze: Osoba z tym numerem PESEL jest już w rejestrze: Łucja Ręczna.']);
    expect(await participants()).toBe(before + 1); // only the hand-registered one
    // A day later the problems (they quote names) are dropped; the counts and the reason stay.
    await ctx.db.prisma.importBatch.update({ where: { id }, data: { finishedAt: new Date(Date.now() - 25 * 3600_000) } });
    expect((await admin.get('/admin/import')).status).toBe(200);
    const kept = await ctx.db.prisma.importBatch.findUniqueOrThrow({ where: { id } });
    expect(JSON.stringify(kept.errors)).not.toContain('Ręczna');
    expect(kept.errors).toMatchObject({ summary: { total: 2, withErrors: 1 } });
    const later = html((await admin.get(`/admin/import/${id}`)).text);
    expect(later('.notice--error').text()).toContain('Nic nie zaimportowano: 1 z 2 wierszy ma błędy.');
    expect(later('main').text()).not.toContain('Ręczna');
  });

  it('a preview can be cancelled; its rows are then forgotten', async () => {
    const { id, $ } = await preview(admin, utf8(csvText([HEADER, person(1)])), 'anuluj.csv');
    const form = $(`form[action="/admin/import/${id}/anuluj"]`);
    expect(form.attr('data-confirm')).toContain('Czy na pewno');
    const res = await admin.post(`/admin/import/${id}/anuluj`).type('form').send({ _csrf: String(form.find('input[name=_csrf]').val()) });
    expect(res.status).toBe(303);
    expect(await ctx.db.prisma.importBatch.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'FAILED', rows: null });
    const run = await admin.post(`/admin/import/${id}/import`).type('form').send({ _csrf: String(form.find('input[name=_csrf]').val()) });
    expect(run.status).toBe(303);
    expect(html((await admin.get(`/admin/import/${id}`)).text)('.notice--error').first().text()).toContain('nie można już uruchomić');
  });

  it('a RUNNING batch left by a stopped server is shown as failed, with nothing written', async () => {
    const { id } = await preview(admin, utf8(csvText([HEADER, person(1)])), 'przerwany.csv');
    await ctx.db.prisma.importBatch.update({ where: { id }, data: { status: 'RUNNING', startedAt: new Date(Date.now() - 3600_000) } });
    const $ = html((await admin.get(`/admin/import/${id}`)).text);
    expect($('.notice--error').text()).toContain('Import został przerwany');
    expect(await ctx.db.prisma.importBatch.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'FAILED', rows: null });
  });
});

describe('encodings and formats', () => {
  const letters = 'Zażółć-Gęślą';
  const rowsWith = (sep = ';') => csvText([HEADER, person(1, { Nazwisko: letters, 'Imię': 'Jaźń', 'Miejscowość': 'Łódź' })], sep);

  it('reads a Windows-1250 CSV (older Excel) with the right Polish letters', async () => {
    const { id, $ } = await preview(admin, windows1250(rowsWith()), 'stary-excel.csv');
    expect($('main').text()).toContain('Windows-1250');
    await runImport(admin, id);
    const p = await ctx.db.prisma.participant.findFirstOrThrow({ where: { lastName: letters } });
    expect([p.firstName, p.city]).toEqual(['Jaźń', 'Łódź']);
    await ctx.db.prisma.participant.delete({ where: { id: p.id } }).catch(() => undefined);
  });

  it('reads UTF-8 with a BOM and commas as separators', async () => {
    const { id, $ } = await preview(admin, utf8(rowsWith(','), true), 'z-bom.csv');
    expect($('main').text()).toContain('UTF-8');
    expect($('main').text()).toContain('separator: przecinek');
    expect($('main').text()).not.toContain('Pominięte kolumny'); // the BOM did not spoil "Nazwisko"
    await runImport(admin, id);
    const p = await ctx.db.prisma.participant.findFirstOrThrow({ where: { lastName: letters, firstName: 'Jaźń' } });
    expect(p.city).toBe('Łódź');
  });

  it('reads an XLSX sheet: a PESEL typed as a number keeps its leading zero, a date cell is a date', async () => {
    const pesel2005 = '05230812340'; // born 08.03.2005 (month + 20), female; Excel shows 5230812340
    const data = [
      ['NAZWISKO', 'imie', 'Nr PESEL', 'Data ur.', 'Miasto'],
      ['Świerczyńska', 'Ósemka', Number(pesel2005), { value: new Date(Date.UTC(2005, 2, 8)), format: 'dd.mm.yyyy' }, 'Kraków'],
    ];
    const bytes = await writeExcelFile(data as never).toBuffer();
    const { id, $ } = await preview(admin, bytes, 'arkusz.xlsx');
    expect($('main').text()).toContain('arkusz Excel (.xlsx)');
    expect($('.notice--success').length, $('.import-problems').text()).toBe(1);
    await runImport(admin, id);
    const p = await ctx.db.prisma.participant.findUniqueOrThrow({ where: { pesel: pesel2005 } });
    expect([p.lastName, p.firstName, p.city, p.sex, p.birthDate.toISOString().slice(0, 10)]).toEqual(['Świerczyńska', 'Ósemka', 'Kraków', 'FEMALE', '2005-03-08']);
  });
});
