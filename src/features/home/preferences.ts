// Display preferences (larger text, high contrast) kept in a cookie, so they work before login
// and without JavaScript.
import type { Request, Response } from 'express';

export interface Preferences {
  largeText: boolean;
  highContrast: boolean;
}

const COOKIE = 'reintegra.prefs';

export function readPreferences(req: Request): Preferences {
  const raw = (req.headers.cookie ?? '')
    .split(';')
    .map((c) => c.trim())
    .find((c) => c.startsWith(`${COOKIE}=`))
    ?.slice(COOKIE.length + 1);
  const parts = new Set(decodeURIComponent(raw ?? '').split(','));
  return { largeText: parts.has('large'), highContrast: parts.has('contrast') };
}

export function writePreferences(res: Response, prefs: Preferences, secure: boolean): void {
  const value = [prefs.largeText && 'large', prefs.highContrast && 'contrast'].filter(Boolean).join(',');
  res.cookie(COOKIE, value, { maxAge: 365 * 86_400_000, httpOnly: true, sameSite: 'lax', secure });
}

/** Only local paths are followed back, never another site. */
export function safeReturnPath(value: unknown, fallback = '/'): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : fallback;
}
