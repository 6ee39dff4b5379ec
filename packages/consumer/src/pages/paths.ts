/** The page's address for a pack (the resolver's target, the forms' action). */
export const packPath = (key: { gtin: string; lot: string; serial: string }) =>
  `/pack/${encodeURIComponent(key.gtin)}/${encodeURIComponent(key.lot)}/${encodeURIComponent(key.serial)}`;
