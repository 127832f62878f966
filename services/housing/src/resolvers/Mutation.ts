// Thin mutations: who may (guards), what is valid (domain schemas), then the store does it.
import { z } from 'zod';
import { badUserInput, parseInput, todayInDenmark } from '@second-chance/service-kit';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import { AREA_STATUSES, FIRST_LIST_YEAR } from '../domain/area-status';
import { BASIS_POINTS, FLEXIBLE_LETTING_CRITERIA } from '../domain/letting-policy';
import {
  MAX_UNITS_PER_REQUEST,
  areaInput,
  areaUpdate,
  departmentInput,
  departmentUpdate,
  organisationInput,
  unitInput,
  unitUpdate,
} from '../domain/stock';
import { LETTING_CHANNELS, publishableFrom } from '../domain/vacancies';
import { DepartmentEntity, HousingAreaEntity, UnitEntity } from '../entities';
import { recordOfficialStatus, setLettingPolicy } from '../store/area-facts';
import * as stock from '../store/stock';
import * as vacancies from '../store/vacancies';
import { assertPlatformAdmin, assertStockManager, ownHousingOrganisation } from './guards';
import { mayManageStock } from '../domain/access';

const id = z.guid('not an id');

async function findDepartment(db: Parameters<typeof stock.findOrThrow>[0], departmentId: string) {
  return stock.findOrThrow(db, DepartmentEntity, 'department', departmentId);
}

export const Mutation: MutationResolvers = {
  registerHousingOrganisation: (_parent, { input }, { db, identity }) => {
    assertPlatformAdmin(identity, 'registering a housing organisation');
    return stock.registerOrganisation(db, parseInput(organisationInput, input));
  },

  registerHousingArea: (_parent, { input }, { db, identity }) => {
    const organisationId = ownHousingOrganisation(identity, 'registering a housing area');
    return stock.registerArea(db, organisationId, parseInput(areaInput, input));
  },

  updateHousingArea: async (_parent, { id: areaId, input }, { db, identity }) => {
    const changes = parseInput(areaUpdate, input);
    const area = await stock.findOrThrow(db, HousingAreaEntity, 'housing area', areaId);
    assertStockManager(identity, area.administratorId);
    return stock.updateArea(db, area, changes);
  },

  registerDepartment: (_parent, { input }, { db, identity }) => {
    const organisationId = ownHousingOrganisation(identity, 'registering a department');
    return stock.registerDepartment(db, organisationId, parseInput(departmentInput, input));
  },

  updateDepartment: async (_parent, { id: departmentId, input }, { db, identity }) => {
    const changes = parseInput(departmentUpdate, input);
    const department = await findDepartment(db, departmentId);
    assertStockManager(identity, department.organisationId);
    return stock.updateDepartment(db, department, changes);
  },

  registerUnits: async (_parent, { departmentId, units }, { db, identity }) => {
    const valid = parseInput(z.array(unitInput).min(1).max(MAX_UNITS_PER_REQUEST), units, 'units');
    const department = await findDepartment(db, departmentId);
    assertStockManager(identity, department.organisationId);
    return stock.registerUnits(db, department, valid);
  },

  updateUnit: async (_parent, { id: unitId, input }, { db, identity }) => {
    const changes = parseInput(unitUpdate, input);
    const unit = await stock.findOrThrow(db, UnitEntity, 'unit', unitId);
    const department = await findDepartment(db, unit.departmentId);
    assertStockManager(identity, department.organisationId);
    return stock.updateUnit(db, unit, changes);
  },

  publishVacancy: async (_parent, { input }, { db, identity }) => {
    const valid = parseInput(
      z.object({ unitId: id, availableFrom: z.string(), channel: z.enum(LETTING_CHANNELS) }),
      input,
    );
    const problem = publishableFrom(valid.availableFrom, todayInDenmark());
    if (problem)
      throw badUserInput(`input.availableFrom: ${problem}`, [{ path: 'input.availableFrom', message: problem }]);
    const unit = await stock.findOrThrow(db, UnitEntity, 'unit', valid.unitId);
    const department = await findDepartment(db, unit.departmentId);
    assertStockManager(identity, department.organisationId);
    return vacancies.publishVacancy(db, identity, valid);
  },

  withdrawVacancy: async (_parent, { id: vacancyId, reason }, { db, identity }) => {
    const valid = parseInput(z.string().trim().max(500).nullish(), reason, 'reason');
    const target = await vacancies.findVacancyWithOwner(db, vacancyId);
    assertStockManager(identity, target.ownerOrganisationId);
    return vacancies.withdrawVacancy(db, target, valid || null);
  },

  reserveVacancy: (_parent, { input }, { db, identity }) => {
    const valid = parseInput(
      z.object({
        vacancyId: z.string(),
        idempotencyKey: z
          .string()
          .trim()
          .regex(/^[\w.:-]{8,100}$/, '8-100 letters, digits or ._:- (a UUID will do)'),
        expiresAt: z.date().nullish(),
        reference: z.string().trim().max(100).nullish(),
      }),
      input,
    );
    return vacancies.reserveVacancy(db, identity, valid);
  },

  releaseReservation: async (_parent, { vacancyId }, { db, identity }) => {
    const target = await vacancies.findVacancyWithOwner(db, vacancyId);
    return vacancies.releaseReservation(db, identity, target, mayManageStock(identity, target.ownerOrganisationId));
  },

  letVacancy: async (_parent, { id: vacancyId }, { db, identity }) => {
    const target = await vacancies.findVacancyWithOwner(db, vacancyId);
    // The owner lets; so does the holder of the reservation, when the household it was held for accepts.
    if (!mayManageStock(identity, target.ownerOrganisationId)) {
      await vacancies.assertHolder(db, identity, target);
    }
    return vacancies.letVacancy(db, target);
  },

  setLettingPolicy: async (_parent, { areaId, input }, { db, identity }) => {
    const valid = parseInput(
      z.object({
        validFrom: z.string(),
        flexibleLettingCriteria: z.array(z.enum(FLEXIBLE_LETTING_CRITERIA)).max(FLEXIBLE_LETTING_CRITERIA.length * 2),
        flexibleLettingNote: z.string().trim().max(1000).nullish(),
        combinedLetting: z.boolean(),
        municipalAllocationShareBp: z.number().int().min(0).max(BASIS_POINTS, `at most ${BASIS_POINTS} (every home)`),
      }),
      input,
    );
    const area = await stock.findOrThrow(db, HousingAreaEntity, 'housing area', areaId);
    assertStockManager(identity, area.administratorId);
    return setLettingPolicy(db, identity, area.id, valid, todayInDenmark());
  },

  recordOfficialAreaStatus: async (_parent, { input }, { db, identity }) => {
    assertPlatformAdmin(identity, 'recording an official area status');
    const thisYear = Number(todayInDenmark().slice(0, 4));
    const valid = parseInput(
      z.object({
        areaId: z.string(),
        year: z.number().int().min(FIRST_LIST_YEAR).max(thisYear, 'a list not yet published'),
        status: z.enum(AREA_STATUSES),
      }),
      input,
    );
    const area = await stock.findOrThrow(db, HousingAreaEntity, 'housing area', valid.areaId);
    return recordOfficialStatus(db, identity, { ...valid, areaId: area.id });
  },
};
