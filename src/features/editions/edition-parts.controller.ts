// Groups, programme modules and staff of one edition: each page lists them with an add form, and
// ?edytuj=<id> opens the edit form for one row.
import type { Request, RequestHandler, Response } from 'express';
import type { Database, DbClient } from '../../db/client.ts';
import type { FieldErrors } from '../../http/errors.ts';
import { flash } from '../../http/flash.ts';
import { parseForm } from '../../http/form.ts';
import { actorOf } from '../audit/audit.service.ts';
import { attempt, editionCrumbs, intParam } from './controller-helpers.ts';
import { editionHours } from './edition-overview.service.ts';
import {
  addDefaultModules, addGroup, addModule, assignStaff, deleteGroup, deleteModule, unassignStaff, updateGroup, updateModule,
} from './edition-parts.service.ts';
import { editionStaffSchema, groupSchema, moduleSchema } from './editions.schemas.ts';
import { getEdition } from './editions.service.ts';
import { AREA_LABELS, AREA_VALUES, optionsOf } from './labels.ts';
import { missingDefaults } from './programme-defaults.ts';
import { listStaff } from './staff.service.ts';

type Part = 'groups' | 'modules' | 'staff';
const TITLES: Record<Part, string> = { groups: 'Grupy', modules: 'Program i godziny', staff: 'Kadra edycji' };
const PATHS: Record<Part, string> = { groups: 'grupy', modules: 'program', staff: 'kadra' };

interface RenderState {
  status?: number;
  /** Which form the values and errors belong to: 'add' or the edited row's id. */
  form?: string;
  values?: Record<string, unknown>;
  errors?: FieldErrors;
}

export function editionPartsController(db: Database) {
  const render = async (req: Request, res: Response, part: Part, state: RenderState = {}) => {
    const id = intParam(req, 'id', 'Nie ma takiej edycji.');
    const edition = await getEdition(db.prisma, id);
    const editId = state.form && state.form !== 'add' ? Number(state.form) : Number(req.query.edytuj) || null;
    const extra: Record<string, unknown> = {};
    if (part === 'modules') {
      extra.hours = await editionHours(db.prisma, id);
      extra.missing = missingDefaults(edition.modules.map((m) => m.name));
      extra.areaOptions = optionsOf(AREA_LABELS, AREA_VALUES);
    }
    if (part === 'modules' || part === 'staff') {
      extra.staffOptions = (await listStaff(db.prisma, { activeOnly: true })).map((s) => ({ value: s.id, text: `${s.fullName} (${s.profession})` }));
    }
    const editing = editId
      ? part === 'groups' ? edition.groups.find((g) => g.id === editId) : part === 'modules' ? edition.modules.find((m) => m.id === editId) : null
      : null;
    res.status(state.status ?? 200).render(`editions/${part}`, {
      title: TITLES[part], breadcrumbs: editionCrumbs(edition), edition, tab: part, editing: editing ?? null,
      form: state.form ?? null,
      values: state.values ?? (editing ? { ...editing } : {}),
      errors: state.errors ?? {},
      ...extra,
    });
  };

  /** Parses, calls the service in a transaction, and either redirects with a message or renders again. */
  const handle = <T>(
    part: Part,
    schema: Parameters<typeof parseForm>[0] | null,
    formOf: (req: Request) => string,
    run: (req: Request, data: T, tx: DbClient) => Promise<string>,
  ): RequestHandler => async (req, res) => {
    const id = intParam(req, 'id', 'Nie ma takiej edycji.');
    const values = req.body ?? {};
    const form = formOf(req);
    let data = {} as T;
    if (schema) {
      const parsed = parseForm(schema, values);
      if (!parsed.ok) return render(req, res, part, { status: 400, form, values, errors: parsed.errors });
      data = parsed.data as T;
    }
    let message = '';
    const ok = await attempt(
      async () => { message = await db.prisma.$transaction((tx) => run(req, data, tx)); },
      (status, errors) => render(req, res, part, { status, form, values, errors }),
    );
    if (!ok) return;
    flash(req, 'success', message);
    res.redirect(303, `/edycje/${id}/${PATHS[part]}`);
  };

  const editionId = (req: Request) => intParam(req, 'id', 'Nie ma takiej edycji.');
  const add = () => 'add';
  const row = (name: string) => (req: Request) => String(intParam(req, name));

  return {
    groups: ((req, res) => render(req, res, 'groups')) as RequestHandler,
    modules: ((req, res) => render(req, res, 'modules')) as RequestHandler,
    staff: ((req, res) => render(req, res, 'staff')) as RequestHandler,

    addGroup: handle<ReturnType<typeof groupSchema.parse>>('groups', groupSchema, add, async (req, data, tx) => {
      const g = await addGroup(tx, actorOf(req), editionId(req), data);
      return `Dodano grupę „${g.name}”.`;
    }),
    updateGroup: handle<ReturnType<typeof groupSchema.parse>>('groups', groupSchema, row('groupId'), async (req, data, tx) => {
      await updateGroup(tx, actorOf(req), editionId(req), intParam(req, 'groupId'), data);
      return `Zapisano grupę „${data.name}”.`;
    }),
    deleteGroup: handle('groups', null, add, async (req, _data, tx) => {
      await deleteGroup(tx, actorOf(req), editionId(req), intParam(req, 'groupId'));
      return 'Usunięto grupę.';
    }),

    addModule: handle<ReturnType<typeof moduleSchema.parse>>('modules', moduleSchema, add, async (req, data, tx) => {
      const m = await addModule(tx, actorOf(req), editionId(req), data);
      return `Dodano moduł „${m.name}” (${m.plannedHours} h).`;
    }),
    addDefaults: handle('modules', null, add, async (req, _data, tx) => {
      const n = await addDefaultModules(tx, actorOf(req), editionId(req));
      return n ? `Dodano moduły domyślne: ${n}.` : 'Program ma już wszystkie moduły domyślne.';
    }),
    updateModule: handle<ReturnType<typeof moduleSchema.parse>>('modules', moduleSchema, row('moduleId'), async (req, data, tx) => {
      await updateModule(tx, actorOf(req), editionId(req), intParam(req, 'moduleId'), data);
      return `Zapisano moduł „${data.name}”.`;
    }),
    deleteModule: handle('modules', null, add, async (req, _data, tx) => {
      await deleteModule(tx, actorOf(req), editionId(req), intParam(req, 'moduleId'));
      return 'Usunięto moduł z programu.';
    }),

    assignStaff: handle<ReturnType<typeof editionStaffSchema.parse>>('staff', editionStaffSchema, add, async (req, data, tx) => {
      const s = await assignStaff(tx, actorOf(req), editionId(req), data);
      return `${s.fullName}: zapisano rolę w edycji.`;
    }),
    unassignStaff: handle('staff', null, add, async (req, _data, tx) => {
      await unassignStaff(tx, actorOf(req), editionId(req), intParam(req, 'staffId'));
      return 'Usunięto osobę z kadry edycji.';
    }),
  };
}
