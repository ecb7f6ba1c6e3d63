import type { ServerResponse } from 'node:http';
import { guardItemPatch, guardNewItem } from '@ensemble/assistant';
import {
  type Access,
  EnsembleError,
  ErrorCode,
  ItemKind,
  ItemPatch,
  ItemStatus,
  NewItem,
  PersonId,
  person,
  type SpaceMemory,
  summarize,
} from '@ensemble/core';
import { z } from 'zod';
import type { HubContext, HubRequest, HubRoute } from '../extension.js';
import { assertAccess, spaceFrom } from './access.js';
import { sendJson } from './respond.js';

const ListQuery = z.object({
  kind: ItemKind.optional(),
  status: ItemStatus.optional(),
  owner: PersonId.optional(),
  tag: z.string().min(1).max(64).optional(),
});

const ITEMS = '/v1/spaces/:org/:team/items';
const ITEM = `${ITEMS}/:id`;

/**
 * The item API. Every write goes through SpaceMemory with the token's person as the actor,
 * on the same document the websocket clients edit, so it is persisted and fanned out the same
 * way. Written text passes the guard first (secrets and personal data redacted or refused
 * per `assistant.guard`), so it never enters shared memory in the clear.
 */
export function itemRoutes(ctx: HubContext): HubRoute[] {
  const policy = ctx.config.assistant.guard;
  const withMemory =
    (
      need: Access,
      run: (memory: SpaceMemory, req: HubRequest, res: ServerResponse) => void | Promise<void>,
    ) =>
    async (req: HubRequest, res: ServerResponse) => {
      const space = spaceFrom(req.params.org, req.params.team);
      assertAccess(req.principal, space, need);
      await run(await ctx.openSpace(space), req, res);
    };
  const knownOwner = ownerCheck(ctx.config.people.map((p) => p.id));
  const guardedNew = async (body: unknown) =>
    (await guardNewItem(knownOwner(parseBody(NewItem, body)), policy)).value;
  return [
    {
      method: 'GET',
      path: ITEMS,
      handle: withMemory('read', (memory, req, res) => {
        const filter = parseQuery(req.query);
        sendJson(res, 200, { items: memory.list(filter), quarantined: memory.quarantined() });
      }),
    },
    {
      method: 'POST',
      path: ITEMS,
      handle: withMemory('write', async (memory, req, res) => {
        const input = await guardedNew(req.body);
        sendJson(res, 201, memory.create(input, person(req.principal.sub)));
      }),
    },
    {
      method: 'GET',
      path: ITEM,
      handle: withMemory('read', (memory, req, res) => sendJson(res, 200, memory.require(idOf(req)))),
    },
    {
      method: 'PATCH',
      path: ITEM,
      handle: withMemory('write', async (memory, req, res) => {
        const patch = (await guardItemPatch(knownOwner(parseBody(ItemPatch, req.body)), policy)).value;
        sendJson(res, 200, memory.update(idOf(req), patch, person(req.principal.sub)));
      }),
    },
    {
      method: 'POST',
      path: `${ITEM}/confirm`,
      handle: withMemory('write', (memory, req, res) =>
        sendJson(res, 200, memory.confirm(idOf(req), req.principal.sub)),
      ),
    },
    {
      method: 'POST',
      path: `${ITEM}/reject`,
      handle: withMemory('write', (memory, req, res) =>
        sendJson(res, 200, memory.reject(idOf(req), req.principal.sub)),
      ),
    },
    {
      method: 'POST',
      path: `${ITEM}/supersede`,
      handle: withMemory('write', async (memory, req, res) => {
        const replacement = await guardedNew(req.body);
        sendJson(res, 200, memory.supersede(idOf(req), replacement, person(req.principal.sub)));
      }),
    },
  ];
}

function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    throw new EnsembleError(ErrorCode.InvalidInput, summarize(parsed.error), parsed.error.issues);
  return parsed.data;
}

/**
 * When the config lists people, an owner must be one of them: an item owned by a typo
 * (`--owner zed`) would never reach a human. Without a people list any handle is accepted.
 */
function ownerCheck(people: readonly string[]) {
  return <T extends { owner?: string | undefined }>(input: T): T => {
    const owner = input.owner;
    if (owner === undefined || people.length === 0 || people.includes(owner)) return input;
    throw new EnsembleError(
      ErrorCode.InvalidInput,
      `owner "${owner}" is not a person of this hub; use one of ${people.join(', ')}, or ask a hub admin to add { id: ${owner}, name: ... } under people in ensemble.yaml.`,
      [{ path: ['owner'], message: 'unknown person' }],
    );
  };
}

function idOf(req: HubRequest): string {
  return req.params.id ?? '';
}

function parseQuery(query: URLSearchParams) {
  const raw = Object.fromEntries([...query.entries()].filter(([key]) => key in ListQuery.shape));
  const parsed = ListQuery.safeParse(raw);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
    throw invalidQuery(fields);
  }
  return parsed.data;
}

const invalidQuery = (fields: string) =>
  new EnsembleError(
    ErrorCode.InvalidInput,
    `Invalid filter (${fields}); see GET /v1/spaces/:org/:team/items in the README.`,
  );
