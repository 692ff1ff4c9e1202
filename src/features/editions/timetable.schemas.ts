import { z } from 'zod';
import { f } from '../../http/form.ts';
import { parseMinuteOfDay } from '../../lib/dates.ts';

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** "15:30" → 930 minutes after midnight. */
const time = (message: string) =>
  z.preprocess(blank, z.string({ error: message }).transform((v, ctx) => {
    const m = parseMinuteOfDay(v);
    if (m === null) {
      ctx.addIssue({ code: 'custom', message: 'Podaj godzinę w formacie GG:MM, np. 15:00.' });
      return z.NEVER;
    }
    return m;
  }));

const optionalId = () => f.optionalInt(1, 2_147_483_647);

function endAfterStart(v: { startMinute: number; endMinute: number }, ctx: z.RefinementCtx) {
  if (v.endMinute <= v.startMinute) ctx.addIssue({ code: 'custom', path: ['endMinute'], message: 'Godzina zakończenia musi być późniejsza niż rozpoczęcia.' });
}

export const generateSchema = z
  .object({
    groupId: f.int('Wybierz grupę.', 1, 2_147_483_647),
    moduleId: optionalId(),
    staffId: optionalId(),
    startDate: f.date('Podaj datę pierwszych zajęć.'),
    weekdays: f.choices(['1', '2', '3', '4', '5', '6'] as const, 'Zaznacz co najmniej jeden dzień tygodnia.', 1),
    startMinute: time('Podaj godzinę rozpoczęcia.'),
    endMinute: time('Podaj godzinę zakończenia.'),
    count: f.optionalInt(1, 200),
    weeks: f.optionalInt(1, 52),
    location: f.optionalText(200),
    topic: f.optionalText(200),
  })
  .superRefine(endAfterStart)
  .superRefine((v, ctx) => {
    if ((v.count === null) === (v.weeks === null)) {
      ctx.addIssue({ code: 'custom', path: ['count'], message: 'Podaj liczbę zajęć albo liczbę tygodni (jedno z dwóch).' });
    }
  })
  .transform(({ weekdays, ...v }) => ({ ...v, weekdays: weekdays.map(Number) }));

export type GenerateInput = z.output<typeof generateSchema>;

const sessionFields = {
  moduleId: optionalId(),
  staffId: optionalId(),
  date: f.date('Podaj datę zajęć.'),
  startMinute: time('Podaj godzinę rozpoczęcia.'),
  endMinute: time('Podaj godzinę zakończenia.'),
  topic: f.optionalText(200),
  location: f.optionalText(200),
};

export const newSessionSchema = z
  .object({
    target: z.preprocess(blank, z.string({ error: 'Wybierz grupę albo uczestnika.' }).regex(/^[gp]\d{1,9}$/, 'Wybierz grupę albo uczestnika.')),
    ...sessionFields,
  })
  .superRefine(endAfterStart)
  .superRefine((v, ctx) => {
    if (v.target.startsWith('p') && v.staffId === null) {
      ctx.addIssue({ code: 'custom', path: ['staffId'], message: 'Zajęcia indywidualne prowadzi ktoś z kadry: wybierz osobę.' });
    }
  })
  .transform(({ target, ...v }) => ({
    ...v,
    groupId: target.startsWith('g') ? Number(target.slice(1)) : null,
    participantId: target.startsWith('p') ? Number(target.slice(1)) : null,
  }));

export type NewSessionInput = z.output<typeof newSessionSchema>;

export const editSessionSchema = z.object({ ...sessionFields, version: f.version() }).superRefine(endAfterStart);
export type EditSessionInput = z.output<typeof editSessionSchema>;

export const cancelSchema = z.object({
  cancelReason: f.text('Wpisz powód odwołania, np. choroba prowadzącego.', 300),
  version: f.version(),
});

export const versionSchema = z.object({ version: f.version() });
