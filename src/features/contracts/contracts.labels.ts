// Polish names for social contracts: kinds, statuses and the sides of the contract.
import type { ContractKind, ContractSide, ContractStatus } from '../../generated/prisma/enums.ts';

export const CONTRACT_STATUS_LABELS: Record<ContractStatus, string> = {
  ACTIVE: 'aktywny',
  FULFILLED: 'zrealizowany',
  BROKEN: 'niedotrzymany',
  ENDED_EARLY: 'zakończony przed terminem',
};

export const CONTRACT_STATUS_TONES: Record<ContractStatus, string> = {
  ACTIVE: 'green',
  FULFILLED: '',
  BROKEN: 'red',
  ENDED_EARLY: 'grey',
};

export const CONTRACT_KIND_LABELS: Record<ContractKind, string> = {
  STANDARD: 'dwustronny (osoba i pracownik socjalny)',
  THREE_PARTY: 'trójstronny (z udziałem trzeciej strony)',
};

export const CONTRACT_SIDE_LABELS: Record<ContractSide, string> = {
  PARTICIPANT: 'osoba zawierająca kontrakt',
  WORKER: 'pracownik socjalny (ośrodek)',
  THIRD_PARTY: 'trzecia strona',
};
