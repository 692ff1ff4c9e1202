// Checks a whole sheet: every row with the participant form's rules, then the same person twice in the
// file or already in the register (PESEL, or document type and number). Used for the preview and again
// inside the import's transaction, so what is written is what was checked at that moment.
import type { DbClient } from '../../db/client.ts';
import { DuplicateParticipantError } from '../participants/participants.service.ts';
import { checkRow, workerFinder, type RowCheck, type SheetRow, type WorkerRef } from './participant-rows.ts';

export interface SheetCheck {
  rows: RowCheck[];
  summary: { total: number; ok: number; withErrors: number; duplicates: number };
}

/** Active users with the social-worker role (filtered here: see listSocialWorkers on enum arrays). */
export async function activeSocialWorkers(db: DbClient): Promise<WorkerRef[]> {
  const users = await db.user.findMany({ where: { active: true }, select: { id: true, login: true, fullName: true, roles: true } });
  return users.filter((u) => u.roles.includes('SOCIAL_WORKER')).map(({ id, login, fullName }) => ({ id, login, fullName }));
}

const CHUNK = 1000;
function chunks<T>(list: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK));
  return out;
}

/** The identity a row claims: its PESEL (digits as typed) or its document. */
function identityOf(r: SheetRow): { pesel?: string; document?: string } {
  const pesel = r.values.pesel?.replace(/[\s-]+/g, '');
  if (pesel) return { pesel };
  if (r.values.documentNumber) return { document: `${(r.values.documentType ?? '').toLowerCase()}|${r.values.documentNumber.toUpperCase()}` };
  return {};
}

export async function checkSheet(db: DbClient, sheetRows: SheetRow[]): Promise<SheetCheck> {
  const findWorker = workerFinder(await activeSocialWorkers(db));
  const rows = sheetRows.map((r) => checkRow(r, findWorker));
  const addProblem = (i: number, problem: string) => {
    rows[i]!.problems.push(problem);
    rows[i]!.duplicate = true;
    rows[i]!.input = null;
  };

  // The same person twice in the file: every row involved is reported, naming the others.
  const byIdentity = new Map<string, number[]>();
  sheetRows.forEach((r, i) => {
    const id = identityOf(r);
    // A mended PESEL (leading zero restored) counts as the number the form accepted.
    const key = rows[i]!.input?.pesel ? `p:${rows[i]!.input!.pesel}` : id.pesel ? `p:${id.pesel}` : id.document ? `d:${id.document}` : null;
    if (key) byIdentity.set(key, [...(byIdentity.get(key) ?? []), i]);
  });
  for (const [key, indexes] of byIdentity) {
    if (indexes.length < 2) continue;
    const what = key.startsWith('p:') ? 'Ten sam numer PESEL' : 'Ten sam dokument';
    for (const i of indexes) {
      const others = indexes.filter((j) => j !== i).map((j) => sheetRows[j]!.row);
      addProblem(i, `Duplikat w pliku: ${what} jest też w ${others.length > 1 ? 'wierszach' : 'wierszu'} ${others.join(', ')}.`);
    }
  }

  // Already in the register: the participant form's own message.
  const pesels = [...new Set(rows.map((r) => r.input?.pesel).filter((p): p is string => Boolean(p)))];
  const who = { id: true, firstName: true, lastName: true, pesel: true, documentType: true, documentNumber: true } as const;
  const registered = new Map<string, { id: number; firstName: string; lastName: string }>();
  for (const part of chunks(pesels)) {
    for (const p of await db.participant.findMany({ where: { pesel: { in: part } }, select: who })) registered.set(`p:${p.pesel}`, p);
  }
  const documents = [...new Set(rows.map((r) => (r.input?.documentNumber ? r.input.documentNumber : null)).filter((d): d is string => Boolean(d)))];
  for (const part of chunks(documents)) {
    for (const p of await db.participant.findMany({ where: { documentNumber: { in: part } }, select: who })) {
      registered.set(`d:${p.documentType}|${p.documentNumber}`, p);
    }
  }
  rows.forEach((r, i) => {
    const input = r.input;
    if (!input) return;
    if (input.pesel && registered.has(`p:${input.pesel}`)) {
      addProblem(i, `Duplikat w rejestrze: ${new DuplicateParticipantError('pesel', registered.get(`p:${input.pesel}`)!).publicMessage}`);
    } else if (input.documentType && input.documentNumber && registered.has(`d:${input.documentType}|${input.documentNumber}`)) {
      addProblem(i, `Duplikat w rejestrze: ${new DuplicateParticipantError('documentNumber', registered.get(`d:${input.documentType}|${input.documentNumber}`)!).publicMessage}`);
    }
  });

  const withErrors = rows.filter((r) => r.problems.length).length;
  return {
    rows,
    summary: { total: rows.length, ok: rows.length - withErrors, withErrors, duplicates: rows.filter((r) => r.duplicate).length },
  };
}

/** The first rows as they will be saved (birth date and sex taken from the PESEL, the worker found). */
export async function previewSample(db: DbClient, sheetRows: SheetRow[], count: number) {
  const workers = await activeSocialWorkers(db);
  const findWorker = workerFinder(workers);
  const names = new Map(workers.map((w) => [w.id, w.fullName]));
  return sheetRows.slice(0, count).flatMap((r) => {
    const { input } = checkRow(r, findWorker);
    return input ? [{ row: r.row, input, worker: input.socialWorkerId ? (names.get(input.socialWorkerId) ?? '') : '' }] : [];
  });
}
