// Printed attendance lists (listy obecności) with a signature column: for one session, or for a group's
// month (one column per session). EU-funded editions carry the funder and project lines that signed
// lists must show.
import type { DbClient } from '../../db/client.ts';
import { NotFoundError, ValidationError } from '../../http/errors.ts';
import { formatDate, formatMinuteOfDay, isoDate, MONTH_NAMES, utcDate, endOfMonth, isoWeekday, WEEKDAY_NAMES } from '../../lib/dates.ts';
import { formatHours } from '../../lib/money.ts';
import { createPdf, finishPdf, heading, keyValues, signatures, table, type Column, type Pdf } from '../../pdf/document.ts';
import { centreHeader } from '../../pdf/header.ts';
import { getCentreSettings } from '../settings/settings.service.ts';
import { MARK_LABELS, MARK_SHORT } from '../editions/labels.ts';
import { getSheet } from './attendance.service.ts';

interface FundedEdition {
  name: string;
  fundingSource: string;
  funderName: string | null;
  projectNumber: string | null;
  projectTitle: string | null;
}

/** The header lines under the centre's name: the club, then what the funder requires on documents. */
export function fundingLines(edition: FundedEdition, clubName: string): string[] {
  const lines = [clubName];
  if (edition.fundingSource === 'EU_ESF') {
    lines.push('Projekt współfinansowany ze środków Unii Europejskiej w ramach Europejskiego Funduszu Społecznego Plus');
    if (edition.funderName) lines.push(edition.funderName);
    if (edition.projectTitle) lines.push(`Tytuł projektu: ${edition.projectTitle}`);
    if (edition.projectNumber) lines.push(`Nr projektu: ${edition.projectNumber}`);
  } else if (edition.fundingSource === 'MINISTRY_GRANT') {
    lines.push(`Zadanie finansowane z dotacji z budżetu państwa${edition.funderName ? `: ${edition.funderName}` : ''}`);
  } else if (edition.funderName) {
    lines.push(`Źródło finansowania: ${edition.funderName}`);
  }
  return lines;
}

async function headerFor(db: DbClient, edition: FundedEdition) {
  const settings = await getCentreSettings(db);
  return centreHeader(db, fundingLines(edition, settings?.clubName ?? 'Klub Integracji Społecznej'));
}

const hours = (s: { startMinute: number; endMinute: number }) =>
  `${formatMinuteOfDay(s.startMinute)}–${formatMinuteOfDay(s.endMinute)} (${formatHours(s.endMinute - s.startMinute)} h)`;

export async function sessionListPdf(db: DbClient, sessionId: number): Promise<{ doc: Pdf; fileName: string; editionId: number }> {
  const { session, roster } = await getSheet(db, sessionId);
  if (session.status === 'CANCELLED') throw new ValidationError({ _form: 'Zajęcia są odwołane: nie drukuje się dla nich listy obecności.' });
  const doc = createPdf({
    title: `Lista obecności ${formatDate(session.date)}`,
    header: await headerFor(db, session.edition),
    footerNote: `Lista obecności – ${session.group?.name ?? 'zajęcia indywidualne'}, ${formatDate(session.date)}`,
  });
  heading(doc, 'LISTA OBECNOŚCI');
  keyValues(doc, [
    ['Edycja', session.edition.name],
    ['Grupa', session.group?.name ?? 'zajęcia indywidualne'],
    ['Moduł', session.module?.name ?? '—'],
    ['Temat zajęć', session.topic ?? '.................................................................'],
    ['Data', `${formatDate(session.date)} (${WEEKDAY_NAMES[isoWeekday(session.date) - 1]})`],
    ['Godziny', hours(session)],
    ['Miejsce', session.location ?? session.group?.location ?? '—'],
    ['Prowadzący', session.staff ? `${session.staff.fullName}, ${session.staff.profession}` : '—'],
  ]);
  const columns: Column<(typeof roster)[number]>[] = [
    { header: 'Lp.', width: 5, align: 'right', value: (_r, i) => String(i + 1) },
    { header: 'Nazwisko i imię', width: 38, value: (r) => `${r.lastName} ${r.firstName}` },
    { header: 'Podpis uczestnika', width: 33, value: () => '' },
    { header: 'Uwagi', width: 24, value: (r) => (r.mark && r.mark !== 'PRESENT' ? MARK_LABELS[r.mark] : '') },
  ];
  table(doc, columns, roster, { rowHeight: 28, fontSize: 10 });
  signatures(doc, ['Prowadzący zajęcia (data i podpis)', 'Koordynator KIS (data i podpis)']);
  finishPdf(doc);
  return { doc, fileName: `Lista obecności ${session.group?.name ?? 'indywidualne'} ${isoDate(session.date)}.pdf`, editionId: session.editionId };
}

/** Sessions per page of the month list: beyond this the columns get too narrow to sign in. */
const COLUMNS_PER_PAGE = 9;

export async function monthListPdf(db: DbClient, editionId: number, groupId: number, year: number, month: number): Promise<{ doc: Pdf; fileName: string }> {
  const group = await db.editionGroup.findFirst({ where: { id: groupId, editionId }, include: { edition: true } });
  if (!group) throw new NotFoundError('Nie ma takiej grupy w tej edycji.');
  const from = utcDate(year, month, 1);
  const to = endOfMonth(from);
  const sessions = await db.classSession.findMany({
    where: { groupId, date: { gte: from, lte: to }, status: { not: 'CANCELLED' } },
    orderBy: [{ date: 'asc' }, { startMinute: 'asc' }],
    include: { attendance: true, module: { select: { name: true } }, staff: { select: { fullName: true } } },
  });
  const enrolments = await db.enrolment.findMany({
    where: { groupId, startDate: { lte: to }, OR: [{ endDate: null }, { endDate: { gte: from } }] },
    include: { participant: { select: { id: true, firstName: true, lastName: true } } },
  });
  const people = new Map(enrolments.map((e) => [e.participantId, e.participant]));
  const markedIds = [...new Set(sessions.flatMap((s) => s.attendance.map((a) => a.participantId)))].filter((id) => !people.has(id));
  for (const p of await db.participant.findMany({ where: { id: { in: markedIds } }, select: { id: true, firstName: true, lastName: true } })) people.set(p.id, p);
  const rows = [...people.values()].sort((a, b) => a.lastName.localeCompare(b.lastName, 'pl') || a.firstName.localeCompare(b.firstName, 'pl'));
  const marks = new Map(sessions.flatMap((s) => s.attendance.map((a) => [`${s.id}:${a.participantId}`, a.status] as const)));
  const monthLabel = `${MONTH_NAMES[month - 1]} ${year}`;

  const doc = createPdf({
    title: `Lista obecności ${group.name} ${monthLabel}`,
    header: await headerFor(db, group.edition),
    landscape: true,
    footerNote: `Lista obecności – ${group.name}, ${monthLabel}`,
  });
  const pages = Math.max(1, Math.ceil(sessions.length / COLUMNS_PER_PAGE));
  for (let page = 0; page < pages; page++) {
    if (page > 0) doc.addPage();
    const chunk = sessions.slice(page * COLUMNS_PER_PAGE, (page + 1) * COLUMNS_PER_PAGE);
    heading(doc, `LISTA OBECNOŚCI – ${monthLabel}${pages > 1 ? ` (część ${page + 1} z ${pages})` : ''}`);
    keyValues(doc, [
      ['Edycja', group.edition.name],
      ['Grupa', `${group.name}${group.location ? `, ${group.location}` : ''}`],
      ['Okres', `${formatDate(from)}–${formatDate(to)}`],
      ['Zajęcia w miesiącu', `${sessions.length} (${formatHours(sessions.reduce((t, s) => t + s.endMinute - s.startMinute, 0))} h)`],
    ]);
    if (sessions.length === 0) {
      doc.text('W tym miesiącu grupa nie ma zajęć w harmonogramie.');
      break;
    }
    const columns: Column<(typeof rows)[number]>[] = [
      { header: 'Lp.', width: 3, align: 'right', value: (_r, i) => String(i + 1) },
      { header: 'Nazwisko i imię', width: 16, value: (p) => `${p.lastName} ${p.firstName}` },
      ...chunk.map((s) => ({
        header: `${formatDate(s.date).slice(0, 5)}\n${formatMinuteOfDay(s.startMinute)}–${formatMinuteOfDay(s.endMinute)}`,
        width: 7,
        align: 'center' as const,
        value: (p: (typeof rows)[number]) => {
          const m = marks.get(`${s.id}:${p.id}`);
          return m && m !== 'PRESENT' ? MARK_SHORT[m] : '';
        },
      })),
    ];
    table(doc, columns, rows, { rowHeight: 24, fontSize: 8.5, footer: ['', 'Podpis prowadzącego', ...chunk.map(() => '\n\n')] });
    doc.font('regular').fontSize(8).text('Uczestnik podpisuje się w kolumnie zajęć, na których był obecny. nb. – nieobecność, usp. – nieobecność usprawiedliwiona.');
    doc.fontSize(10);
  }
  signatures(doc, ['Koordynator KIS (data i podpis)']);
  finishPdf(doc);
  return { doc, fileName: `Lista obecności ${group.name} ${year}-${String(month).padStart(2, '0')}.pdf` };
}
