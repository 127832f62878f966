// The housing subgraph's API, as evaluation uses it: the ministry's official status of areas, read on behalf of
// the person asking, to show beside the computed classification. Housing being away costs the comparison,
// never the classification.
import type { Identity } from '@second-chance/identity';
import { MAX_PAGE_SIZE, type Logger, type ServiceLink, callService } from '@second-chance/service-kit';
import type { AreaStatus } from './domain/indicators';

export interface OfficialStatus {
  year: number;
  status: AreaStatus;
}

/** Each area's official statuses by year; an area housing does not know, or a failed call, gives no entry. */
export async function officialStatuses(
  link: ServiceLink | undefined,
  identity: Identity,
  areaIds: readonly string[],
  log: Logger,
): Promise<Map<string, OfficialStatus[]>> {
  const found = new Map<string, OfficialStatus[]>();
  if (!link) return found;
  const pages: string[][] = [];
  for (let i = 0; i < areaIds.length; i += MAX_PAGE_SIZE) pages.push(areaIds.slice(i, i + MAX_PAGE_SIZE));
  try {
    const answers = await Promise.all(
      pages.map((ids) =>
        callService<{ housingAreas: { nodes: { id: string; officialStatuses: OfficialStatus[] }[] } }>({
          from: 'evaluation',
          to: 'housing',
          link,
          identity,
          query: `query ($ids: [ID!]!, $first: Int!) {
            housingAreas(filter: { ids: $ids }, first: $first) { nodes { id officialStatuses { year status } } } }`,
          variables: { ids, first: MAX_PAGE_SIZE },
          timeoutMs: 5_000,
        }),
      ),
    );
    for (const answer of answers) {
      for (const area of answer.housingAreas.nodes) found.set(area.id, area.officialStatuses);
    }
  } catch (error) {
    log.warn({ err: error }, 'official statuses could not be read from housing');
  }
  return found;
}
