// @ts-check
/* Building and finding elements: text from the data only ever becomes text nodes or attributes, never HTML. */

/**
 * @typedef {string | number | boolean | null | undefined | ((event: Event) => void)} AttributeValue
 * @typedef {Node | string | number | null | undefined | false} Child
 */

/**
 * Creates an element: attributes (class, aria-*, data-*, ...; `on<event>` functions become listeners; true is an
 * empty attribute, false/null/undefined none) and children (strings become text, never HTML).
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, AttributeValue>} [attributes]
 * @param {...(Child | Child[])} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (typeof value === 'function') {
      if (!name.startsWith('on')) throw new Error(`${name}: only on<event> attributes take a function`);
      element.addEventListener(name.slice(2), value);
    } else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/**
 * The page's element with this id, checked to be of the expected type: the page and the modules disagreeing is a
 * bug to see at once, not a null to trip over later.
 * @template {Element} T
 * @param {string} id
 * @param {{ new (): T, prototype: T }} type e.g. HTMLInputElement
 * @returns {T}
 */
export function byId(id, type) {
  const element = document.getElementById(id);
  if (!(element instanceof type)) throw new Error(`#${id} is missing or not a ${type.name}`);
  return element;
}
