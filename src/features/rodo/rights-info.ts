// What art. 15 ust. 1 lit. a–h and ust. 2 RODO require besides the copy of the data, in plain Polish:
// who holds the data and how to reach them, why and on what legal basis, what kinds of data, to whom
// they go, how long they are kept, the person's rights, the complaint to the supervisory authority,
// where the data came from, and that no decision is made by a machine alone.
import { anonymisationDate } from './anonymise.service.ts';
import { formatDate } from '../../lib/dates.ts';
import { polishPlural } from '../editions/labels.ts';

/** "1 rok", "3 lata", "10 lat". */
export const yearsCount = (n: number) => `${n} ${polishPlural(n, 'rok', 'lata', 'lat')}`;

export interface CentreContact {
  name: string;
  street: string;
  postalCode: string;
  city: string;
  phone?: string | null;
  email?: string | null;
  /** The data protection officer's contact, when the centre has entered it. */
  dpoContact?: string | null;
  retentionYears: number;
}

export interface InfoSection {
  /** Letter of art. 15 ust. 1 the section answers, e.g. "a". */
  letter: string;
  heading: string;
  paragraphs: string[];
}

export function centreAddress(c: CentreContact): string {
  return [c.street, [c.postalCode, c.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
}

export function centreContactLines(c: CentreContact): string[] {
  return [
    c.name,
    centreAddress(c),
    c.phone ? `telefon: ${c.phone}` : '',
    c.email ? `e-mail: ${c.email}` : '',
  ].filter(Boolean);
}

export function rightsInformation(c: CentreContact, person: { status: string; caseClosedAt: Date | null }): InfoSection[] {
  const contact = centreContactLines(c).join(', ');
  const years = c.retentionYears;
  const yearsText = yearsCount(years);
  const retentionNow = person.status === 'ANONYMISED'
    ? 'Pani/Pana dane zostały już zanonimizowane: w systemie zostały tylko dane statystyczne, z których nie da się ustalić tożsamości.'
    : person.caseClosedAt
      ? `Pani/Pana sprawa została zamknięta ${formatDate(person.caseClosedAt)}, więc dane zostaną zanonimizowane ${formatDate(anonymisationDate(person.caseClosedAt, years))} lub wkrótce potem.`
      : 'Pani/Pana sprawa jest w toku, więc okres przechowywania jeszcze się nie rozpoczął.';
  return [
    {
      letter: '',
      heading: 'Kto jest administratorem danych',
      paragraphs: [
        `Administratorem Pani/Pana danych osobowych jest ${contact}.`,
        c.dpoContact
          ? `Z inspektorem ochrony danych ośrodka można się skontaktować: ${c.dpoContact}; także pisemnie na adres ośrodka (z dopiskiem „Inspektor ochrony danych”).`
          : 'Z inspektorem ochrony danych ośrodka można się skontaktować pisemnie na adres ośrodka (z dopiskiem „Inspektor ochrony danych”) lub pod adresem e-mail ośrodka.',
      ],
    },
    {
      letter: 'a',
      heading: 'Cele i podstawa prawna przetwarzania',
      paragraphs: [
        'Przetwarzamy dane, aby udzielać Pani/Panu pomocy społecznej i prowadzić reintegrację społeczną i zawodową: prowadzić pracę socjalną i kontrakt socjalny, kierować do Klubu Integracji Społecznej i do prac społecznie użytecznych, prowadzić zajęcia i listy obecności, rozliczać godziny prac społecznie użytecznych, wydawać zaświadczenia oraz sporządzać wymagane sprawozdania.',
        'Podstawą prawną jest wykonywanie obowiązków i zadań publicznych ośrodka (art. 6 ust. 1 lit. c i e RODO), a dla danych o zdrowiu, niepełnosprawności, uzależnieniach i bezdomności – art. 9 ust. 2 lit. b, g i h RODO, w związku z ustawą z 12 marca 2004 r. o pomocy społecznej (w tym art. 108 – kontrakt socjalny), ustawą z 13 czerwca 2003 r. o zatrudnieniu socjalnym (w tym art. 18 – Klub Integracji Społecznej) oraz przepisami o rynku pracy dotyczącymi prac społecznie użytecznych. Informację o zwolnieniu z zakładu karnego przetwarzamy na podstawie art. 10 RODO w zakresie, w jakim pozwalają na to te ustawy.',
      ],
    },
    {
      letter: 'b',
      heading: 'Jakie dane przetwarzamy',
      paragraphs: [
        'Dane identyfikacyjne (imię, nazwisko, PESEL lub dokument tożsamości, data urodzenia, płeć, obywatelstwo), dane kontaktowe i adres, wykształcenie i sytuację na rynku pracy, dane szczególnych kategorii (niepełnosprawność, uzależnienia, zdrowie psychiczne, bezdomność, status uchodźcy) oraz informację o zwolnieniu z zakładu karnego, a także przebieg sprawy: skierowania, kontrakty socjalne, udział i obecność w zajęciach KIS, godziny i świadczenia z prac społecznie użytecznych oraz wydane zaświadczenia. Wszystkie te dane są wymienione w tym dokumencie.',
      ],
    },
    {
      letter: 'c',
      heading: 'Komu przekazujemy dane',
      paragraphs: [
        'Powiatowemu urzędowi pracy – w zakresie prac społecznie użytecznych (lista osób, godzin i wypłaconych świadczeń potrzebna do refundacji).',
        'Instytucji finansującej zajęcia (np. instytucji pośredniczącej w projekcie Europejskiego Funduszu Społecznego Plus) – gdy edycja KIS jest finansowana z takiego projektu, w zakresie wymaganym do jego rozliczenia.',
        'Wojewodzie przekazujemy sprawozdanie z działalności Klubu wyłącznie w postaci danych zbiorczych, bez danych osobowych.',
        'Organom i instytucjom uprawnionym z mocy prawa (np. sądom, organom kontroli) – tylko gdy przepis tego wymaga – oraz firmom, które na zlecenie ośrodka obsługują system informatyczny (na podstawie umowy powierzenia).',
        'Nie przekazujemy danych do państw spoza Europejskiego Obszaru Gospodarczego ani do organizacji międzynarodowych.',
      ],
    },
    {
      letter: 'd',
      heading: 'Jak długo przechowujemy dane',
      paragraphs: [
        `Dane w systemie przechowujemy przez ${yearsText} od zamknięcia sprawy. Potem są anonimizowane: usuwamy imię, nazwisko, PESEL, dokumenty, adres, dane kontaktowe, opisy sytuacji i dane szczególnych kategorii, a zostają tylko dane statystyczne (np. płeć, rok urodzenia, wykształcenie, godziny i kwoty), dzięki którym dawne sprawozdania nadal się zgadzają.`,
        retentionNow,
        'Dokumenty papierowe (np. podpisany kontrakt socjalny) przechowujemy tak długo, jak wymagają tego przepisy o archiwach i jednolity rzeczowy wykaz akt ośrodka.',
      ],
    },
    {
      letter: 'e',
      heading: 'Pani/Pana prawa',
      paragraphs: [
        'Ma Pani/Pan prawo żądać sprostowania nieprawidłowych danych i uzupełnienia niekompletnych (art. 16 RODO), usunięcia danych (art. 17 RODO) – z wyjątkiem danych, które ośrodek musi przechowywać na podstawie przepisów prawa – ograniczenia przetwarzania (art. 18 RODO) oraz wnieść sprzeciw wobec przetwarzania danych w zakresie zadań publicznych (art. 21 RODO).',
        `Wniosek można złożyć w ośrodku osobiście, pisemnie lub e-mailem: ${contact}. Odpowiadamy bez zbędnej zwłoki, najpóźniej w ciągu miesiąca.`,
      ],
    },
    {
      letter: 'f',
      heading: 'Skarga do organu nadzorczego',
      paragraphs: [
        'Jeśli uważa Pani/Pan, że przetwarzamy dane niezgodnie z prawem, może Pani/Pan złożyć skargę do Prezesa Urzędu Ochrony Danych Osobowych, ul. Stawki 2, 00-193 Warszawa (www.uodo.gov.pl).',
      ],
    },
    {
      letter: 'g',
      heading: 'Skąd mamy dane',
      paragraphs: [
        'Dane pochodzą przede wszystkim od Pani/Pana (rozmowy z pracownikiem socjalnym, wywiad środowiskowy, kontrakt socjalny). Część danych pochodzi od powiatowego urzędu pracy (skierowanie do prac społecznie użytecznych, profil pomocy) i od osób prowadzących zajęcia w Klubie (obecność, ocena rezultatów).',
      ],
    },
    {
      letter: 'h',
      heading: 'Zautomatyzowane decyzje',
      paragraphs: [
        'Nie podejmujemy wobec Pani/Pana decyzji opartych wyłącznie na zautomatyzowanym przetwarzaniu, w tym profilowaniu (art. 22 RODO). System oblicza np. procent obecności i limity godzin, ale o skierowaniach, przyjęciu do Klubu, zaświadczeniach i świadczeniach decydują pracownicy ośrodka.',
      ],
    },
  ];
}
