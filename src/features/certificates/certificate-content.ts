// What a certificate says, frozen at issue in Certificate.content: a reprint years later shows the same
// names, centre, edition, funder, modules and hours even if those records have changed since.
import { isoDate } from '../../lib/dates.ts';
import { KIND_TITLES, type CertificateKindValue, type ModuleHours } from './certificate-rules.ts';

export const FUNDING_LABELS: Record<string, string> = {
  MINISTRY_GRANT: 'dotacja ministerialna',
  EU_ESF: 'Europejski Fundusz Społeczny Plus',
  OWN_BUDGET: 'budżet gminy',
  OTHER: 'inne źródło',
};

export interface CertificateContent {
  v: 1;
  kind: CertificateKindValue;
  title: string;
  number: string;
  issuedOn: string;
  place: string;
  person: { firstName: string; secondName: string | null; lastName: string; birthDate: string; sex: 'MALE' | 'FEMALE' };
  centre: { name: string; address: string; clubName: string; directorName: string | null };
  edition: {
    name: string;
    startDate: string;
    endDate: string;
    funding: string;
    funderName: string | null;
    projectTitle: string | null;
    projectNumber: string | null;
  };
  period: { from: string; to: string };
  modules: { name: string; plannedHours: number; attendedMinutes: number }[];
  totalAttendedMinutes: number;
  attendanceBp: number | null;
  /** Set when the person's data were anonymised after the retention period (src/features/rodo). */
  anonymised?: boolean;
  /** Address of the public verification page as printed (fixed at issue, so reprints match). */
  verifyUrl?: string;
}

export interface ContentSources {
  kind: CertificateKindValue;
  number: string;
  issuedOn: Date;
  person: { firstName: string; secondName: string | null; lastName: string; birthDate: Date; sex: 'MALE' | 'FEMALE' };
  centre: { name: string; street: string; postalCode: string; city: string; clubName: string; directorName: string | null };
  edition: {
    name: string;
    startDate: Date;
    endDate: Date;
    fundingSource: string;
    funderName: string | null;
    projectTitle: string | null;
    projectNumber: string | null;
  };
  enrolment: { startDate: Date; endDate: Date | null };
  hours: readonly ModuleHours[];
  attendanceBp: number | null;
  verifyUrl: string;
}

export function buildCertificateContent(s: ContentSources): CertificateContent {
  const modules = s.hours.map((h) => ({ name: h.name, plannedHours: h.plannedHours, attendedMinutes: h.presentMinutes }));
  const to = s.enrolment.endDate ?? (s.edition.endDate < s.issuedOn ? s.edition.endDate : s.issuedOn);
  return {
    v: 1,
    kind: s.kind,
    title: KIND_TITLES[s.kind],
    number: s.number,
    issuedOn: isoDate(s.issuedOn),
    place: s.centre.city,
    person: { ...s.person, birthDate: isoDate(s.person.birthDate) },
    centre: {
      name: s.centre.name,
      address: [s.centre.street, [s.centre.postalCode, s.centre.city].filter(Boolean).join(' ')].filter(Boolean).join(', '),
      clubName: s.centre.clubName,
      directorName: s.centre.directorName,
    },
    edition: {
      name: s.edition.name,
      startDate: isoDate(s.edition.startDate),
      endDate: isoDate(s.edition.endDate),
      funding: FUNDING_LABELS[s.edition.fundingSource] ?? s.edition.fundingSource,
      funderName: s.edition.funderName,
      projectTitle: s.edition.projectTitle,
      projectNumber: s.edition.projectNumber,
    },
    period: { from: isoDate(s.enrolment.startDate), to: isoDate(to) },
    modules,
    totalAttendedMinutes: modules.reduce((t, m) => t + m.attendedMinutes, 0),
    attendanceBp: s.attendanceBp,
    verifyUrl: s.verifyUrl,
  };
}

/** "Jan Maria Kowalski" */
export function personName(c: CertificateContent): string {
  return [c.person.firstName, c.person.secondName, c.person.lastName].filter(Boolean).join(' ');
}
