import type { Item } from '@ensemble/core';
import type { ItemList } from '@ensemble/runtime';

export function itemLine(item: Item): string {
  return `${item.id}  ${item.kind.padEnd(8)}  ${item.status.padEnd(10)}  ${item.owner.padEnd(12)}  ${item.title}`;
}

export function listText(list: ItemList): string {
  const lines = list.items.map(itemLine);
  if (lines.length === 0) lines.push('No items match.');
  if (list.quarantined.length > 0) {
    lines.push(
      `${list.quarantined.length} invalid item(s) quarantined: ${list.quarantined.map((q) => q.id).join(', ')}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

export function itemText(item: Item): string {
  const source = [item.source.surface, item.source.path, item.source.link].filter(Boolean).join(' ');
  const lines = [
    `${item.title}`,
    `  id        ${item.id}`,
    `  kind      ${item.kind}`,
    `  status    ${item.status}`,
    `  owner     ${item.owner}`,
    `  by        ${item.createdBy.id}`,
    `  source    ${source}`,
    `  tags      ${item.tags.join(', ') || '-'}`,
    `  created   ${item.createdAt}`,
    `  updated   ${item.updatedAt} (version ${item.version})`,
  ];
  if (item.supersedes) lines.push(`  replaces  ${item.supersedes}`);
  if (item.supersededBy) lines.push(`  replaced by ${item.supersededBy}`);
  if (item.reviewBy) lines.push(`  review by ${item.reviewBy}`);
  if (item.body) lines.push('', item.body);
  return `${lines.join('\n')}\n`;
}
