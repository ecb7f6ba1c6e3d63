import type { Item, SpaceId } from '@ensemble/core';
import { Field, FixedSizeList, Float32, Int32, Schema, Utf8 } from 'apache-arrow';

/** Bump when the row layout changes: an index with another layout is rebuilt, not migrated. */
export const ROW_LAYOUT = '1';
export const EMBEDDER_KEY = 'ensemble.embedder';
export const LAYOUT_KEY = 'ensemble.layout';

const SNIPPET_CHARS = 240;

/** One indexed item. `key` (`space/id`) is unique even if two spaces ever held the same id. */
export type IndexRow = {
  key: string;
  id: string;
  space: string;
  kind: string;
  title: string;
  snippet: string;
  owner: string;
  status: string;
  surface: string;
  link: string;
  version: number;
  updatedAt: string;
  /** What full-text search and the embedder see: title, body and tags. */
  text: string;
  vector: Float32Array;
};

export type IndexedRowHeader = Omit<IndexRow, 'text' | 'vector'>;

/** An explicit Float32 schema: LanceDB would otherwise infer Float64 lists from plain arrays. */
export function rowSchema(dimensions: number, embedderId: string): Schema {
  const text = (name: string) => new Field(name, new Utf8(), false);
  return new Schema(
    [
      text('key'),
      text('id'),
      text('space'),
      text('kind'),
      text('title'),
      text('snippet'),
      text('owner'),
      text('status'),
      text('surface'),
      text('link'),
      new Field('version', new Int32(), false),
      text('updatedAt'),
      text('text'),
      new Field('vector', new FixedSizeList(dimensions, new Field('item', new Float32(), true)), false),
    ],
    new Map([
      [EMBEDDER_KEY, embedderId],
      [LAYOUT_KEY, ROW_LAYOUT],
    ]),
  );
}

export const rowKey = (space: string, id: string): string => `${space}/${id}`;

export function textOf(item: Item): string {
  return [item.title, item.body, item.tags.join(' ')].filter((part) => part.length > 0).join('\n');
}

/** A link back to where the item came from: the stored link, else `path:line@commit`. */
export function sourceLink(item: Item): string {
  const { link, path, line, commit } = item.source;
  if (link) return link;
  if (!path) return '';
  return `${path}${line ? `:${line}` : ''}${commit ? `@${commit}` : ''}`;
}

export function toRow(space: SpaceId, item: Item, vector: Float32Array): IndexRow {
  const body = item.body.replace(/\s+/g, ' ').trim();
  return {
    key: rowKey(space, item.id),
    id: item.id,
    space,
    kind: item.kind,
    title: item.title,
    snippet: body.length > SNIPPET_CHARS ? `${body.slice(0, SNIPPET_CHARS - 1)}…` : body,
    owner: item.owner,
    status: item.status,
    surface: item.source.surface,
    link: sourceLink(item),
    version: item.version,
    updatedAt: item.updatedAt,
    text: textOf(item),
    vector,
  };
}

/** Columns a search returns; never the vector or the full text. */
export const RESULT_COLUMNS = [
  'key',
  'id',
  'space',
  'kind',
  'title',
  'snippet',
  'owner',
  'status',
  'surface',
  'link',
  'version',
  'updatedAt',
] as const;
