import { z } from 'zod';
import { f } from '../../http/form.ts';
import { PASSWORD_MIN_LENGTH } from '../../lib/password.ts';

export const ROLE_VALUES = ['ADMIN', 'SOCIAL_WORKER', 'COORDINATOR', 'DIRECTOR'] as const;

const password = z
  .string({ error: 'Wpisz hasło.' })
  .min(PASSWORD_MIN_LENGTH, `Hasło musi mieć co najmniej ${PASSWORD_MIN_LENGTH} znaków.`)
  .max(200, 'Hasło może mieć najwyżej 200 znaków.');

const email = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
  z.email('Podaj prawidłowy adres e-mail.').optional().transform((v) => v ?? null),
);

export const newUserSchema = z
  .object({
    login: z
      .string({ error: 'Wpisz login.' })
      .trim()
      .min(3, 'Login musi mieć co najmniej 3 znaki.')
      .max(50, 'Login może mieć najwyżej 50 znaków.')
      .regex(/^[a-zA-Z0-9._-]+$/, 'Login może zawierać tylko litery bez polskich znaków, cyfry, kropkę, podkreślenie i myślnik.'),
    fullName: f.text('Wpisz imię i nazwisko.', 120),
    email,
    roles: f.choices(ROLE_VALUES, 'Wybierz co najmniej jedną rolę.', 1),
    password,
    password2: z.string().optional(),
  })
  .refine((v) => v.password === v.password2, { path: ['password2'], message: 'Hasła nie są takie same.' });

export const editUserSchema = z.object({
  fullName: f.text('Wpisz imię i nazwisko.', 120),
  email,
  roles: f.choices(ROLE_VALUES, 'Wybierz co najmniej jedną rolę.', 1),
  active: f.checkbox(),
  version: f.version(),
});

export const passwordSchema = z
  .object({ password, password2: z.string().optional() })
  .refine((v) => v.password === v.password2, { path: ['password2'], message: 'Hasła nie są takie same.' });

export const ownPasswordSchema = z
  .object({ current: z.string().min(1, 'Wpisz obecne hasło.'), password, password2: z.string().optional() })
  .refine((v) => v.password === v.password2, { path: ['password2'], message: 'Hasła nie są takie same.' });
