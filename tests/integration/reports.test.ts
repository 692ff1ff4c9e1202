// The monthly report through HTTP from a database fixture with known answers: the page, the PDF and the
// spreadsheet carry the same numbers, totals are sums of rows, a closed month stays frozen.
import { readSheet } from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheerioAPI } from 'cheerio';
import type { DbClient } from '../../src/db/client.ts';
import { utcDate } from '../../src/lib/dates.ts';
import { agentFor, createTestContext, html, postForm, type Agent, type TestContext } from '../helpers/app.ts';
import { makeContract, makeEdition, makeParticipant } from '../helpers/factories.ts';
import { binaryParser, pdfText } from '../helpers/pdf.ts';

const d = (y: number, m: number, day: number) => utcDate(y, m, day);

/** March 2025 in a small club; the expected numbers are worked out in the comments. */
async function seedMarch2025(db: DbClient, userId: number) {
  const ed = await makeEdition(db, { start: d(2025, 2, 3), end: d(2025, 4, 30), status: 'RUNNING', groups: [{ name: 'Grupa A', capacity: 8 }] });
  await db.edition.update({ where: { id: ed.id }, data: { name: 'Edycja marcowa – Łódź' } });
  const group = ed.groups[0]!;
  const p1 = await makeParticipant(db, { sex: 'FEMALE', birthDate: d(1990, 5, 10) }); // 34: 25–34, continuing
  const p2 = await makeParticipant(db, { sex: 'MALE', birthDate: d(2002, 1, 1) }); // 23: up to 24, new
  const p3 = await makeParticipant(db, { sex: 'MALE', birthDate: d(1960, 6, 1) }); // 64: 55–64, completed
  const p4 = await makeParticipant(db, { sex: 'FEMALE', birthDate: d(1958, 1, 1) }); // 67: 65+, dropped out
  const enrol = (p: { id: number }, start: Date, end: Date | null, status: 'ACTIVE' | 'COMPLETED' | 'DROPPED_OUT', extra = {}) =>
    db.enrolment.create({ data: { editionId: ed.id, groupId: group.id, participantId: p.id, startDate: start, endDate: end, status, ...extra } });
  await enrol(p1, d(2025, 2, 3), null, 'ACTIVE');
  await enrol(p2, d(2025, 3, 4), null, 'ACTIVE');
  await enrol(p3, d(2025, 2, 3), d(2025, 3, 20), 'COMPLETED', { tookUpEmployment: true, employmentDate: d(2025, 3, 28), surveyStartScore: 2, surveyEndScore: 4 });
  await enrol(p4, d(2025, 3, 4), d(2025, 3, 25), 'DROPPED_OUT');

  // Three sessions held (3 h each) and one cancelled: 11 marks, 9 present → 81,82%.
  const marks: [typeof p1, 'PRESENT' | 'EXCUSED' | 'ABSENT'][][] = [
    [[p1, 'PRESENT'], [p2, 'PRESENT'], [p3, 'PRESENT'], [p4, 'PRESENT']],
    [[p1, 'PRESENT'], [p2, 'EXCUSED'], [p3, 'ABSENT'], [p4, 'PRESENT']],
    [[p1, 'PRESENT'], [p2, 'PRESENT'], [p4, 'PRESENT']],
  ];
  for (const [i, day] of [4, 6, 11].entries()) {
    const s = await db.classSession.create({ data: { editionId: ed.id, groupId: group.id, moduleId: ed.modules[0]!.id, date: d(2025, 3, day), startMinute: 900, endMinute: 1080, status: 'HELD' } });
    await db.attendance.createMany({ data: marks[i]!.map(([p, status]) => ({ sessionId: s.id, participantId: p.id, status })) });
  }
  await db.classSession.create({ data: { editionId: ed.id, groupId: group.id, moduleId: ed.modules[0]!.id, date: d(2025, 3, 13), startMinute: 900, endMinute: 1080, status: 'CANCELLED' } });

  // Referrals: two to the club received in March, one accepted in March.
  for (const [n, p, status] of [[1, p2, 'ACCEPTED'], [2, p1, 'SUBMITTED']] as const) {
    await db.referral.create({
      data: {
        number: `SK/T/${n}-${p.id}`, kind: 'KIS', participantId: p.id, authorId: userId, eligibilityBases: ['LONG_TERM_UNEMPLOYED'], reasons: 'Powody',
        status, submittedAt: new Date('2025-03-03T10:00:00Z'), decidedAt: status === 'ACCEPTED' ? new Date('2025-03-05T10:00:00Z') : null,
      },
    });
  }
  await makeContract(db, { participantId: p2.id, socialWorkerId: userId, start: d(2025, 3, 3) });
  await db.certificate.create({
    data: { number: 'KIS/2025/0001', prefix: 'KIS', year: 2025, seq: 1, kind: 'KIS_COMPLETION', participantId: p3.id, editionId: ed.id, issuedOn: d(2025, 3, 21), verificationCode: 'TESTTESTTESTTEST', content: {} },
  });

  // PSU at 8,30 zł: March open, 9 × 4 h = 36 h → 298,80 zł, refund 179,28 zł; February closed and used as stored.
  await db.psuRate.create({ data: { validFrom: d(2018, 6, 1), rateGrosze: 830 } });
  const agreement = await db.psuAgreement.create({
    data: { number: 'PSU/2025/01', signedAt: d(2025, 1, 10), pupName: 'PUP', periodStart: d(2025, 1, 1), periodEnd: d(2025, 12, 31), plannedPeople: 2, workplaces: { create: [{ name: 'Urząd' }] } },
    include: { workplaces: true },
  });
  const placement = await db.psuPlacement.create({ data: { agreementId: agreement.id, workplaceId: agreement.workplaces[0]!.id, participantId: p1.id, startDate: d(2025, 2, 1), endDate: d(2025, 12, 31) } });
  const days = [4, 7, 11, 14, 18, 21, 25, 28, 31];
  await db.psuHourEntry.createMany({ data: days.map((day) => ({ placementId: placement.id, participantId: p1.id, date: d(2025, 3, day), minutes: 240 })) });
  await db.psuHourEntry.createMany({ data: [4, 7, 11].map((day) => ({ placementId: placement.id, participantId: p1.id, date: d(2025, 2, day), minutes: 240 })) });
  await db.psuMonth.create({
    data: { agreementId: agreement.id, year: 2025, month: 2, status: 'CLOSED', closedAt: new Date('2025-03-02T10:00:00Z'), rows: { create: [{ participantId: p1.id, placementId: placement.id, minutes: 600, rateGrosze: 1234, amountGrosze: 12345, refundGrosze: 7407 }] } },
  });
  return { ed, group, p1 };
}

type Table = { title: string; rows: string[][] };
const norm = (s: string) => s.replace(/[\s\u00a0]+/g, ' ').trim();
const bare = (s: string) => norm(s).replace(/ zł$/, '').replace(/%$/, '').replace(/^—$/, '').replace(/ /g, '');

function htmlTables($: CheerioAPI): Record<string, Table> {
  const out: Record<string, Table> = {};
  $('table.report-table').each((_i, t) => {
    const id = $(t).attr('id')!.replace(/^t-/, '');
    const rows = $(t).find('tbody tr, tfoot tr').map((_j, tr) => [$(tr).children('th, td').map((_k, c) => norm($(c).text())).get()]).get() as string[][];
    out[id] = { title: norm($(`#${id}-title`).text()), rows: rows.filter((r) => r.length > 1) };
  });
  return out;
}

/** Semicolon CSV with quoted fields (as src/lib/csv.ts writes it). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false; else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ';') { row.push(cell); cell = ''; }
    else if (ch === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++; }
    else cell += ch;
  }
  return rows;
}

function csvTables(csv: string): Record<string, string[][]> {
  const lines = parseCsv(csv.replace(/^\ufeff/, ''));
  const out: Record<string, string[][]> = {};
  lines.forEach((l, i) => {
    if (l[0] !== 'Wyszczególnienie') return;
    const title = lines[i - 1]![0]!;
    const rows: string[][] = [];
    for (let j = i + 1; j < lines.length && lines[j]!.length > 1; j++) rows.push(lines[j]!);
    out[title] = rows;
  });
  return out;
}

let ctx: TestContext;
let admin: Agent;
let director: Agent;
let fx: Awaited<ReturnType<typeof seedMarch2025>>;
const base = '/raporty/miesieczny/2025/3';
const getBinary = (agent: Agent, path: string) => agent.get(path).buffer(true).parse(binaryParser as never);

beforeAll(async () => {
  ctx = await createTestContext();
  const a = await agentFor(ctx, ['ADMIN']);
  admin = a.agent;
  director = (await agentFor(ctx, ['DIRECTOR'])).agent;
  fx = await seedMarch2025(ctx.db.prisma, a.user.id);
});
afterAll(() => ctx.close());

describe('monthly report from a fixture with known answers', () => {
  let tables: Record<string, Table>;
  beforeAll(async () => {
    const res = await director.get(base);
    expect(res.status).toBe(200);
    tables = htmlTables(html(res.text));
  });

  const row = (id: string, label: string) => tables[id]!.rows.find((r) => r[0] === label)?.slice(1);

  it('shows the numbers worked out by hand', () => {
    expect(row('people', 'Nowi (rozpoczęli udział w okresie)')).toEqual(['0', '1', '1', '1', '1', '2']);
    expect(row('people', 'Kontynuujący')).toEqual(['1', '0', '1', '0', '0', '0']);
    expect(row('people', 'Razem w klubie')).toEqual(['2', '2', '4', '2', '2', '4']);
    expect(row('age', '65 lat i więcej')).toEqual(['1', '0', '1', '1', '0', '1']);
    expect(row('activity-month', 'Edycja marcowa – Łódź – Grupa A')).toEqual(['4', '3', '12', '9', '81,82%']);
    expect(row('referrals', 'Wpłynęły')).toEqual(['2', '0', '2', '2', '0', '2']);
    expect(row('referrals', 'Przyjęte')).toEqual(['1', '0', '1', '1', '0', '1']);
    expect(row('contracts', 'Zawarte')).toEqual(['1', '1']);
    expect(row('certificates', 'Razem wydane')).toEqual(['1', '1']);
    expect(row('employment', 'Razem')).toEqual(['1', '1']);
    expect(row('soft', 'Wynik lepszy')).toEqual(['1', '1']);
    expect(row('psu-month', 'Razem')!.map(norm)).toEqual(['1', '36', '298,80 zł', '179,28 zł', '119,52 zł']);
    // February closed with its own rows: 10 h, 123,45 zł, refund 74,07 zł, taken as stored.
    expect(row('psu-ytd', 'Razem')!.map(norm)).toEqual(['1', '46', '422,25 zł', '253,35 zł', '168,90 zł']);
  });

  it('makes each total the sum of its rows on the page', () => {
    for (const [id, t] of Object.entries(tables)) {
      const total = t.rows.at(-1)!;
      if (!/^(Razem|Wszystkie|Osoby z obiema)/.test(total[0]!)) continue;
      total.slice(1).forEach((cell, i) => {
        if (/%$/.test(cell) || cell === '—') return; // rates are pooled, not summed
        const sum = t.rows.slice(0, -1).reduce((s, r) => s + Math.round(Number(bare(r[i + 1]!).replace(',', '.')) * 100), 0);
        expect(Math.round(Number(bare(cell).replace(',', '.')) * 100), `${id} column ${i + 1}`).toBe(sum);
      });
    }
  });

  it('puts the same numbers in the spreadsheet', async () => {
    const res = await director.get(`${base}/csv`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain('attachment');
    const csv = csvTables(res.text);
    for (const t of Object.values(tables)) {
      const sheet = csv[t.title];
      expect(sheet, t.title).toBeDefined();
      expect(sheet!.map((r) => r.map(bare)), t.title).toEqual(t.rows.map((r) => r.map(bare)));
    }
  });

  it('puts the same numbers in the XLSX workbook, as numbers', async () => {
    const res = await getBinary(director, `${base}/xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toContain('attachment');
    const rows = (await readSheet(res.body as Buffer)) as unknown[][];
    for (const t of Object.values(tables)) {
      const at = rows.findIndex((r) => r[0] === t.title);
      expect(at, t.title).toBeGreaterThan(0);
      t.rows.forEach((r, i) => {
        const got = rows[at + 2 + i]!;
        expect(got[0], t.title).toBe(r[0]);
        r.slice(1).forEach((cell, j) => {
          const shown = bare(cell);
          if (shown === '') expect(got[j + 1] ?? null, `${t.title} ${r[0]}`).toBeNull();
          else expect(got[j + 1] as number, `${t.title} ${r[0]} column ${j + 1}`).toBeCloseTo(Number(shown.replace(',', '.')), 2);
        });
      });
    }
  });

  it('puts the same numbers in the PDF, with Polish letters and drawn charts', async () => {
    const res = await getBinary(director, `${base}/pdf`);
    expect(res.status).toBe(200);
    const { text, numPages } = await pdfText(res.body as Buffer);
    expect(numPages).toBeGreaterThan(1);
    expect(text).toContain('Raport miesięczny – marzec 2025');
    expect(text).toContain('Edycja marcowa – Łódź');
    expect(text).toContain('Osoby w klubie w ostatnich 12 miesiącach');
    const lines = text.split('\n').map(norm);
    for (const [id, t] of Object.entries(tables)) {
      for (const r of t.rows) {
        const values = r.slice(1).join(' ');
        const first = r[0]!.split(' ')[0]!;
        expect(lines.some((l) => l.startsWith(first) && l.endsWith(values)), `${id}: ${r.join(' | ')}`).toBe(true);
      }
    }
  });
});

describe('closing a month', () => {
  it('freezes the numbers: new data does not change a closed month until it is reopened', async () => {
    expect((await postForm(director, `${base}/zamknij`, {})).status).toBe(403);
    expect((await postForm(admin, '/raporty/miesieczny/2099/1/zamknij', {})).status).toBe(409);
    const res = await postForm(admin, `${base}/zamknij`, {});
    expect(res.status).toBe(303);
    expect(await ctx.db.prisma.reportSnapshot.count({ where: { kind: 'MONTHLY', year: 2025, month: 3 } })).toBe(1);
    expect((await postForm(admin, `${base}/zamknij`, {})).status).toBe(409);
    // Two administrators closing the same month at once: one snapshot, the other is told it is closed.
    const other = '/raporty/miesieczny/2025/2';
    const token = html((await admin.get(other)).text)('form[action$="/zamknij"] input[name=_csrf]').val();
    const both = await Promise.all([1, 2].map(() => admin.post(`${other}/zamknij`).type('form').send({ _csrf: token })));
    expect(both.map((r) => r.status).sort()).toEqual([303, 409]);
    expect(await ctx.db.prisma.reportSnapshot.count({ where: { kind: 'MONTHLY', year: 2025, month: 2 } })).toBe(1);

    // Someone records a late enrolment for March.
    const late = await makeParticipant(ctx.db.prisma, { sex: 'MALE', birthDate: d(1985, 1, 1) });
    await ctx.db.prisma.enrolment.create({ data: { editionId: fx.ed.id, groupId: fx.group.id, participantId: late.id, startDate: d(2025, 3, 10), status: 'ACTIVE' } });

    const closed = html((await director.get(base)).text);
    expect(closed('#report-state').text()).toContain('Okres zamknięty');
    expect(htmlTables(closed).people!.rows.at(-1)).toEqual(['Razem w klubie', '2', '2', '4', '2', '2', '4']);
    const pdf = await pdfText((await getBinary(director, `${base}/pdf`)).body as Buffer);
    expect(pdf.text).toContain('okres zamknięty');
    expect((await director.get(`${base}/csv`)).text).toContain('Razem w klubie;2;2;4;2;2;4');

    const noReason = await postForm(admin, `${base}/otworz`, { reason: '' });
    expect(noReason.status).toBe(400);
    expect(html(noReason.text)('.error-summary a[href="#f-reason"]').length).toBe(1);
    expect((await postForm(admin, `${base}/otworz`, { reason: 'Spóźniony wpis uczestnika' })).status).toBe(303);
    const audit = await ctx.db.prisma.auditLog.findFirst({ where: { action: 'report.reopen' } });
    expect(audit?.details).toEqual({ reason: 'Spóźniony wpis uczestnika' });
    const live = html((await director.get(base)).text);
    expect(htmlTables(live).people!.rows.at(-1)).toEqual(['Razem w klubie', '2', '3', '5', '2', '3', '5']);
  });
});

describe('yearly report to the voivode', () => {
  it('is a page, a PDF and a spreadsheet with the participants by group of the law', async () => {
    const page = await director.get('/raporty/roczny/2025');
    expect(page.status).toBe(200);
    const t = htmlTables(html(page.text));
    expect(t.bases!.rows.find((r) => r[0] === 'osoby długotrwale bezrobotne')).toEqual(['osoby długotrwale bezrobotne', '1', '1', '2']);
    expect(t.staff).toBeDefined();
    const pdf = await pdfText((await getBinary(director, '/raporty/roczny/2025/pdf')).body as Buffer);
    expect(pdf.text).toContain('Sprawozdanie z działalności Klubu Integracji Społecznej za 2025 r.');
    expect(pdf.text).toContain('osoby długotrwale bezrobotne');
    expect((await director.get('/raporty/roczny/2025/csv')).text).toContain('osoby długotrwale bezrobotne;1;1;2');
    expect((await director.get('/raporty/roczny/1999')).status).toBe(404);
    const picked = await director.get('/raporty').query({ rok: '2025', miesiac: '3' });
    expect(picked.status).toBe(303);
    expect(picked.headers.location).toBe(base);
    expect((await director.get('/raporty').query({ rok: '2025', miesiac: '13' })).status).toBe(404);
  });
});

describe('the director', () => {
  it('downloads every report and is refused every change anywhere in the app', async () => {
    for (const path of ['/raporty', base, `${base}/pdf`, `${base}/csv`, '/raporty/roczny/2025', '/raporty/roczny/2025/pdf', '/raporty/roczny/2025/csv']) {
      expect((await director.get(path)).status, path).toBe(200);
    }
    const index = html((await director.get('/raporty')).text);
    expect(index('nav a[href="/raporty"]').length).toBe(1);
    const page = html((await director.get(base)).text);
    expect(page('form[action$="/zamknij"], form[action$="/otworz"]').length).toBe(0);

    type Layer = { route?: { path: string; methods: Record<string, boolean>; stack: { handle: { permission?: string } }[] }; handle: { stack?: Layer[] } };
    const changes: { path: string; permission: string }[] = [];
    const walk = (stack: Layer[]) => stack.forEach((l) => {
      if (l.route && !l.route.methods.get) changes.push({ path: l.route.path, permission: l.route.stack.find((x) => x.handle.permission)?.handle.permission ?? '' });
      else if (l.handle.stack) walk(l.handle.stack);
    });
    walk((ctx.app as unknown as { router: { stack: Layer[] } }).router.stack);
    // Their own password, display preferences and logging out are not changes to the centre's records.
    const records = changes.filter((c) => !['public', 'account.self'].includes(c.permission));
    expect(records.length).toBeGreaterThan(5);
    const auditBefore = await ctx.db.prisma.auditLog.count();
    for (const r of records) {
      const res = await postForm(director, r.path.replace(/:(\w+)/g, (_m, name: string) => (name === 'year' ? '2025' : name === 'month' ? '3' : '1')), { reason: 'x', kind: 'KIS_COMPLETION', enrolmentId: 1 });
      expect(res.status, r.path).toBe(403);
    }
    expect(await ctx.db.prisma.auditLog.count()).toBe(auditBefore);
  });
});

describe('the director\'s dashboard', () => {
  it('leads to last month\'s report, which opens', async () => {
    const page = html((await director.get('/')).text);
    const href = page('a', 'section[aria-labelledby=di-title]').filter((_i, el) => page(el).text() === 'Raport za poprzedni miesiąc').attr('href')!;
    const now = new Date();
    const prev = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
    expect(href).toBe(`/raporty/miesieczny/${prev.getUTCFullYear()}/${prev.getUTCMonth() + 1}`);
    expect((await director.get(href)).status).toBe(200);
  });
});
