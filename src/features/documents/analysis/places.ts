/** The built-in gazetteer as a name index, built on first use. */
import { NOT_PLACES, PLACES, type Place } from './gazetteer';
import { NameIndex } from './name-index';

let index: NameIndex<Place | null> | undefined;

/** Places, and (as null) the longer names that merely contain one ("Estado de México"). */
export function placeIndex(): NameIndex<Place | null> {
  if (index) return index;
  index = new NameIndex<Place | null>();
  for (const place of PLACES) for (const name of [place.name, ...(place.variants ?? [])]) index.add(name, place, 'all');
  for (const name of NOT_PLACES) index.add(name, null, 'all');
  return index;
}
