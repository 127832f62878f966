// Classifications are computed when asked for, from the figures held, under the rules of the list year, and set
// beside the ministry's official status (read from the housing subgraph).
import type { DataSource } from 'typeorm';
import type { Identity } from '@second-chance/identity';
import { type ConnectionArgs, type Logger, type ServiceLink, badUserInput, paginate } from '@second-chance/service-kit';
import { type Classification, classify, classifyProjection } from '../domain/classification';
import type { AreaStatus, AreaYearIndicators } from '../domain/indicators';
import { RULE_VERSIONS, findRulesForList } from '../domain/rules';
import { FIRST_YEAR, LAST_YEAR } from '../domain/indicator-csv';
import { AreaIndicatorsEntity } from '../entities';
import { type OfficialStatus, officialStatuses } from '../housing-client';
import { checkIds, historiesOf } from './indicators';
import { type Page, pageOf } from './pages';

export interface ClassificationView extends Classification {
  projected: boolean;
  officialStatus: AreaStatus | null;
  differsFromOfficial: boolean | null;
}

/** The years a classification of `year` can need: the transformation test looks back the longest. */
export function yearsNeeded(year: number): { from: number; to: number } {
  const lookBack = Math.max(...RULE_VERSIONS.map((r) => r.transformation.consecutiveYears));
  return { from: year - lookBack, to: year };
}

export function checkYear(year: number, path = 'year'): number {
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) {
    throw badUserInput(`${path}: a year from ${FIRST_YEAR} to ${LAST_YEAR}`, [{ path, message: 'out of range' }]);
  }
  return year;
}

/** The computed classification beside the official one of the same year (none recorded: NONE). */
export function withOfficial(
  classification: Classification,
  official: readonly OfficialStatus[] | undefined,
  projected = false,
): ClassificationView {
  const officialStatus = official ? (official.find((s) => s.year === classification.year)?.status ?? 'NONE') : null;
  return {
    ...classification,
    projected,
    officialStatus: projected ? null : officialStatus,
    differsFromOfficial: projected || officialStatus === null ? null : officialStatus !== classification.status,
  };
}

/** A classification for a year, or null when the year has no rule version (before the first act we hold). */
export function classifyOrNull(history: readonly AreaYearIndicators[], year: number): Classification | null {
  return findRulesForList(year) ? classify(history, year) : null;
}

/** The projection, or null when there are no figures or no rule version governs the projected year. */
export function projectionOrNull(history: readonly AreaYearIndicators[]): Classification | null {
  const last = history.reduce((max, row) => Math.max(max, row.year), -Infinity);
  return Number.isFinite(last) && findRulesForList(last + 1) ? classifyProjection(history) : null;
}

export interface ClassificationFilter {
  areaIds?: readonly string[] | null;
  statuses?: readonly AreaStatus[] | null;
  differsFromOfficial?: boolean | null;
}

export interface ClassificationDeps {
  db: DataSource;
  housing: ServiceLink | undefined;
  identity: Identity;
  log: Logger;
}

/**
 * Every area with figures for the year (or the areas asked for), classified, a page at a time. Without a filter on
 * the computed status, the page of areas is chosen in SQL and only its areas are read and classified; a filter on
 * the status (or on the difference from the official one) classifies every area of the year first.
 */
export async function listClassifications(
  deps: ClassificationDeps,
  year: number,
  filter: ClassificationFilter,
  args: ConnectionArgs,
): Promise<Page<ClassificationView>> {
  checkYear(year);
  const ids = checkIds(filter.areaIds, 'filter.areaIds');
  const key = (c: { areaId: string }) => c.areaId;
  if (!filter.statuses && filter.differsFromOfficial == null) {
    const query = deps.db.getRepository(AreaIndicatorsEntity).createQueryBuilder('i').where('i.year = :year', { year });
    if (ids) query.andWhere(ids.length ? 'i.area_id IN (:...ids)' : 'false', { ids });
    const page = await paginate(query, args, [{ sql: 'i.area_id', value: (r) => r.areaId }]);
    const pageIds = page.nodes.map((r) => r.areaId);
    const [histories, official, totalCount] = await Promise.all([
      historiesOf(deps.db, pageIds, yearsNeeded(year)),
      officialStatuses(deps.housing, deps.identity, pageIds, deps.log),
      page.totalCount(),
    ]);
    const nodes = pageIds.flatMap((id) => {
      const classification = classifyOrNull(histories.get(id) ?? [], year);
      return classification ? [withOfficial(classification, official.get(id))] : [];
    });
    return { nodes, pageInfo: page.pageInfo, totalCount };
  }
  const histories = await historiesOf(deps.db, ids, yearsNeeded(year));
  const computed: Classification[] = [];
  for (const [, history] of [...histories].sort(([a], [b]) => a.localeCompare(b))) {
    if (!history.some((row) => row.year === year)) continue;
    const classification = classifyOrNull(history, year);
    if (classification) computed.push(classification);
  }
  const byStatus = filter.statuses ? computed.filter((c) => filter.statuses?.includes(c.status)) : computed;
  if (filter.differsFromOfficial == null) {
    const page = pageOf(byStatus, args, key);
    const official = await officialStatuses(deps.housing, deps.identity, page.nodes.map(key), deps.log);
    return { ...page, nodes: page.nodes.map((c) => withOfficial(c, official.get(c.areaId))) };
  }
  const official = await officialStatuses(deps.housing, deps.identity, byStatus.map(key), deps.log);
  const views = byStatus
    .map((c) => withOfficial(c, official.get(c.areaId)))
    .filter((v) => v.differsFromOfficial === filter.differsFromOfficial);
  return pageOf(views, args, key);
}
