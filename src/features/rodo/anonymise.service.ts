// Anonymisation of people whose case closed longer ago than the configured retention (RODO art. 5(1)(e)).
// Names, PESEL, documents, address, contact, free-text narratives and special-category data are removed;
// what statistics need stays (sex, year of birth, education, labour status, eligibility bases, outcomes,
// attendance marks, PSU hours and amounts), so old reports still add up.
import type { Db, DbClient } from '../../db/client.ts';
import { isoDate, utcDate, warsawDate } from '../../lib/dates.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';

export const REDACTED = '[zanonimizowano]';

/** What the administrator is told before running it (and what the code below does). */
export const ANONYMISATION_REMOVES = [
  'imię, drugie imię i nazwisko (zastąpione napisem „Osoba zanonimizowana nr …”)',
  'PESEL, rodzaj i numer dokumentu tożsamości',
  'adres, telefon, e-mail, uwagi, data rejestracji i profil pomocy w PUP',
  'dokładna data urodzenia (zostaje sam rok)',
  'wszystkie dane szczególnych kategorii (niepełnosprawność, uzależnienia, zdrowie, bezdomność, zakład karny)',
  'opisy w skierowaniach i kontraktach socjalnych (uzasadnienia, ocena sytuacji, cele, działania, notatki z ocen)',
  'opinie, uwagi do obecności i godzin PSU, indywidualne plany działania, numery skierowań z PUP',
  'imię, nazwisko i data urodzenia w treści wydanych zaświadczeń',
  'wartości „przed” i „po” w dzienniku zdarzeń dotyczących tej osoby',
];

export const ANONYMISATION_KEEPS = [
  'płeć, rok urodzenia, obywatelstwo, wykształcenie i sytuacja na rynku pracy',
  'podstawy kwalifikacji ze skierowań (art. 1 ust. 2 ustawy o zatrudnieniu socjalnym) i stany skierowań',
  'okresy i stany kontraktów socjalnych',
  'udział w edycjach KIS, obecności, wyniki i rezultaty (np. podjęcie pracy)',
  'godziny i kwoty prac społecznie użytecznych (rozliczenia z PUP nadal się sumują)',
  'numery zaświadczeń w rejestrze',
  'wpisy w dzienniku zdarzeń: kto, kiedy i co zrobił (bez wartości)',
];

/** The day a case closed on `caseClosedAt` becomes due (the same arithmetic as the cutoff below). */
export function anonymisationDate(caseClosedAt: Date, years: number): Date {
  return utcDate(caseClosedAt.getUTCFullYear() + years, caseClosedAt.getUTCMonth() + 1, caseClosedAt.getUTCDate());
}

/** The anonymised name: the first name is left empty so "surname first name" and "first name surname" both read well. */
export function anonymisedName(id: number): { firstName: string; lastName: string } {
  return { firstName: '', lastName: `Osoba zanonimizowana nr ${id}` };
}

export async function retentionYears(db: DbClient): Promise<number> {
  return (await db.centreSettings.findUnique({ where: { id: 1 }, select: { retentionYears: true } }))?.retentionYears ?? 10;
}

/** People due for anonymisation on `today`: case closed on or before today minus the retention. */
export async function findDueForAnonymisation(db: DbClient, today = warsawDate()) {
  const years = await retentionYears(db);
  const cutoff = utcDate(today.getUTCFullYear() - years, today.getUTCMonth() + 1, today.getUTCDate());
  const people = await db.participant.findMany({
    where: { status: 'CLOSED', caseClosedAt: { lte: cutoff } },
    orderBy: { caseClosedAt: 'asc' },
    select: { id: true, firstName: true, lastName: true, caseClosedAt: true, birthDate: true },
  });
  return { years, cutoff, people };
}

/** Anonymises one person inside the caller's transaction. */
export async function anonymiseParticipant(tx: DbClient, actor: Actor | null, id: number): Promise<void> {
  const p = await tx.participant.findUniqueOrThrow({ where: { id }, select: { birthDate: true, status: true } });
  if (p.status === 'ANONYMISED') return;
  const yearOnly = utcDate(p.birthDate.getUTCFullYear(), 7, 1);
  await tx.participant.update({
    where: { id },
    data: {
      pesel: null,
      documentType: null,
      documentNumber: null,
      ...anonymisedName(id),
      secondName: null,
      // Year of birth stays for age bands in reports.
      birthDate: yearOnly,
      street: null,
      houseNumber: null,
      flatNumber: null,
      postalCode: null,
      city: null,
      phone: null,
      email: null,
      notes: null,
      pupProfile: null,
      pupRegisteredAt: null,
      status: 'ANONYMISED',
      anonymisedAt: new Date(),
      version: { increment: 1 },
    },
  });
  await tx.participantSensitive.deleteMany({ where: { participantId: id } });
  await tx.referral.updateMany({ where: { participantId: id }, data: { reasons: REDACTED, rejectionReason: null, withdrawalReason: null } });
  const contracts = await tx.socialContract.findMany({ where: { participantId: id }, select: { id: true } });
  const contractIds = contracts.map((c) => c.id);
  await tx.socialContract.updateMany({
    where: { id: { in: contractIds } },
    data: { assessment: REDACTED, causes: REDACTED, supportOffered: REDACTED, evaluation: null, statusReason: null, thirdPartyName: null },
  });
  await tx.contractGoal.updateMany({ where: { contractId: { in: contractIds } }, data: { description: REDACTED } });
  await tx.contractAction.updateMany({ where: { contractId: { in: contractIds } }, data: { description: REDACTED } });
  await tx.contractReview.updateMany({ where: { contractId: { in: contractIds } }, data: { notes: null } });
  await tx.contractExtension.updateMany({ where: { contractId: { in: contractIds } }, data: { reason: REDACTED } });
  await tx.enrolment.updateMany({ where: { participantId: id }, data: { opinionStart: null, opinionEnd: null, outcomeReason: null } });
  await tx.individualPlan.updateMany({ where: { participantId: id }, data: { goals: REDACTED, notes: null } });
  await tx.attendance.updateMany({ where: { participantId: id }, data: { note: null } });
  // An individual session's topic may name the person.
  await tx.classSession.updateMany({ where: { participantId: id }, data: { topic: null } });
  await tx.psuHourEntry.updateMany({ where: { participantId: id }, data: { note: null } });
  await tx.psuPlacement.updateMany({ where: { participantId: id }, data: { pupReferralNumber: null, endReason: null } });
  const certs = await tx.certificate.findMany({ where: { participantId: id }, select: { id: true, content: true, revokedReason: true } });
  for (const c of certs) {
    // The frozen content keeps the person under `person` (see certificates/certificate-content.ts).
    const old = c.content as Record<string, unknown>;
    const oldPerson = (old.person ?? {}) as Record<string, unknown>;
    const person = { ...anonymisedName(id), secondName: null, birthDate: isoDate(yearOnly), sex: oldPerson.sex ?? null };
    const content = { ...old, person, anonymised: true };
    await tx.certificate.update({ where: { id: c.id }, data: { content, revokedReason: c.revokedReason ? REDACTED : null } });
  }
  // The log keeps who did what and when about this person, but no longer the values.
  await tx.$executeRawUnsafe(`SET LOCAL reintegra.audit_maintenance = 'on'`);
  await tx.$executeRaw`UPDATE audit_log SET details = NULL WHERE participant_id = ${id} AND details IS NOT NULL`;
  await tx.$executeRawUnsafe(`SET LOCAL reintegra.audit_maintenance = 'off'`);
  await recordAudit(tx, actor, { action: 'participant.anonymise', entityType: 'participant', entityId: id, participantId: id });
}

/** Anonymises everyone due, each person in its own transaction; returns how many. */
export async function anonymiseDue(db: Db, actor: Actor | null, today = warsawDate()): Promise<number> {
  const { people } = await findDueForAnonymisation(db, today);
  for (const p of people) {
    await db.$transaction((tx) => anonymiseParticipant(tx, actor, p.id), { timeout: 60_000 });
  }
  return people.length;
}
