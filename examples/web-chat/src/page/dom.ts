/**
 * A tiny element builder: enough view helper for a page this size, without a framework.
 * @module
 */

type Listener = (event: Event) => void;
/** Attributes: `class`, `testid` (→ `data-testid`), `on<event>` listeners, `value`/`checked` as properties. */
export type Attrs = Record<string, string | number | boolean | undefined | null | Listener>;
/** What `h` accepts as children; `false`, `null` and `undefined` are skipped. */
export type Child = Node | string | false | null | undefined;

/** Creates an element with attributes, listeners and children. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (typeof value === "function") element.addEventListener(key.slice(2).toLowerCase(), value);
    else if (key === "class") element.className = String(value);
    else if (key === "testid") element.dataset.testid = String(value);
    else if (key === "value" || key === "checked") (element as unknown as Record<string, unknown>)[key] = value;
    else element.setAttribute(key, value === true ? "" : String(value));
  }
  append(element, ...children);
  return element;
}

/** Appends children, skipping empty ones. */
export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === false || child === null || child === undefined) continue;
    parent.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  }
}

/** Replaces all children of `parent`. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}
