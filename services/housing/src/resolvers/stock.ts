// Units, vacancies and reservations: for letting officers, caseworkers and platform administrators.
import type {
  AddressResolvers,
  ReservationResolvers,
  UnitResolvers,
  VacancyResolvers,
} from '../__generated__/resolvers-types';
import { mayManageStock } from '../domain/access';
import { formatAddress } from '../domain/stock';
import { effectiveStatus, holds } from '../domain/vacancies';
import { hasRole } from '@second-chance/identity';
import { assertStockReader } from './guards';
import { required } from '@second-chance/service-kit';

export const Unit: UnitResolvers = {
  // Async, so that a refusal fails this reference only, not every entity in the gateway's batch.
  __resolveReference: async (ref, { loaders, identity }) => {
    assertStockReader(identity);
    return await loaders.unit.load(ref.id);
  },
  department: (unit, _args, { loaders }) =>
    required(loaders.department.load(unit.departmentId), 'department', unit.departmentId),
  address: (unit) => unit,
  vacancies: async (unit, { statuses }, { loaders }) => {
    const all = await loaders.vacanciesByUnit.load(unit.id);
    if (!statuses) return all;
    const now = new Date();
    return all.filter((vacancy) => statuses.includes(effectiveStatus(vacancy, now)));
  },
};

export const Address: AddressResolvers = {
  floor: (address) => address.floor || null,
  door: (address) => address.door || null,
  text: (address) => formatAddress(address),
};

export const Vacancy: VacancyResolvers = {
  __resolveReference: async (ref, { loaders, identity }) => {
    assertStockReader(identity);
    return await loaders.vacancy.load(ref.id);
  },
  unit: (vacancy, _args, { loaders }) => required(loaders.unit.load(vacancy.unitId), 'unit', vacancy.unitId),
  status: (vacancy) => effectiveStatus(vacancy, new Date()),
  reservation: async (vacancy, _args, { loaders, identity }) => {
    if (!vacancy.reservationId || effectiveStatus(vacancy, new Date()) !== 'RESERVED') return null;
    const reservation = await loaders.reservation.load(vacancy.reservationId);
    if (!reservation) return null;
    if (hasRole(identity, 'platform-admin') || holds(identity, reservation)) return reservation;
    const unit = await loaders.unit.load(vacancy.unitId);
    const department = unit && (await loaders.department.load(unit.departmentId));
    return department && mayManageStock(identity, department.organisationId) ? reservation : null;
  },
};

export const Reservation: ReservationResolvers = {
  vacancy: (reservation, _args, { loaders }) =>
    required(loaders.vacancy.load(reservation.vacancyId), 'vacancy', reservation.vacancyId),
  holder: (reservation) => ({
    organisationType: reservation.holderOrganisationType,
    organisationId: reservation.holderOrganisationId,
  }),
};
