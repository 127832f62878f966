// Whole answers of reference data, kept at the gateway. A subgraph says how long an answer of its may be reused
// (`@cacheControl` in its schema: Apollo Server sends it as the `cache-control` header); the gateway keeps a
// whole answer only when every subgraph call of the query plan carried such a lifetime, for the shortest of
// them. A call without one (households, finance: personal data and money never carry one) makes the answer
// uncacheable, as do errors.
//
// Who may see an answer is decided by the subgraphs from the caller's organisation and roles, so a kept answer
// is reused only for a caller with the same organisation and roles (and the same person, for answers marked
// private). Every mutation through this gateway starts a new generation of keys, so a change made here is
// seen at once (an answer read while it ran is never reused); other instances' copies and changes made elsewhere (imports) age out within the lifetime.
// Clients are sent no `cache-control`: a shared proxy must not keep one person's answer for another.
import { createHash } from 'node:crypto';
import { OperationTypeNode } from 'graphql';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import type { Identity } from '@second-chance/identity';

/** The lifetime a subgraph's `cache-control` header gives its answer: none (0) unless it names one. */
export function cacheHintOf(header: string | null): { maxAge: number; scope?: 'PUBLIC' | 'PRIVATE' } {
  const directives = new Map(
    (header ?? '')
      .split(',')
      .map((part) => part.trim().split('=', 2))
      .filter(([name]) => name)
      .map(([name = '', value]) => [name.toLowerCase(), value?.replace(/^"|"$/g, '') ?? true] as const),
  );
  const maxAge = directives.get('max-age');
  return {
    maxAge: typeof maxAge === 'string' && /^\d+$/.test(maxAge) ? Number(maxAge) : 0,
    ...(directives.has('private') ? { scope: 'PRIVATE' as const } : {}),
  };
}

/** What a request's overall cache policy offers a data source. */
interface CachePolicy {
  restrict(hint: { maxAge?: number; scope?: 'PUBLIC' | 'PRIVATE' }): void;
}

/** Narrows the client request's overall lifetime to what one subgraph answer allows (none without a header). */
export function restrictByHeader(incomingRequestContext: unknown, header: string | null): void {
  const policy = (incomingRequestContext as { overallCachePolicy?: CachePolicy } | undefined)?.overallCachePolicy;
  policy?.restrict(cacheHintOf(header));
}

/** Lifetimes are computed from the subgraphs' headers and never sent on to clients (installed always). */
export const cacheHintsNotForClients = () => ApolloServerPluginCacheControl({ calculateHttpHeaders: false });

interface CallerContext extends BaseContext {
  identity: Identity;
}

/**
 * The plugins that keep and reuse answers. Every mutation starts a new generation of keys when it starts and
 * again when it has answered, and each request keys its answer with the generation current when it began: a
 * query that read before or while a mutation ran can only be kept under a generation nobody reads any more.
 */
export function responseCachePlugins<T extends CallerContext>(): ApolloServerPlugin<T>[] {
  let generation = 0;
  const generationOf = new WeakMap<object, number>();
  const bump: ApolloServerPlugin<T> = {
    requestDidStart: ({ request }) => {
      generationOf.set(request, generation);
      let mutation = false;
      return Promise.resolve({
        executionDidStart: ({ operation }) => {
          mutation = operation.operation === OperationTypeNode.MUTATION;
          if (mutation) generation += 1;
          return Promise.resolve();
        },
        willSendResponse: () => {
          if (mutation) generation += 1;
          return Promise.resolve();
        },
      });
    },
  };
  return [
    bump,
    responseCachePlugin<T>({
      sessionId: ({ contextValue }) => Promise.resolve(contextValue.identity.subject),
      extraCacheKeyData: ({ contextValue: { identity } }) =>
        Promise.resolve({
          organisation: `${identity.organisation.type}:${identity.organisation.id}`,
          roles: [...identity.roles].sort(),
        }),
      generateCacheKey: ({ request }, key) =>
        createHash('sha256')
          .update(JSON.stringify([generationOf.get(request) ?? generation, key]))
          .digest('hex'),
    }),
  ];
}
