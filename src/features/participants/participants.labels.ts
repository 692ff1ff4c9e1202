// Polish names of the participant enums, as users see them on forms, lists and the person card.
import type {
  DisabilityLevel, Education, IdentityDocumentType, LabourStatus, ParticipantStatus, PupProfile, Sex,
} from '../../generated/prisma/enums.ts';

export const SEX_LABELS: Record<Sex, string> = { FEMALE: 'kobieta', MALE: 'mężczyzna' };

export const DOCUMENT_TYPE_LABELS: Record<IdentityDocumentType, string> = {
  PASSPORT: 'paszport',
  RESIDENCE_CARD: 'karta pobytu',
  FOREIGN_ID_CARD: 'zagraniczny dokument tożsamości',
  OTHER: 'inny dokument',
};

export const EDUCATION_LABELS: Record<Education, string> = {
  NONE: 'brak wykształcenia formalnego',
  PRIMARY: 'podstawowe',
  LOWER_SECONDARY: 'gimnazjalne',
  BASIC_VOCATIONAL: 'zasadnicze zawodowe',
  SECONDARY: 'średnie',
  POST_SECONDARY: 'policealne',
  HIGHER: 'wyższe',
};

export const LABOUR_STATUS_LABELS: Record<LabourStatus, string> = {
  UNEMPLOYED_REGISTERED: 'bezrobotny zarejestrowany w PUP',
  UNEMPLOYED_NOT_REGISTERED: 'bezrobotny niezarejestrowany',
  INACTIVE: 'bierny zawodowo',
  EMPLOYED: 'pracujący',
  INCAPACITY_PENSION: 'renta z tytułu niezdolności do pracy',
};

export const PUP_PROFILE_LABELS: Record<PupProfile, string> = { I: 'profil I', II: 'profil II', III: 'profil III' };

export const PARTICIPANT_STATUS_LABELS: Record<ParticipantStatus, string> = {
  ACTIVE: 'sprawa aktywna',
  CLOSED: 'sprawa zamknięta',
  ANONYMISED: 'dane zanonimizowane',
};

export const DISABILITY_LEVEL_LABELS: Record<DisabilityLevel, string> = {
  NONE: 'brak orzeczenia',
  LIGHT: 'stopień lekki',
  MODERATE: 'stopień umiarkowany',
  SEVERE: 'stopień znaczny',
};

/** Labels of the yes/no special-category facts (ParticipantSensitive), in the order the card shows them. */
export const SENSITIVE_FLAG_LABELS = {
  alcoholAddiction: 'uzależnienie od alkoholu',
  drugAddiction: 'uzależnienie od narkotyków lub innych środków odurzających',
  mentalDisorder: 'zaburzenia psychiczne',
  homeless: 'bezdomność',
  releasedFromPrison: 'osoba zwolniona z zakładu karnego',
  refugee: 'uchodźca realizujący program integracji',
} as const;

/** { value, text } pairs for the select and radio partials. */
export function optionsOf<K extends string>(labels: Record<K, string>): { value: K; text: string }[] {
  return (Object.keys(labels) as K[]).map((value) => ({ value, text: labels[value] }));
}

export const ENROLMENT_STATUS_LABELS = {
  ACTIVE: 'uczestniczy',
  COMPLETED: 'ukończył(a) edycję',
  DROPPED_OUT: 'przerwał(a) udział',
  MOVED: 'przeniesiony(-a) do innej grupy',
} as const;

export const PSU_PLACEMENT_STATUS_LABELS = { ACTIVE: 'trwa', ENDED: 'zakończone' } as const;

export const CERTIFICATE_KIND_LABELS = {
  KIS_COMPLETION: 'ukończenie zajęć w KIS',
  VOCATIONAL_ACTIVATION: 'aktywizacja zawodowa',
  SOCIAL_SKILLS: 'umiejętności psychospołeczne',
  LABOUR_LAW: 'prawo pracy',
} as const;
