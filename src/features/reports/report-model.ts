// The shapes of the reports. A report is plain JSON (tables of whole numbers with a measure per column),
// so the HTML page, the PDF, the spreadsheet and a closed month's snapshot all carry the same numbers.
import type { DatedRate } from '../../lib/psu.ts';

/** count: people or items; minutes: shown as hours; grosze: money; bp: percent in basis points; score: hundredths. */
export type Measure = 'count' | 'minutes' | 'grosze' | 'bp' | 'score';

export interface ReportColumn {
  label: string;
  measure: Measure;
}

export interface ReportRow {
  label: string;
  values: (number | null)[];
}

export interface ReportTable {
  id: string;
  title: string;
  note?: string;
  columns: ReportColumn[];
  rows: ReportRow[];
  /** Sum of the rows for count, minutes and grosze columns; the pooled rate for bp columns. */
  total?: ReportRow;
}

export interface ChartBar {
  label: string;
  values: (number | null)[];
}

export interface ReportChart {
  id: string;
  title: string;
  measure: Measure;
  series: string[];
  bars: ChartBar[];
}

export interface ReportDocument {
  kind: 'MONTHLY' | 'YEARLY';
  year: number;
  /** 1–12; 0 for a yearly report. */
  month: number;
  title: string;
  periodLabel: string;
  from: string;
  to: string;
  generatedAt: string;
  sections: { title: string; tables: ReportTable[] }[];
  charts: ReportChart[];
  /** Set when the report comes from a closed (frozen) snapshot. */
  closed?: { at: string; by: string | null };
}

export type Sex = 'MALE' | 'FEMALE';

export interface ReportData {
  participants: { id: number; sex: Sex; birthDate: Date }[];
  enrolments: {
    participantId: number;
    editionId: number;
    startDate: Date;
    endDate: Date | null;
    status: 'ACTIVE' | 'COMPLETED' | 'DROPPED_OUT' | 'MOVED';
    tookUpEmployment: boolean;
    employmentDate: Date | null;
    surveyStartScore: number | null;
    surveyEndScore: number | null;
  }[];
  referrals: { kind: 'KIS' | 'PSU'; status: string; submittedOn: Date | null; decidedOn: Date | null; eligibilityBases: string[]; participantId: number }[];
  editions: { id: number; name: string; excusedCountsAsPresent: boolean; groups: { id: number; name: string }[] }[];
  sessions: {
    editionId: number;
    groupId: number | null;
    date: Date;
    minutes: number;
    status: 'PLANNED' | 'HELD' | 'CANCELLED';
    moduleArea: string | null;
    present: number;
    excused: number;
    absent: number;
  }[];
  contracts: { startDate: Date; status: 'ACTIVE' | 'FULFILLED' | 'BROKEN' | 'ENDED_EARLY'; statusDate: Date | null }[];
  certificates: { kind: string; issuedOn: Date; revokedOn: Date | null }[];
  psuAgreements: { id: number; number: string; refundBasisPoints: number; ownRateGrosze: number | null }[];
  psuRates: DatedRate[];
  /** Rows of closed PSU months, exactly as stored. */
  psuClosed: { agreementId: number; year: number; month: number; participantId: number; minutes: number; amountGrosze: number; refundGrosze: number }[];
  /** Minutes worked per placement in months not yet closed, to be settled with the shared rules. */
  psuOpen: { agreementId: number; year: number; month: number; participantId: number; placementId: number; minutes: number }[];
  individualPlans: { madeOn: Date }[];
  staff: { profession: string; editionIds: number[] }[];
}

export interface Period {
  from: Date;
  to: Date;
}

export const within = (d: Date | null | undefined, p: Period): boolean => !!d && d >= p.from && d <= p.to;
