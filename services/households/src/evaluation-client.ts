// The evaluation subgraph's API, as the households service uses it: each area's latest figures, for an allocation
// round's objective (not to raise the share outside work in burdened areas). On behalf of the person running the
// round; evaluation being away leaves the figures unknown, never stops the round.
import type { Identity } from '@second-chance/identity';
import { type Logger, type ServiceLink, callService } from '@second-chance/service-kit';

export interface AreaFigures {
  residents: number;
  outsideWorkOrEducationPpm: number;
  year: number;
}

/** The latest figures of each area up to `year` (an area without figures has no entry). */
export async function latestAreaFigures(
  link: ServiceLink | undefined,
  identity: Identity,
  areaIds: readonly string[],
  year: number,
  log: Logger,
): Promise<Map<string, AreaFigures>> {
  const found = new Map<string, AreaFigures>();
  if (!link || areaIds.length === 0) return found;
  try {
    for (let i = 0; i < areaIds.length; i += 1000) {
      let after: string | null = null;
      for (;;) {
        const data: {
          areaIndicators: {
            nodes: { area: { id: string }; year: number; residents: number; outsideWorkOrEducationPct: number }[];
            pageInfo: { hasNextPage: boolean; endCursor: string | null };
          };
        } = await callService({
          from: 'households',
          to: 'evaluation',
          link,
          identity,
          query: `query ($ids: [ID!]!, $after: String) {
            areaIndicators(filter: { areaIds: $ids }, first: 100, after: $after) {
              nodes { area { id } year residents outsideWorkOrEducationPct } pageInfo { hasNextPage endCursor } } }`,
          variables: { ids: areaIds.slice(i, i + 1000), after },
        });
        // Newest year first: the first row of an area up to `year` is its latest.
        for (const row of data.areaIndicators.nodes) {
          if (row.year > year || found.has(row.area.id)) continue;
          found.set(row.area.id, {
            year: row.year,
            residents: row.residents,
            outsideWorkOrEducationPpm: Math.round(row.outsideWorkOrEducationPct * 10_000),
          });
        }
        if (!data.areaIndicators.pageInfo.hasNextPage) break;
        after = data.areaIndicators.pageInfo.endCursor;
      }
    }
  } catch (error) {
    log.warn({ err: error }, 'area figures could not be read from evaluation');
  }
  return found;
}
