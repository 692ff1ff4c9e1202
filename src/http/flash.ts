// One-time messages shown on the next page ("Zapisano zmiany.").
import type { Request } from 'express';

export function flash(req: Request, kind: 'success' | 'info' | 'error', text: string): void {
  (req.session.flash ??= []).push({ kind, text });
}
