// Import pages: upload a sheet, see its preview, run the import and follow its progress.
import type { Request, RequestHandler, Response } from 'express';
import type { Database } from '../../db/client.ts';
import { ConflictError, NotFoundError } from '../../http/errors.ts';
import { flash } from '../../http/flash.ts';
import { idParam } from '../../http/form.ts';
import { formatDayCell } from '../../lib/psu.ts';
import { actorOf } from '../audit/audit.service.ts';
import { polishPlural } from '../editions/labels.ts';
import { SEX_LABELS } from '../participants/participants.labels.ts';
import { COLUMNS, templateCsv, type ColumnKey } from './columns.ts';
import { SheetError } from './csv-text.ts';
import { cancelPreview, createPreview, getBatch, getBatchStatus, IMPORT_KINDS, listBatches, previewInfo, storedRows, type ImportKind } from './import-batches.service.ts';
import { importProgress } from './import-progress.ts';
import { settleAbandoned, startImport } from './import-run.service.ts';
import { PSU_COLUMNS, PSU_SHEET, type PsuColumnKey } from './psu-columns.ts';
import { previewPsuHours, psuSample } from './psu-import.service.ts';
import type { SheetRow } from './sheet-columns.ts';
import { previewSample } from './sheet-check.service.ts';
import { MAX_ROWS } from './sheet-reader.ts';

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
/** The preview lists at most this many rows with problems (the counts cover them all). */
const PROBLEM_ROWS_SHOWN = 1000;
/** How long the import button waits for a small import to finish before showing the progress page. */
const WAIT_FOR_SMALL_IMPORT_MS = 1500;

/** "1 osobę", "3 osoby", "5 osób" (as in "importuj …"). */
const people = (n: number) => `${new Intl.NumberFormat('pl-PL').format(n)} ${polishPlural(n, 'osobę', 'osoby', 'osób')}`;
/** "1 wpis", "3 wpisy", "5 wpisów". */
const entries = (n: number) => `${new Intl.NumberFormat('pl-PL').format(n)} ${polishPlural(n, 'wpis', 'wpisy', 'wpisów')}`;

const crumbs = [{ href: '/', text: 'Pulpit' }, { href: '/admin/import', text: 'Import danych' }];

function batchId(req: Request): number {
  const r = idParam.safeParse(req.params.id);
  if (!r.success) throw new NotFoundError('Nie ma takiego importu.');
  return r.data;
}

export function importController(db: Database) {
  const renderIndex = async (res: Response, status: number, extra: Record<string, unknown> = {}) => {
    res.status(status).render('import/index', {
      title: 'Import danych',
      breadcrumbs: crumbs.slice(0, 1),
      columns: COLUMNS,
      psuColumns: PSU_COLUMNS,
      kinds: IMPORT_KINDS,
      batches: await listBatches(db.prisma),
      maxMb: MAX_UPLOAD_BYTES / 1024 / 1024,
      maxRows: MAX_ROWS,
      ...extra,
    });
  };

  const index: RequestHandler = (_req, res) => renderIndex(res, 200);

  const template: RequestHandler = (_req, res) => {
    res.type('text/csv; charset=utf-8').attachment('wzor-importu-osob.csv').send(templateCsv());
  };

  const psuTemplate: RequestHandler = (_req, res) => {
    res.type('text/csv; charset=utf-8').attachment('wzor-importu-godzin-psu.csv').send(PSU_SHEET.templateCsv());
  };

  const upload: RequestHandler = async (req, res) => {
    const { file, problem } = req.upload!;
    const body = req.body as Record<string, unknown>;
    const kind = (IMPORT_KINDS as readonly unknown[]).includes(body.kind) ? (body.kind as ImportKind) : 'participants';
    const values = { kind };
    if (problem || !file) return renderIndex(res, problem?.status ?? 400, { values, errors: { file: problem?.message ?? 'Nie wybrano pliku.' } });
    try {
      const batch = kind === 'psu-hours'
        ? await previewPsuHours(db, actorOf(req), file)
        : await db.prisma.$transaction((tx) => createPreview(tx, actorOf(req), file), { timeout: 120_000 });
      res.redirect(303, `/admin/import/${batch.id}`);
    } catch (err) {
      if (!(err instanceof SheetError)) throw err;
      await renderIndex(res, 400, { values, errors: { file: `Plik „${file.fileName}”: ${err.message}` } });
    }
  };

  const show: RequestHandler = async (req, res) => {
    const id = batchId(req);
    let batch = await getBatch(db.prisma, id);
    if (await settleAbandoned(db, batch)) batch = await getBatch(db.prisma, id);
    const info = previewInfo(batch);
    const rows = storedRows<string>(batch);
    const byRow = new Map(rows.map((r) => [r.row, r.values]));
    const problems = (info?.problems ?? []).slice(0, PROBLEM_ROWS_SHOWN).map((p) => ({ ...p, values: byRow.get(p.row) ?? null }));
    const clean = batch.status === 'PREVIEW' && info.summary.withErrors === 0;
    res.render('import/batch', {
      title: `${batch.kind === 'psu-hours' ? 'Import godzin PSU' : 'Import osób'} z pliku ${batch.fileName}`,
      breadcrumbs: crumbs,
      batch,
      info,
      problems,
      problemsHidden: Math.max(0, (info?.problems.length ?? 0) - PROBLEM_ROWS_SHOWN),
      // A clean preview shows its first rows as they will be saved.
      sample: clean && batch.kind === 'participants' ? await previewSample(db.prisma, rows as SheetRow<ColumnKey>[], 10) : [],
      psuRows: clean && batch.kind === 'psu-hours' ? await psuSample(db.prisma, rows as SheetRow<PsuColumnKey>[], 10) : [],
      progress: importProgress(id) ?? null,
      sexLabels: SEX_LABELS,
      formatDayCell,
      people,
      entries,
    });
  };

  const progress: RequestHandler = async (req, res) => {
    const id = batchId(req);
    const batch = await getBatchStatus(db.prisma, id);
    const live = importProgress(id);
    res.set('Cache-Control', 'no-store').json({
      status: batch.status,
      phase: live?.phase ?? null,
      done: live ? live.done : batch.doneRows,
      total: batch.totalRows,
    });
  };

  const run: RequestHandler = async (req, res) => {
    const id = batchId(req);
    try {
      const { job } = await startImport(db, actorOf(req), id);
      // A small file is done in a moment: show its result rather than a progress page that flashes by.
      await Promise.race([job, new Promise((r) => setTimeout(r, WAIT_FOR_SMALL_IMPORT_MS))]);
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      flash(req, 'error', err.publicMessage);
    }
    res.redirect(303, `/admin/import/${id}`);
  };

  const cancel: RequestHandler = async (req, res) => {
    const id = batchId(req);
    try {
      await db.prisma.$transaction((tx) => cancelPreview(tx, actorOf(req), id));
      flash(req, 'success', 'Anulowano import. Nic nie zapisano.');
      res.redirect(303, '/admin/import');
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      flash(req, 'error', err.publicMessage);
      res.redirect(303, `/admin/import/${id}`);
    }
  };

  return { index, template, psuTemplate, upload, show, progress, run, cancel };
}
