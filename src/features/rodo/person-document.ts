// The art. 15 document as plain Polish sections (headings, label–value rows, tables, paragraphs), built
// from collectPersonData without touching the database. The PDF draws these sections; the same labels
// the rest of the app uses (participants, referrals, contracts, club, certificates) name every value.
import { formatDateTime } from '../../lib/dates.ts';
import * as C from '../contracts/contracts.labels.ts';
import * as P from '../participants/participants.labels.ts';
import * as R from '../referrals/referrals.labels.ts';
import { buildTrail } from './correction-trail.ts';
import { address, d, dash, fullName, yesNo, type Block, type Section } from './document-format.ts';
import { clubSections } from './person-document-club.ts';
import type { PersonData } from './person-data.service.ts';
import { rightsInformation } from './rights-info.ts';

function personalSection(data: PersonData): Section {
  const p = data.person;
  if (p.status === 'ANONYMISED') {
    return {
      heading: '1. Dane osobowe',
      blocks: [
        { kind: 'text', text: `Dane osobowe zostały zanonimizowane ${d(p.anonymisedAt)} po upływie okresu przechowywania. W systemie zostały tylko dane statystyczne:` },
        { kind: 'rows', rows: [['Oznaczenie w rejestrze', fullName(p)], ['Rok urodzenia', String(p.birthDate.getUTCFullYear())], ['Płeć', P.SEX_LABELS[p.sex]], ['Obywatelstwo', p.citizenship], ['Wykształcenie', p.education ? P.EDUCATION_LABELS[p.education] : '—'], ['Sytuacja na rynku pracy', p.labourStatus ? P.LABOUR_STATUS_LABELS[p.labourStatus] : '—']] },
      ],
    };
  }
  const rows: [string, string][] = [
    ['Imię i nazwisko', fullName(p)],
    ['PESEL', dash(p.pesel)],
  ];
  if (p.documentType) rows.push(['Dokument tożsamości', `${P.DOCUMENT_TYPE_LABELS[p.documentType]} ${dash(p.documentNumber)}`]);
  rows.push(
    ['Data urodzenia', d(p.birthDate)],
    ['Płeć', P.SEX_LABELS[p.sex]],
    ['Obywatelstwo', p.citizenship],
    ['Adres', dash(address(p))],
    ['Telefon', dash(p.phone)],
    ['E-mail', dash(p.email)],
    ['Wykształcenie', p.education ? P.EDUCATION_LABELS[p.education] : '—'],
    ['Sytuacja na rynku pracy', p.labourStatus ? P.LABOUR_STATUS_LABELS[p.labourStatus] : '—'],
    ['Rejestracja w powiatowym urzędzie pracy', p.pupRegisteredAt ? `od ${d(p.pupRegisteredAt)}${p.pupProfile ? `, ${P.PUP_PROFILE_LABELS[p.pupProfile]}` : ''}` : '—'],
    ['Pracownik socjalny prowadzący', p.socialWorker?.fullName ?? 'nie przypisano'],
    ['Stan sprawy', `${P.PARTICIPANT_STATUS_LABELS[p.status]}${p.caseClosedAt ? ` od ${d(p.caseClosedAt)}` : ''}`],
    ['Wpisano do rejestru', formatDateTime(p.createdAt)],
  );
  if (p.notes) rows.push(['Uwagi', p.notes]);
  return { heading: '1. Dane osobowe', blocks: [{ kind: 'rows', rows }] };
}

function sensitiveSection(data: PersonData): Section {
  const s = data.person.sensitive;
  const heading = '2. Dane szczególnych kategorii (art. 9 i 10 RODO)';
  const flags = s ? (Object.keys(P.SENSITIVE_FLAG_LABELS) as (keyof typeof P.SENSITIVE_FLAG_LABELS)[]).filter((k) => s[k]) : [];
  if (!s || (!flags.length && !s.disabilityLevel && !s.addictionTherapy && !s.healthNotes)) {
    return { heading, blocks: [{ kind: 'text', text: data.person.status === 'ANONYMISED' ? 'Usunięte przy anonimizacji.' : 'Nie odnotowano.' }] };
  }
  const rows: [string, string][] = [];
  if (s.disabilityLevel) rows.push(['Niepełnosprawność', `${P.DISABILITY_LEVEL_LABELS[s.disabilityLevel]}${s.disabilityValidUntil ? `, orzeczenie ważne do ${d(s.disabilityValidUntil)}` : ''}`]);
  if (flags.length) rows.push(['Dotyczy', flags.map((k) => P.SENSITIVE_FLAG_LABELS[k]).join('; ')]);
  if (s.addictionTherapy) rows.push(['Terapia uzależnień', s.addictionTherapy]);
  if (s.healthNotes) rows.push(['Informacje o zdrowiu', s.healthNotes]);
  return { heading, blocks: [{ kind: 'rows', rows }] };
}

function referralsSection(data: PersonData): Section {
  const blocks: Block[] = [];
  for (const r of data.person.referrals) {
    blocks.push({ kind: 'subheading', text: `Skierowanie nr ${r.number} – ${R.REFERRAL_KIND_LABELS[r.kind]}` });
    const rows: [string, string][] = [
      ['Stan', R.REFERRAL_STATUS_LABELS[r.status]],
      ['Utworzone', formatDateTime(r.createdAt)],
      ['Złożone', r.submittedAt ? formatDateTime(r.submittedAt) : '—'],
      ['Decyzja', r.decidedAt ? formatDateTime(r.decidedAt) : '—'],
      ['Podstawy kwalifikacji (art. 1 ust. 2 ustawy o zatrudnieniu socjalnym)', r.eligibilityBases.map((b) => R.ELIGIBILITY_LABELS[b]).join('; ') || '—'],
      ['Uzasadnienie', r.reasons],
    ];
    if (r.edition) rows.push(['Edycja KIS', `${r.edition.name}${r.group ? `, ${r.group.name}` : ''}`]);
    if (r.psuAgreement) rows.push(['Porozumienie PSU', `${r.psuAgreement.number} (${r.psuAgreement.pupName})`]);
    rows.push(['Zgoda osoby', r.consentGiven ? `tak${r.consentDate ? `, ${d(r.consentDate)}` : ''}` : 'nie odnotowano']);
    if (r.gdprInfoDate) rows.push(['Przekazano informację o przetwarzaniu danych', d(r.gdprInfoDate)]);
    if (r.rejectionReason) rows.push(['Powód odrzucenia', r.rejectionReason]);
    if (r.withdrawalReason) rows.push(['Powód wycofania', r.withdrawalReason]);
    blocks.push({ kind: 'rows', rows });
  }
  if (!blocks.length) blocks.push({ kind: 'text', text: 'Brak skierowań.' });
  return { heading: '3. Skierowania', blocks };
}

function contractsSection(data: PersonData): Section {
  const blocks: Block[] = [];
  for (const c of data.person.contracts) {
    blocks.push({ kind: 'subheading', text: `Kontrakt socjalny nr ${c.number}` });
    const rows: [string, string][] = [
      ['Rodzaj', C.CONTRACT_KIND_LABELS[c.kind]],
      ['Zawarty', d(c.signedAt)],
      ['Okres obowiązywania', `${d(c.startDate)} – ${d(c.endDate)}`],
      ['Pracownik socjalny', c.socialWorker.fullName],
      ['Stan', `${C.CONTRACT_STATUS_LABELS[c.status]}${c.statusDate ? ` (${d(c.statusDate)})` : ''}`],
    ];
    if (c.thirdPartyName) rows.push(['Trzecia strona', c.thirdPartyName]);
    if (c.statusReason) rows.push(['Powód zakończenia', c.statusReason]);
    rows.push(['Ocena sytuacji', c.assessment], ['Przyczyny trudnej sytuacji', c.causes], ['Oferowane wsparcie', c.supportOffered]);
    if (c.evaluation) rows.push(['Ocena realizacji kontraktu', c.evaluation]);
    blocks.push({ kind: 'rows', rows });
    blocks.push({
      kind: 'table', empty: 'Brak wpisanych celów.',
      columns: [{ header: 'Lp.', width: 5 }, { header: 'Cel', width: 75 }, { header: 'Osiągnięty', width: 20 }],
      rows: c.goals.map((g) => [String(g.position), g.description, yesNo(g.achieved)]),
    });
    blocks.push({
      kind: 'table', empty: 'Brak wpisanych działań.',
      columns: [{ header: 'Strona', width: 22 }, { header: 'Działanie', width: 50 }, { header: 'Termin', width: 14 }, { header: 'Wykonano', width: 14 }],
      rows: c.actions.map((a) => [C.CONTRACT_SIDE_LABELS[a.side], a.description, d(a.deadline), d(a.doneAt)]),
    });
    blocks.push({
      kind: 'table', empty: 'Nie zaplanowano ocen realizacji.',
      columns: [{ header: 'Ocena planowana', width: 18 }, { header: 'Odbyta', width: 14 }, { header: 'Notatka z oceny', width: 68 }],
      rows: c.reviews.map((r) => [d(r.dueDate), d(r.heldAt), dash(r.notes)]),
    });
    for (const x of c.extensions) blocks.push({ kind: 'text', text: `Przedłużono z ${d(x.previousEnd)} do ${d(x.newEnd)}: ${x.reason}` });
  }
  if (!blocks.length) blocks.push({ kind: 'text', text: 'Brak kontraktów socjalnych.' });
  return { heading: '4. Kontrakty socjalne', blocks };
}

function trailSection(data: PersonData): Section {
  const trail = buildTrail(data.changes, data.workerNames);
  const describe = (e: (typeof trail)[number]) =>
    [
      ...e.changes.map((c) => `${c.field}: ${c.before} → ${c.after}`),
      ...(e.sensitiveFields.length ? [`dane szczególnych kategorii (bez treści): ${e.sensitiveFields.join(', ')}`] : []),
      ...(e.note ? [e.note] : []),
    ].join('\n');
  return {
    heading: '8. Historia zmian danych',
    blocks: [
      { kind: 'text', text: 'Każde wpisanie i każda zmiana danych jest zapisywana w dzienniku zdarzeń ośrodka. Poniżej: kiedy, kto (stanowisko) i co zmienił. Treści danych szczególnych kategorii dziennik nie przechowuje – tylko nazwy zmienionych pól.' },
      {
        kind: 'table', empty: 'Brak zapisanych zmian.',
        columns: [{ header: 'Kiedy', width: 16 }, { header: 'Kto', width: 16 }, { header: 'Zdarzenie', width: 18 }, { header: 'Co zmieniono (przed → po)', width: 50 }],
        rows: trail.map((e) => [formatDateTime(e.at), e.whoRole, e.actionLabel, describe(e)]),
      },
    ],
  };
}

function informationSection(data: PersonData): Section {
  const blocks: Block[] = [];
  for (const s of rightsInformation(data.centre, data.person)) {
    blocks.push({ kind: 'subheading', text: s.letter ? `${s.heading} (art. 15 ust. 1 lit. ${s.letter})` : s.heading });
    for (const p of s.paragraphs) blocks.push({ kind: 'text', text: p });
  }
  return { heading: '9. Informacje o przetwarzaniu danych i Pani/Pana prawach', blocks };
}

/** Every section of the art. 15 document, in reading order. */
export function personDocument(data: PersonData): Section[] {
  return [
    personalSection(data),
    sensitiveSection(data),
    referralsSection(data),
    contractsSection(data),
    ...clubSections(data),
    trailSection(data),
    informationSection(data),
  ];
}
