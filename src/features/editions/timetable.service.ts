// Generating a group's sessions from weekdays, times and a number of sessions or weeks. Holidays and the
// group's already taken dates are skipped (the session moves to the next slot, so the count holds);
// the coordinator sees the dates and the skipped days before saving, and again after.
import type { DbClient } from '../../db/client.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { formatDate, formatMinuteOfDay, isoDate, MONTH_NAMES } from '../../lib/dates.ts';
import { generateTimetable, type PlannedSession } from '../../lib/timetable.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { getOpenEdition } from './editions.service.ts';
import { findClashes } from './session-rules.ts';
import type { GenerateInput } from './timetable.schemas.ts';

export interface TimetablePreview {
  sessions: PlannedSession[];
  skipped: { date: Date; reason: string }[];
  perMonth: { label: string; count: number; minutes: number }[];
  totalMinutes: number;
  /** Problems that stop saving (dates after the edition's end, clashes). */
  problems: string[];
  /** The plan's identity: saving checks the plan is still the one the user saw. */
  key: string;
}

const keyOf = (sessions: readonly PlannedSession[]) =>
  sessions.map((s) => `${isoDate(s.date)}@${s.startMinute}-${s.endMinute}`).join(',');

export async function previewTimetable(db: DbClient, editionId: number, input: GenerateInput): Promise<TimetablePreview> {
  const edition = await getOpenEdition(db, editionId);
  const group = await db.editionGroup.findFirst({ where: { id: input.groupId, editionId } });
  if (!group) throw new ValidationError({ groupId: 'Wybierz grupę z tej edycji.' });
  if (input.moduleId !== null && !(await db.programmeModule.findFirst({ where: { id: input.moduleId, editionId } }))) {
    throw new ValidationError({ moduleId: 'Wybierz moduł z programu tej edycji.' });
  }
  if (input.staffId !== null && !(await db.staffMember.findUnique({ where: { id: input.staffId } }))) {
    throw new ValidationError({ staffId: 'Wybierz osobę z kadry.' });
  }
  if (input.startDate < edition.startDate || input.startDate > edition.endDate) {
    throw new ValidationError({ startDate: `Pierwsze zajęcia muszą wypaść w okresie edycji (${formatDate(edition.startDate)}–${formatDate(edition.endDate)}).` });
  }

  const existing = await db.classSession.findMany({
    where: { editionId, status: { not: 'CANCELLED' }, date: { gte: input.startDate } },
    select: { id: true, date: true, startMinute: true, endMinute: true, groupId: true, participantId: true, staffId: true },
  });
  // A day on which the group already meets at an overlapping time is taken: the generator skips it.
  const taken = new Set(
    existing
      .filter((s) => s.groupId === group.id && s.startMinute < input.endMinute && input.startMinute < s.endMinute)
      .map((s) => isoDate(s.date)),
  );
  const slots = input.weekdays.map((weekday) => ({ weekday, startMinute: input.startMinute, endMinute: input.endMinute }));
  const plan = generateTimetable({ startDate: input.startDate, slots, count: input.count ?? undefined, weeks: input.weeks ?? undefined, taken });

  const problems: string[] = [];
  const late = plan.sessions.filter((s) => s.date > edition.endDate);
  if (late.length) {
    problems.push(`Zajęć po zakończeniu edycji (${formatDate(edition.endDate)}): ${late.length}, ostatnie ${formatDate(late.at(-1)!.date)}. Zmniejsz liczbę zajęć albo wydłuż okres edycji.`);
  }
  const members = new Set((await db.enrolment.findMany({ where: { groupId: group.id, status: 'ACTIVE' }, select: { participantId: true } })).map((e) => e.participantId));
  for (const s of plan.sessions) {
    const clashes = findClashes({ ...s, groupId: group.id, participantId: null, staffId: input.staffId }, existing, { groupMemberIds: members });
    problems.push(...clashes);
  }

  const months = new Map<string, { label: string; count: number; minutes: number }>();
  for (const s of plan.sessions) {
    const k = isoDate(s.date).slice(0, 7);
    const m = months.get(k) ?? { label: `${MONTH_NAMES[s.date.getUTCMonth()]} ${s.date.getUTCFullYear()}`, count: 0, minutes: 0 };
    m.count += 1;
    m.minutes += s.endMinute - s.startMinute;
    months.set(k, m);
  }
  return {
    sessions: plan.sessions,
    skipped: plan.skipped,
    perMonth: [...months.values()],
    totalMinutes: plan.sessions.reduce((t, s) => t + s.endMinute - s.startMinute, 0),
    problems: [...new Set(problems)],
    key: keyOf(plan.sessions),
  };
}

/** The plan changed between the preview and saving: the page shows the new preview. */
export class TimetableChangedError extends ConflictError {
  constructor(readonly preview: TimetablePreview) {
    super('Terminy zmieniły się od podglądu (zmienione pola albo ktoś inny dodał zajęcia tej grupie). Sprawdź nowe terminy poniżej i zapisz ponownie.');
  }
}

export interface SaveResult {
  created: number;
  alreadySaved: boolean;
  preview: TimetablePreview;
  groupName: string;
}

export async function saveTimetable(db: DbClient, actor: Actor, editionId: number, input: GenerateInput, expectedKey: string): Promise<SaveResult> {
  const group = await db.editionGroup.findFirst({ where: { id: input.groupId, editionId } });
  if (!group) throw new NotFoundError('Nie ma takiej grupy w tej edycji.');
  // Serialise generation for one group (two tabs, a double click): the second waits and sees the first's rows.
  await db.$queryRaw`SELECT id FROM edition_groups WHERE id = ${group.id} FOR UPDATE`;
  const preview = await previewTimetable(db, editionId, input);
  if (preview.key !== expectedKey) {
    if (await isAlreadySaved(db, group.id, input, expectedKey)) return { created: 0, alreadySaved: true, preview, groupName: group.name };
    throw new TimetableChangedError(preview);
  }
  if (preview.problems.length) throw new ValidationError({ _form: preview.problems[0]! });
  await db.classSession.createMany({
    data: preview.sessions.map((s) => ({
      editionId, groupId: group.id, moduleId: input.moduleId, staffId: input.staffId, date: s.date,
      startMinute: s.startMinute, endMinute: s.endMinute, location: input.location ?? group.location, topic: input.topic,
    })),
  });
  await recordAudit(db, actor, {
    action: 'timetable.generate',
    entityType: 'edition',
    entityId: editionId,
    details: {
      groupId: group.id,
      sessions: preview.sessions.length,
      from: isoDate(preview.sessions[0]!.date),
      to: isoDate(preview.sessions.at(-1)!.date),
      time: `${formatMinuteOfDay(input.startMinute)}–${formatMinuteOfDay(input.endMinute)}`,
      skipped: preview.skipped.map((s) => `${isoDate(s.date)} ${s.reason}`),
    },
  });
  return { created: preview.sessions.length, alreadySaved: false, preview, groupName: group.name };
}

/** A repeated submit of a plan that is already in the timetable (every session exists as planned). */
async function isAlreadySaved(db: DbClient, groupId: number, input: GenerateInput, key: string): Promise<boolean> {
  const wanted = key.split(',').filter(Boolean);
  if (wanted.length === 0) return false;
  const rows = await db.classSession.findMany({
    where: { groupId, status: { not: 'CANCELLED' }, moduleId: input.moduleId },
    select: { date: true, startMinute: true, endMinute: true },
  });
  const have = new Set(rows.map((r) => `${isoDate(r.date)}@${r.startMinute}-${r.endMinute}`));
  return wanted.every((w) => have.has(w));
}
