// The pages the benchmark drives. Ids come from the scale seed's fixed numbering (src/db/seed-scale.ts):
// edition 1 is the newest (running); its groups are 1 and 2 with people 1–12 and 13–24; agreement 1 is
// the PSU agreement; the last edition (40 × N) is the oldest, closed, with certificates issued.
import type { LoadRequest } from './load.ts';

export interface PageContext {
  base: string;
  scale: number;
  login(loginName: string): Promise<string>;
}

export interface BenchPage {
  name: string;
  request: LoadRequest | (() => LoadRequest);
  /** List pages are held to at least 25% of the baseline's throughput. */
  list?: boolean;
  /** Concurrency levels for this page when not all of the run's (a cold recomputation is measured alone). */
  levels?: number[];
}

async function fetchText(ctx: PageContext, path: string, cookie: string): Promise<{ status: number; text: string }> {
  const res = await fetch(`${ctx.base}${path}`, { headers: { cookie } });
  return { status: res.status, text: await res.text() };
}

/** Held sessions of edition 1 with the marks their attendance sheet shows (read from the pages). */
async function attendanceSheets(ctx: PageContext, cookie: string) {
  const sheets: { id: number; token: string; marks: Map<string, string> }[] = [];
  for (let id = 1; id <= 120 && sheets.length < 40; id++) {
    const { status, text } = await fetchText(ctx, `/zajecia/${id}/obecnosc`, cookie);
    if (status !== 200 || !text.includes('Zapisz obecność') || !/value="PRESENT"\s+checked|checked[^>]*value="PRESENT"/.test(text)) continue;
    const token = /name="_csrf" value="([^"]+)"/.exec(text)![1]!;
    const marks = new Map<string, string>();
    for (const m of text.matchAll(/<input[^>]*name="(mark_\d+)"[^>]*>/g)) {
      const tag = m[0];
      if (/\bchecked\b/.test(tag)) marks.set(m[1]!, /value="(\w+)"/.exec(tag)![1]!);
    }
    if (marks.size) sheets.push({ id, token, marks });
  }
  if (!sheets.length) throw new Error('No held attendance sheet found for the save benchmark');
  return sheets;
}

export async function benchPages(ctx: PageContext): Promise<BenchPage[]> {
  const [coordinator, director, worker] = await Promise.all([ctx.login('koordynator'), ctx.login('dyrektor'), ctx.login('pracownik')]);
  const get = (path: string, cookie: string): LoadRequest => ({ method: 'GET', path, headers: { cookie } });
  const today = new Date();
  const lastMonth = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 1));
  const [ly, lm] = [lastMonth.getUTCFullYear(), lastMonth.getUTCMonth() + 1];
  // The month before last is closed in the scale seed (settled and frozen, as sent to the PUP).
  const closedMonth = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 2, 1));
  const closedKey = `${closedMonth.getUTCFullYear()}-${String(closedMonth.getUTCMonth() + 1).padStart(2, '0')}`;
  const oldestEdition = 40 * ctx.scale;

  // Attendance save: each request saves a whole group's sheet with every mark flipped (12 changes), taking
  // sessions in turn so no two connections save the same session at once; the marks it sent become the
  // next request's "as loaded" marks, so the three-way check sees no conflict.
  const sheets = await attendanceSheets(ctx, coordinator);
  let turn = 0;
  const save = (): LoadRequest => {
    const sheet = sheets[turn++ % sheets.length]!;
    const body = new URLSearchParams({ _csrf: sheet.token, topic: '', topicWas: '' });
    for (const [name, mark] of sheet.marks) {
      const next = mark === 'PRESENT' ? 'ABSENT' : 'PRESENT';
      body.set(name, next);
      body.set(name.replace('mark_', 'was_'), mark);
      sheet.marks.set(name, next);
    }
    return { method: 'POST', path: `/zajecia/${sheet.id}/obecnosc`, headers: { cookie: coordinator, 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString(), ok: [303] };
  };

  const surnames = ['Nowak', 'Wójcik', 'Kowalczyk', 'Mazur', 'Król', 'Żurek', 'Śliwa', 'Dudek'];
  let s = 0;
  return [
    { name: 'wyszukiwanie uczestników', list: true, request: () => get(`/uczestnicy?q=${encodeURIComponent(surnames[s++ % surnames.length]!)}`, worker) },
    { name: 'wyszukiwanie po PESEL (prefiks)', list: true, request: get('/uczestnicy?q=85', worker) },
    { name: 'karta osoby', request: () => get(`/uczestnicy/${1 + (s++ % 24)}`, worker) },
    { name: 'lista obecności (GET)', request: () => get(`/zajecia/${sheets[s++ % sheets.length]!.id}/obecnosc`, coordinator) },
    { name: 'zapis obecności (POST)', request: save },
    { name: 'strona edycji', request: get('/edycje/1', coordinator) },
    { name: 'lista edycji', list: true, request: get('/edycje', coordinator) },
    { name: 'pulpit pracownika', request: get('/', worker) },
    { name: 'pulpit koordynatora', request: get('/', coordinator) },
    { name: 'pulpit dyrektora', request: get('/', director) },
    { name: 'raport miesięczny (HTML)', request: get(`/raporty/miesieczny/${ly}/${lm}`, director) },
    { name: 'raport miesięczny (PDF)', request: get(`/raporty/miesieczny/${ly}/${lm}/pdf`, director) },
    // "Przelicz teraz": the report computed from the data on every request, the cost the cache hides.
    { name: 'raport miesięczny (przeliczenie)', request: get(`/raporty/miesieczny/${ly}/${lm}?przelicz=1`, director), levels: [1] },
    { name: 'rozliczenie PSU (PDF, miesiąc otwarty)', request: get(`/psu/porozumienia/1/rozliczenie/${ly}-${String(lm).padStart(2, '0')}/rozliczenie.pdf`, coordinator) },
    { name: 'rozliczenie PSU (PDF, zamknięty)', request: get(`/psu/porozumienia/1/rozliczenie/${closedKey}/rozliczenie.pdf`, coordinator) },
    { name: 'zaświadczenia edycji (PDF)', request: get(`/zaswiadczenia/edycja/${oldestEdition}/pdf`, coordinator) },
  ];
}
