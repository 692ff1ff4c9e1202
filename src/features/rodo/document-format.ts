// Small building blocks of the art. 15 document: its section model and value formatting.
import { formatDate } from '../../lib/dates.ts';

export type Block =
  | { kind: 'rows'; rows: [string, string][] }
  | { kind: 'table'; columns: { header: string; width: number }[]; rows: string[][]; empty: string }
  | { kind: 'text'; text: string }
  | { kind: 'subheading'; text: string };

export interface Section {
  heading: string;
  blocks: Block[];
}

export const dash = (v: string | null | undefined) => (v === null || v === undefined || v === '' ? '—' : v);
export const d = (v: Date | null | undefined) => (v ? formatDate(v) : '—');
export const yesNo = (v: boolean | null | undefined) => (v === null || v === undefined ? '—' : v ? 'tak' : 'nie');

/** "Jan Maria Kowalski"; an anonymised person has an empty first name. */
export function fullName(p: { firstName: string; secondName?: string | null; lastName: string }): string {
  return [p.firstName, p.secondName, p.lastName].filter(Boolean).join(' ');
}

export function address(p: { street: string | null; houseNumber: string | null; flatNumber: string | null; postalCode: string | null; city: string | null }): string {
  const line1 = [p.street, [p.houseNumber, p.flatNumber].filter(Boolean).join('/')].filter(Boolean).join(' ');
  const line2 = [p.postalCode, p.city].filter(Boolean).join(' ');
  return [line1, line2].filter(Boolean).join(', ');
}
