// Social contracts through HTTP: the form with repeatable rows, refusals, two editors, reviews, extension,
// ending, actions done, the printable PDF read back to text, and the coordinator's read-only access.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentFor, createTestContext, html, postForm, type Agent, type TestContext } from '../helpers/app.ts';
import { makeContract, makeParticipant } from '../helpers/factories.ts';
import { binaryParser, pdfText } from '../helpers/pdf.ts';
import { addDays, formatDate, isoDate, warsawDate } from '../../src/lib/dates.ts';

let ctx: TestContext;
let worker: Agent;
let workerId: number;
let worker2: Agent;
let coordinator: Agent;
const today = warsawDate();
const year = today.getUTCFullYear();

beforeAll(async () => {
  ctx = await createTestContext();
  ({ agent: worker, user: { id: workerId } } = await agentFor(ctx, ['SOCIAL_WORKER']));
  ({ agent: worker2 } = await agentFor(ctx, ['SOCIAL_WORKER']));
  ({ agent: coordinator } = await agentFor(ctx, ['COORDINATOR']));
});
afterAll(() => ctx.close());

/** Rows posted the way the browser names them: goals[0][description]… (supertest would drop the indices). */
function asForm(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) {
    if (Array.isArray(v) && v.some((x) => x && typeof x === 'object')) {
      v.forEach((row: Record<string, unknown>, i) => {
        for (const [f, x] of Object.entries(row)) out[`${k}[${i}][${f}]`] = x;
      });
    } else out[k] = v;
  }
  return out;
}

function contractBody(participantId: number, o: Record<string, unknown> = {}) {
  return asForm({
    participantId, socialWorkerId: workerId, kind: 'STANDARD',
    signedAt: isoDate(today), startDate: isoDate(today), endDate: isoDate(addDays(today, 120)), firstReviewDate: isoDate(addDays(today, 30)),
    assessment: 'Pani Żaneta od dwóch lat pozostaje bez pracy; mieszka z matką, ma zaległości czynszowe.',
    causes: 'Długotrwałe bezrobocie, brak aktualnych kwalifikacji, zadłużenie.',
    supportOffered: 'Zasiłek celowy na dojazdy, udział w KIS „Krok Dalej”, porada prawna.',
    goals: [{ description: 'Ukończenie kursu obsługi komputera.' }, { description: '' }, { description: 'Uregulowanie zaległości czynszowych.' }],
    actions: [
      { side: 'PARTICIPANT', description: 'Udział w zajęciach KIS (co najmniej 80% obecności).', deadline: isoDate(addDays(today, 90)), doneAt: '' },
      { side: 'PARTICIPANT', description: '', deadline: '', doneAt: '' },
      { side: 'WORKER', description: 'Skierowanie do KIS i przyznanie zasiłku celowego.', deadline: isoDate(addDays(today, 14)), doneAt: '' },
    ],
    ...o,
  });
}

async function createContract(o: Record<string, unknown> = {}, lastName = 'Źrebięcka') {
  const p = await makeParticipant(ctx.db.prisma, { socialWorkerId: workerId, firstName: 'Żaneta', lastName, sex: 'FEMALE' });
  const res = await postForm(worker, '/kontrakty', contractBody(p.id, o));
  expect(res.status, html(res.text)('.error-summary').text()).toBe(303);
  const id = Number(res.headers.location!.split('/').pop());
  return { id, participant: p };
}

const contract = (id: number) => ctx.db.prisma.socialContract.findUniqueOrThrow({ where: { id }, include: { goals: { orderBy: { position: 'asc' } }, actions: { orderBy: { position: 'asc' } }, reviews: true, extensions: true } });

describe('making a contract', () => {
  it('saves the contract with its numbered goals and actions, skipping empty rows, and plans the first review', async () => {
    const { id, participant } = await createContract();
    const c = await contract(id);
    expect(c.number).toMatch(new RegExp(`^KS/${year}/\\d{3}$`));
    expect(c.goals.map((g) => [g.position, g.description])).toEqual([[1, 'Ukończenie kursu obsługi komputera.'], [2, 'Uregulowanie zaległości czynszowych.']]);
    expect(c.actions.map((a) => a.side)).toEqual(['PARTICIPANT', 'WORKER']);
    expect(c.reviews.map((r) => r.dueDate && isoDate(r.dueDate))).toEqual([isoDate(addDays(today, 30))]);
    const audit = await ctx.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'contract.create', entityId: String(id) } });
    expect(audit.participantId).toBe(participant.id);
    const page = html((await worker.get(`/kontrakty/${id}`)).text);
    expect(page('h1').text()).toBe(`Kontrakt socjalny ${c.number}`);
    expect(page('#dzialania tbody tr')).toHaveLength(2);
  });

  it('starts from the person: a search when none is chosen, the form for the one chosen', async () => {
    const p = await makeParticipant(ctx.db.prisma, { socialWorkerId: workerId, firstName: 'Żaneta', lastName: 'Kontraktowa-Wybrana', sex: 'FEMALE' });
    const picker = html((await worker.get('/kontrakty/nowy?q=kontraktowa')).text);
    expect(picker('h1').text()).toBe('Nowy kontrakt socjalny: wybierz osobę');
    const choose = picker(`a[href="/kontrakty/nowy?uczestnik=${p.id}"]`);
    expect(choose.text()).toContain('Wybierz: Żaneta Kontraktowa-Wybrana');
    const form = html((await worker.get(choose.attr('href')!)).text);
    expect(form('input[name="participantId"]').val()).toBe(String(p.id));
    expect(form('main dl').text()).toContain('Żaneta Kontraktowa-Wybrana');
    // A form sent without a person says so beside the field and keeps what was typed.
    const res = await postForm(worker, '/kontrakty', contractBody(999_999_999));
    expect(res.status).toBe(400);
    const refused = html(res.text);
    expect(refused('.error-summary a[href="#f-participantId"]').length).toBe(1);
    expect(refused('a[href="/kontrakty/nowy"]').text()).toContain('Wybierz osobę');
    expect(refused('#f-goals-0-description').val()).toBe('Ukończenie kursu obsługi komputera.');
  });

  it('numbers contracts consecutively', async () => {
    const a = await createContract({}, 'Kolejna-A');
    const b = await createContract({}, 'Kolejna-B');
    const [na, nb] = [(await contract(a.id)).number, (await contract(b.id)).number];
    expect(Number(nb.split('/')[2])).toBe(Number(na.split('/')[2]) + 1);
  });

  it('adds an empty row when asked, keeping everything typed and saving nothing', async () => {
    const p = await makeParticipant(ctx.db.prisma);
    const before = await ctx.db.prisma.socialContract.count();
    const res = await postForm(worker, '/kontrakty', { ...contractBody(p.id), addRow: 'goal' });
    expect(res.status).toBe(200);
    const $ = html(res.text);
    expect($('textarea[name^="goals["]')).toHaveLength(4);
    expect($('#f-goals-0-description').text()).toBe('Ukończenie kursu obsługi komputera.');
    expect($('#f-goals-3-description').attr('data-autofocus')).toBeDefined();
    expect($('#f-assessment').text()).toContain('Pani Żaneta');
    const more = html((await postForm(worker, '/kontrakty', { ...contractBody(p.id), addRow: 'action' })).text);
    expect(more('select[name^="actions["]')).toHaveLength(4);
    expect(await ctx.db.prisma.socialContract.count()).toBe(before);
  });

  it('shows every problem at once, linked to the right row, and keeps the values', async () => {
    const p = await makeParticipant(ctx.db.prisma);
    const body = contractBody(p.id, {
      assessment: '',
      endDate: isoDate(addDays(today, -1)),
      actions: [
        { side: 'PARTICIPANT', description: '', deadline: isoDate(addDays(today, 5)), doneAt: '' },
        { side: 'THIRD_PARTY', description: 'Wsparcie asystenta.', deadline: '', doneAt: '' },
      ],
    });
    const res = await postForm(worker, '/kontrakty', body);
    expect(res.status).toBe(400);
    const $ = html(res.text);
    const links = $('.error-summary a').map((_i, a) => $(a).attr('href')).get();
    expect(links).toEqual(expect.arrayContaining(['#f-assessment', '#f-endDate', '#f-actions-0-description', '#f-actions-1-side']));
    expect($('#f-actions-1-side-error').text()).toContain('tylko w kontrakcie trójstronnym');
    expect($('#f-actions-0-deadline').val()).toBe(isoDate(addDays(today, 5)));
    expect($('#f-causes').text()).toBe(body.causes);
  });

  it('requires the third party in a three-party contract, and then accepts its actions', async () => {
    const p = await makeParticipant(ctx.db.prisma);
    const withThird = { kind: 'THREE_PARTY', actions: [{ side: 'THIRD_PARTY', description: 'Asystent towarzyszy w wizytach w urzędach.', deadline: '', doneAt: '' }] };
    const bad = await postForm(worker, '/kontrakty', contractBody(p.id, withThird));
    expect(bad.status).toBe(400);
    expect(html(bad.text)('#f-thirdPartyName-error').text()).toContain('trzecią stronę');
    const ok = await postForm(worker, '/kontrakty', contractBody(p.id, { ...withThird, thirdPartyName: 'Stowarzyszenie „Ławka”' }));
    expect(ok.status).toBe(303);
  });

  it('refuses a second active contract overlapping the first, linking to it', async () => {
    const { id, participant } = await createContract({}, 'Nakładająca');
    const res = await postForm(worker, '/kontrakty', contractBody(participant.id));
    expect(res.status).toBe(409);
    expect(html(res.text)(`a[href="/kontrakty/${id}"]`).length).toBe(1);
  });
});

describe('editing', () => {
  it('tells the second of two editors and keeps their text', async () => {
    const { id, participant } = await createContract({}, 'Dwaj-Redaktorzy');
    const c = await contract(id);
    const first = await postForm(worker, `/kontrakty/${id}`, { ...contractBody(participant.id), version: c.version, causes: 'Pierwsza wersja przyczyn.' });
    expect(first.status).toBe(303);
    const second = await postForm(worker2, `/kontrakty/${id}`, { ...contractBody(participant.id), version: c.version, causes: 'Druga, równoległa wersja przyczyn.' });
    expect(second.status).toBe(409);
    const $ = html(second.text);
    expect($('.error-summary').text()).toContain('Ktoś inny zmienił ten kontrakt');
    expect($('#f-causes').text()).toBe('Druga, równoległa wersja przyczyn.');
    expect((await contract(id)).causes).toBe('Pierwsza wersja przyczyn.');
  });

  it('replaces goals and actions, and logs which parts changed without their text', async () => {
    const { id, participant } = await createContract({}, 'Edytowana');
    const c = await contract(id);
    const res = await postForm(worker, `/kontrakty/${id}`, contractBody(participant.id, {
      version: c.version, assessment: 'Nowa ocena: podjęła terapię uzależnienia.', goals: [{ description: 'Jeden nowy cel.', achieved: 'yes' }],
    }));
    expect(res.status).toBe(303);
    const after = await contract(id);
    expect(after.goals.map((g) => [g.description, g.achieved])).toEqual([['Jeden nowy cel.', true]]);
    const audit = await ctx.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'contract.update', entityId: String(id) } });
    expect(audit.details).toEqual({ changedFields: ['assessment', 'goals'] });
    expect(JSON.stringify(audit.details)).not.toContain('terapię');
  });
});

describe('while the contract runs', () => {
  it('records a planned review as held, extends the end date, marks actions done', async () => {
    const { id } = await createContract({}, 'Przebiegowa');
    let c = await contract(id);
    const review = c.reviews[0]!;
    const noNotes = await postForm(worker, `/kontrakty/${id}/oceny/${review.id}`, { heldAt: isoDate(today), notes: '', version: c.version });
    expect(noNotes.status).toBe(400);
    expect((await postForm(worker, `/kontrakty/${id}/oceny/${review.id}`, { heldAt: isoDate(today), notes: 'Realizuje ustalenia.', version: c.version })).status).toBe(303);

    c = await contract(id);
    const shorter = await postForm(worker, `/kontrakty/${id}/przedluzenie`, { newEnd: isoDate(addDays(today, 60)), reason: 'x', version: c.version });
    expect(shorter.status).toBe(400);
    expect(html(shorter.text)('#f-newEnd-error').text()).toContain('późniejsza niż obecna');
    const newEnd = addDays(today, 200);
    expect((await postForm(worker, `/kontrakty/${id}/przedluzenie`, { newEnd: isoDate(newEnd), reason: 'Kontynuacja udziału w KIS.', version: c.version })).status).toBe(303);
    c = await contract(id);
    expect(isoDate(c.endDate)).toBe(isoDate(newEnd));
    expect(c.extensions).toHaveLength(1);
    expect(isoDate(c.extensions[0]!.previousEnd)).toBe(isoDate(addDays(today, 120)));

    const action = c.actions[0]!;
    expect((await postForm(worker, `/kontrakty/${id}/dzialania/${action.id}/wykonane`, { doneAt: isoDate(today), version: c.version })).status).toBe(303);
    expect((await contract(id)).actions[0]!.doneAt).not.toBeNull();
    // The same click again changes nothing and says why.
    await postForm(worker, `/kontrakty/${id}/dzialania/${action.id}/wykonane`, { doneAt: isoDate(addDays(today, -1)), version: c.version });
    const page = html((await worker.get(`/kontrakty/${id}`)).text);
    expect(page('.notice--error').text()).toContain('zostało już oznaczone jako wykonane');
    expect(isoDate((await contract(id)).actions[0]!.doneAt!)).toBe(isoDate(today));
  });

  it('records a breach only with what happened, and then the contract is closed to changes', async () => {
    const { id, participant } = await createContract({}, 'Złamana');
    const c = await contract(id);
    const bad = await postForm(worker, `/kontrakty/${id}/zakonczenie`, { status: 'BROKEN', statusDate: isoDate(today), version: c.version });
    expect(bad.status).toBe(400);
    expect(html(bad.text)('#f-statusReason-error').text()).toContain('czego osoba nie dotrzymała');
    const ok = await postForm(worker, `/kontrakty/${id}/zakonczenie`, { status: 'BROKEN', statusDate: isoDate(today), statusReason: 'Trzykrotne niestawiennictwo.', version: c.version });
    expect(ok.status).toBe(303);
    expect(await contract(id)).toMatchObject({ status: 'BROKEN', statusReason: 'Trzykrotne niestawiennictwo.' });
    const page = html((await worker.get(`/kontrakty/${id}`)).text);
    expect(page('main').text()).toContain('art. 11 ust. 2');
    const after = await contract(id);
    expect((await postForm(worker, `/kontrakty/${id}/przedluzenie`, { newEnd: isoDate(addDays(today, 400)), reason: 'x', version: after.version })).status).toBe(409);
    expect((await worker.get(`/kontrakty/${id}/edycja`)).status).toBe(303);
    const edit = await postForm(worker, `/kontrakty/${id}`, { ...contractBody(participant.id), version: after.version });
    expect(edit.status).toBe(409);
  });

  it('needs an evaluation to record a contract as fulfilled', async () => {
    const { id } = await createContract({}, 'Zrealizowana');
    const c = await contract(id);
    const bad = await postForm(worker, `/kontrakty/${id}/zakonczenie`, { status: 'FULFILLED', statusDate: isoDate(today), version: c.version });
    expect(bad.status).toBe(400);
    expect(html(bad.text)('#f-evaluation-error').length).toBe(1);
    const ok = await postForm(worker, `/kontrakty/${id}/zakonczenie`, { status: 'FULFILLED', statusDate: isoDate(today), evaluation: 'Cele osiągnięte.', version: c.version });
    expect(ok.status).toBe(303);
  });
});

describe('the printable contract', () => {
  it('is a PDF in the form\'s structure with the person\'s name in Polish letters, goals and actions', async () => {
    const { id, participant } = await createContract({}, 'Łęczyńska-Źdźbło');
    const res = await worker.get(`/kontrakty/${id}/pdf`).buffer(true).parse(binaryParser as never);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const { text } = await pdfText(res.body as Buffer);
    const c = await contract(id);
    for (const s of [
      'KONTRAKT SOCJALNY', `nr ${c.number}`, 'Żaneta Łęczyńska-Źdźbło', participant.pesel!, 'I. Ocena sytuacji życiowej osoby',
      'Pani Żaneta od dwóch lat pozostaje bez pracy', 'II. Cele kontraktu', '1. Ukończenie kursu obsługi komputera.',
      'Działania podejmowane przez osobę zawierającą kontrakt', 'Udział w zajęciach KIS', 'Działania podejmowane przez pracownika socjalnego',
      'IV. Wsparcie oferowane przez ośrodek', 'V. Okres obowiązywania kontraktu', `od ${formatDate(c.startDate)} do ${formatDate(c.endDate)}`,
      'VI. Ocena realizacji kontraktu', 'art. 11 ust. 2', 'podpis osoby zawierającej kontrakt',
    ]) {
      expect(text, s).toContain(s);
    }
    const audit = await ctx.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'contract.print', entityId: String(id) } });
    expect(audit.participantId).toBe(participant.id);
  });
});

describe('other roles', () => {
  it('lets a coordinator read a contract and its PDF but change nothing', async () => {
    const { id } = await createContract({}, 'Koordynowana');
    const c = await contract(id);
    const page = await coordinator.get(`/kontrakty/${id}`);
    expect(page.status).toBe(200);
    const $ = html(page.text);
    expect($(`a[href="/kontrakty/${id}/edycja"]`).length).toBe(0);
    expect($('form[action$="/wykonane"]').length).toBe(0);
    expect((await coordinator.get(`/kontrakty/${id}/pdf`)).status).toBe(200);
    expect((await postForm(coordinator, `/kontrakty/${id}/przedluzenie`, { newEnd: isoDate(addDays(today, 400)), reason: 'x', version: c.version })).status).toBe(403);
  });
});

describe('the social worker\'s dashboard', () => {
  it('links contracts ending soon, reviews due and actions past their deadline', async () => {
    const p = await makeParticipant(ctx.db.prisma, { socialWorkerId: workerId, lastName: 'Pulpitowa' });
    const c = await makeContract(ctx.db.prisma, { participantId: p.id, socialWorkerId: workerId, start: addDays(today, -100), end: addDays(today, 10) });
    const review = await ctx.db.prisma.contractReview.create({ data: { contractId: c.id, dueDate: addDays(today, -2) } });
    await ctx.db.prisma.contractAction.create({ data: { contractId: c.id, position: 1, side: 'PARTICIPANT', description: 'Złożyć wniosek o dodatek mieszkaniowy.', deadline: addDays(today, -5) } });
    const $ = html((await worker.get('/')).text);
    expect($(`#sw-title`).parent().find(`a[href="/kontrakty/${c.id}"]`).length).toBeGreaterThan(0);
    expect($(`a[href="/kontrakty/${c.id}/oceny/${review.id}"]`).length).toBe(1);
    expect($('#sw-overdue').parent().text()).toContain('Złożyć wniosek o dodatek mieszkaniowy.');
  });
});
