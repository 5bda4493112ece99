/** Lower-case, accents removed, single spaces: "Fiscalía  General" -> "fiscalia general". */
export function normalizeText(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** The normalized name and aliases of a node, stored as `searchKeys` for exact and prefix ranking. */
export function searchKeys(name: string, aliases: readonly string[] = []): string[] {
  return [...new Set([name, ...aliases].map(normalizeText))];
}
