/**
 * SQL filter fragments for LanceDB `where()`. Values are validated by their zod schemas
 * before they get here; quoting is still done properly so a value can never end the string.
 */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

export function inList(column: string, values: readonly string[]): string {
  return `${column} IN (${values.map(sqlString).join(', ')})`;
}

export function allOf(clauses: readonly (string | undefined)[]): string {
  return clauses
    .filter((c): c is string => c !== undefined)
    .map((c) => `(${c})`)
    .join(' AND ');
}
