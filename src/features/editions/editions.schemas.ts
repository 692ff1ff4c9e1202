import { z } from 'zod';
import { f } from '../../http/form.ts';
import { AREA_VALUES, FUNDING_VALUES } from './labels.ts';

const editionShape = {
  name: f.text('Wpisz nazwę edycji, np. KIS – edycja jesienna 2026.', 150),
  startDate: f.date('Podaj datę rozpoczęcia edycji.'),
  endDate: f.date('Podaj datę zakończenia edycji.'),
  fundingSource: f.choice(FUNDING_VALUES, 'Wybierz źródło finansowania.'),
  funderName: f.optionalText(200),
  projectNumber: f.optionalText(60),
  projectTitle: f.optionalText(300),
  plannedParticipants: f.int('Podaj planowaną liczbę uczestników.', 1, 500),
  completionThresholdPct: f.int('Podaj próg ukończenia w procentach.', 1, 100),
  excusedCountsAsPresent: f.checkbox(),
  notes: f.optionalLongText(2000),
};

type EditionFields = { startDate: Date; endDate: Date; fundingSource: string; funderName: string | null; projectNumber: string | null };

function checkEdition(v: EditionFields, ctx: z.RefinementCtx) {
  if (v.endDate < v.startDate) ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'Data zakończenia nie może być wcześniejsza niż data rozpoczęcia.' });
  if (v.fundingSource === 'EU_ESF') {
    // EU-funded lists and certificates must name the programme and the project's number.
    if (!v.projectNumber) ctx.addIssue({ code: 'custom', path: ['projectNumber'], message: 'Podaj numer projektu (np. FEPM.05.16-IZ.00-0042/24).' });
    if (!v.funderName) ctx.addIssue({ code: 'custom', path: ['funderName'], message: 'Podaj program lub instytucję finansującą projekt.' });
  }
}

export const editionSchema = z.object({ ...editionShape, version: f.version() }).superRefine(checkEdition);

export const newEditionSchema = z
  .object({
    ...editionShape,
    groupCount: f.int('Podaj liczbę grup.', 1, 10),
    groupCapacity: f.int('Podaj liczbę miejsc w grupie.', 1, 50),
    addDefaultProgramme: f.checkbox(),
  })
  .superRefine(checkEdition);

export const groupSchema = z.object({
  name: f.text('Wpisz nazwę grupy, np. Grupa C.', 40),
  capacity: f.int('Podaj liczbę miejsc.', 1, 50),
  location: f.optionalText(200),
});

export const moduleSchema = z.object({
  name: f.text('Wpisz nazwę modułu.', 120),
  area: f.choice(AREA_VALUES, 'Wybierz obszar wsparcia.'),
  plannedHours: f.int('Podaj planowaną liczbę godzin.', 0, 1000),
  position: f.optionalInt(0, 999),
  staffId: f.optionalInt(1, 2_147_483_647),
});

export const editionStaffSchema = z.object({
  staffId: f.int('Wybierz osobę z kadry.', 1, 2_147_483_647),
  role: f.text('Wpisz rolę w edycji, np. psycholog – diagnoza osobowości.', 120),
});

const optionalEmail = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
  z.email('Podaj prawidłowy adres e-mail.').optional().transform((v) => v ?? null),
);

export const staffMemberSchema = z.object({
  fullName: f.text('Wpisz imię i nazwisko.', 120),
  profession: f.text('Wpisz zawód lub specjalność, np. psycholog.', 80),
  email: optionalEmail,
  phone: f.optionalText(40),
  active: f.checkbox(),
});

/** Reopening a closed edition: why, for the log, and the version read (two administrators at once). */
export const reopenEditionSchema = z.object({
  reason: f.text('Podaj powód ponownego otwarcia (co trzeba poprawić).', 1000).refine((s) => s.length >= 10, 'Opisz powód w co najmniej 10 znakach.'),
  version: f.version(),
});
