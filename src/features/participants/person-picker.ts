// The first step of a new referral, contract or PSU placement started outside a person's card: find the person by name or
// PESEL and choose them. A search rather than one long list, so the step stays light in a register of tens
// of thousands; without a search it shows the worker's own caseload, where most new documents start.
import type { Request, Response } from 'express';
import type { DbClient } from '../../db/client.ts';
import { listQuerySchema } from './participants.schemas.ts';
import { listParticipants } from './participants.service.ts';
import { DOCUMENT_TYPE_LABELS } from './participants.labels.ts';

export interface PersonPickerPage {
  title: string;
  breadcrumbs: { href: string; text: string }[];
  /** The address of this step (its search form sends here). */
  action: string;
  /** Where choosing a person goes (the form, started for them). */
  next: (participantId: number) => string;
  lead: string;
  /** People to offer before any search (e.g. those with an open PSU referral), with a short note each. */
  suggested?: { heading: string; people: { id: number; firstName: string; lastName: string; birthDate: Date; note: string }[] };
}

export async function renderPersonPicker(db: DbClient, req: Request, res: Response, page: PersonPickerPage): Promise<void> {
  const q = listQuerySchema.parse({ q: req.query.q, page: req.query.page });
  const searching = (q.q ?? '') !== '';
  let mine = !searching;
  let result = await listParticipants(db, { ...q, status: 'ACTIVE', mine: mine ? req.user!.id : undefined });
  if (mine && result.total === 0) {
    // No caseload of one's own (a coordinator, an administrator): everyone with an active case.
    mine = false;
    result = await listParticipants(db, { ...q, status: 'ACTIVE' });
  }
  const link = (n: number) => `${page.action}?${new URLSearchParams({ ...(searching ? { q: q.q! } : {}), page: String(n) })}`;
  res.render('participants/picker', { ...page, query: q, searching, mine, ...result, link, documentLabels: DOCUMENT_TYPE_LABELS });
}
