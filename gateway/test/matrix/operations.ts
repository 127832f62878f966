// The operations the matrix must cover, read from the composed supergraph: every root query and mutation, and
// every field one subgraph contributes to an entity another subgraph owns (evaluation's HousingArea.indicators,
// households' Vacancy.offers, finance's RelocationCase.grant, ...).
import { type ConstArgumentNode, type ConstDirectiveNode, Kind, type ObjectTypeDefinitionNode, parse } from 'graphql';

export interface Operation {
  /** `Query.household`, `HousingArea.indicators`. */
  name: string;
  kind: 'query' | 'mutation' | 'entity field';
  /** The subgraph that resolves it (lower case, as the modules name themselves). */
  subgraph: string;
}

function stringArgument(directive: ConstDirectiveNode, name: string): string | undefined {
  const argument = directive.arguments?.find((a: ConstArgumentNode) => a.name.value === name);
  if (!argument) return undefined;
  const { value } = argument;
  return value.kind === Kind.ENUM || value.kind === Kind.STRING ? value.value : undefined;
}

/** The graphs a field is resolved by (`@join__field(graph: X)`); empty when every graph of the type has it. */
function fieldGraphs(directives: readonly ConstDirectiveNode[] | undefined): string[] {
  return (directives ?? [])
    .filter((d) => d.name.value === 'join__field')
    .filter((d) => stringArgument(d, 'external') === undefined)
    .map((d) => stringArgument(d, 'graph'))
    .filter((graph): graph is string => graph !== undefined);
}

/**
 * Every operation of the supergraph. An entity (a type with `@join__type(..., key: ...)` in two or more graphs)
 * belongs to the graph that resolves most of its fields; the fields only other graphs resolve are contributions.
 */
export function operationsOf(supergraphSdl: string): Operation[] {
  const document = parse(supergraphSdl);
  const types = document.definitions.filter(
    (d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION,
  );
  const operations: Operation[] = [];
  for (const type of types) {
    const typeName = type.name.value;
    const fields = type.fields ?? [];
    if (typeName === 'Query' || typeName === 'Mutation') {
      for (const field of fields) {
        const [graph] = fieldGraphs(field.directives);
        if (!graph) continue;
        operations.push({
          name: `${typeName}.${field.name.value}`,
          kind: typeName === 'Query' ? 'query' : 'mutation',
          subgraph: graph.toLowerCase(),
        });
      }
      continue;
    }
    const keyedGraphs = new Set(
      (type.directives ?? [])
        .filter((d) => d.name.value === 'join__type' && stringArgument(d, 'key') !== undefined)
        .map((d) => stringArgument(d, 'graph'))
        .filter((graph): graph is string => graph !== undefined),
    );
    if (keyedGraphs.size < 2) continue;
    const fieldCount = new Map<string, number>();
    for (const field of fields) {
      for (const graph of fieldGraphs(field.directives)) fieldCount.set(graph, (fieldCount.get(graph) ?? 0) + 1);
    }
    const owner = [...fieldCount.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
    for (const field of fields) {
      const graphs = fieldGraphs(field.directives);
      if (graphs.length === 0 || graphs.includes(owner ?? '')) continue;
      operations.push({
        name: `${typeName}.${field.name.value}`,
        kind: 'entity field',
        subgraph: (graphs[0] ?? '').toLowerCase(),
      });
    }
  }
  return operations;
}
