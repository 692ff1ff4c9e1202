import { z } from 'zod';
import { f } from '../../http/form.ts';
import { CERTIFICATE_KINDS } from './certificate-rules.ts';

export const issueSchema = z.object({
  enrolmentId: f.int('Nie wskazano uczestnika.', 1, 2_147_483_647),
  kind: f.choice(CERTIFICATE_KINDS, 'Wybierz rodzaj zaświadczenia.'),
});

export const editionIssueSchema = z.object({
  kind: f.choice(CERTIFICATE_KINDS, 'Wybierz rodzaj zaświadczenia.'),
});

export const revokeSchema = z.object({
  reason: f.text('Podaj powód unieważnienia.', 500),
});

export const kindQuery = z.object({
  rodzaj: z.enum(CERTIFICATE_KINDS).catch('KIS_COMPLETION'),
});
