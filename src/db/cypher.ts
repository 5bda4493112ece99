/** Cypher fragments shared by the data access code (no user input is ever spliced in: only our own names). */

/** Adds the items of list expression `list` to list expression `target`, keeping order and skipping repeats. */
export const unionList = (target: string, list: string): string =>
  `reduce(acc = coalesce(${target}, []), item IN coalesce(${list}, []) | CASE WHEN item IN acc THEN acc ELSE acc + item END)`;
