// The PSU forms: agreement, workplace, placement, one day's hours, a dated rate, reopening a month.
import { z } from 'zod';
import { f } from '../../http/form.ts';
import { parseMoney } from '../../lib/money.ts';
import { parseHours } from '../../lib/psu.ts';

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** A percentage typed as "60" or "60,00" → basis points (6000). */
const percentBp = (message: string) =>
  z.preprocess(blank, z.string({ error: message }).transform((v, ctx) => {
    const bp = parseMoney(v.replace('%', ''));
    if (bp === null || bp < 0 || bp > 10_000) {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    }
    return bp;
  }));

const optionalMoney = (message: string) =>
  z.preprocess(blank, z.string().optional().transform((v, ctx) => {
    if (v === undefined) return null;
    const g = parseMoney(v);
    if (g === null || g <= 0 || g > 100_000) {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    }
    return g;
  }));

const periodRefine = <T extends { periodStart: Date; periodEnd: Date }>(v: T) => v.periodEnd >= v.periodStart;

/** Run a cross-field check even when other fields failed, as long as both dates were read. */
const whenDates = (a: string, b: string) => ({
  when: (payload: { value: unknown }) => {
    const v = payload.value as Record<string, unknown>;
    return v[a] instanceof Date && v[b] instanceof Date;
  },
});

const agreementFields = {
  number: f.text('Wpisz numer porozumienia.', 100),
  signedAt: f.date('Podaj datę zawarcia porozumienia.'),
  pupName: f.text('Wpisz nazwę powiatowego urzędu pracy.', 200),
  periodStart: f.date('Podaj początek okresu realizacji.'),
  periodEnd: f.date('Podaj koniec okresu realizacji.'),
  plannedPeople: f.int('Podaj liczbę osób.', 1, 1000),
  plannedHoursPerMonth: f.optionalInt(1, 40),
  refundBasisPoints: percentBp('Podaj procent refundacji od 0 do 100, np. 60 lub 60,00.'),
  ownRateGrosze: optionalMoney('Podaj stawkę godzinową w złotych, np. 10,90, albo zostaw puste.'),
  notes: f.optionalLongText(2000),
};

export const newAgreementSchema = z
  .object({ ...agreementFields, workplaces: f.optionalLongText(4000) })
  .refine(periodRefine, { path: ['periodEnd'], message: 'Koniec okresu nie może być przed jego początkiem.', ...whenDates('periodStart', 'periodEnd') });

export const editAgreementSchema = z
  .object({ ...agreementFields, status: f.choice(['ACTIVE', 'ENDED'], 'Wybierz stan porozumienia.'), version: f.version() })
  .refine(periodRefine, { path: ['periodEnd'], message: 'Koniec okresu nie może być przed jego początkiem.', ...whenDates('periodStart', 'periodEnd') });

export const workplaceSchema = z.object({
  name: f.text('Wpisz nazwę miejsca, np. Urząd Miejski.', 200),
  address: f.optionalText(200),
  supervisor: f.optionalText(120),
  active: f.checkbox(),
});

const placementFields = {
  workplaceId: z.preprocess(blank, z.coerce.number({ error: 'Wybierz miejsce wykonywania prac.' }).int().positive('Wybierz miejsce wykonywania prac.')),
  pupReferralNumber: f.optionalText(100),
  startDate: f.date('Podaj datę rozpoczęcia.'),
  endDate: f.date('Podaj datę zakończenia.'),
  plannedHoursPerMonth: f.int('Podaj planowaną liczbę godzin w miesiącu.', 1, 40),
};

export const newPlacementSchema = z
  .object({
    ...placementFields,
    participantId: z.preprocess(blank, z.coerce.number({ error: 'Wybierz osobę.' }).int().positive('Wybierz osobę.')),
    referralId: z.preprocess(blank, z.coerce.number().int().positive().optional().transform((v) => v ?? null)),
  })
  .refine((v) => v.endDate >= v.startDate, { path: ['endDate'], message: 'Data zakończenia nie może być przed datą rozpoczęcia.', ...whenDates('startDate', 'endDate') });

export const editPlacementSchema = z
  .object({
    ...placementFields,
    status: f.choice(['ACTIVE', 'ENDED'], 'Wybierz stan skierowania.'),
    endReason: f.optionalText(500),
    version: f.version(),
  })
  .refine((v) => v.endDate >= v.startDate, { path: ['endDate'], message: 'Data zakończenia nie może być przed datą rozpoczęcia.', ...whenDates('startDate', 'endDate') })
  .refine((v) => v.status !== 'ENDED' || v.endReason, { path: ['endReason'], message: 'Podaj powód zakończenia, np. podjęcie zatrudnienia.' });

export const DAY_KINDS = ['WORK', 'SICKNESS', 'ABSENCE'] as const;

export const dayEntrySchema = z
  .object({
    date: f.date('Podaj dzień.'),
    kind: f.choice(DAY_KINDS, 'Wybierz, czy to praca, niezdolność do pracy czy nieobecność.'),
    hours: z.preprocess(blank, z.string().optional()),
    note: f.optionalText(300),
  })
  .transform((v, ctx) => {
    if (v.kind !== 'WORK') return { date: v.date, kind: v.kind, minutes: 0, note: v.note };
    const minutes = v.hours === undefined ? null : parseHours(v.hours);
    if (minutes === null || minutes === 0) {
      ctx.addIssue({ code: 'custom', path: ['hours'], message: 'Wpisz przepracowane godziny, np. 4, 4,5 albo 3:30.' });
      return z.NEVER;
    }
    return { date: v.date, kind: v.kind, minutes, note: v.note };
  });

export const rateSchema = z.object({
  validFrom: f.date('Podaj datę, od której obowiązuje stawka.').refine((d) => d.getUTCDate() === 1, 'Stawka obowiązuje od pierwszego dnia miesiąca (np. 01.06.2026), bo rozliczenie jest miesięczne.'),
  rateGrosze: f.money('Podaj stawkę godzinową w złotych, np. 10,90.').refine((g) => g > 0 && g <= 100_000, 'Podaj stawkę godzinową w złotych, np. 10,90.'),
  note: f.optionalText(200),
});

export const reopenSchema = z.object({
  reason: f.text('Podaj powód ponownego otwarcia (co trzeba poprawić).', 1000).refine((s) => s.length >= 10, 'Opisz powód w co najmniej 10 znakach.'),
  version: f.version(),
});
