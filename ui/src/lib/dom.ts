// Tiny DOM builder. Strings always become text nodes: document text is never parsed as HTML.
import { pieces, type Ranges } from "./highlight.js";

type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | number | boolean | EventListener | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === "function") el.addEventListener(name.replace(/^on/, ""), value);
    else if (value === true) el.setAttribute(name, "");
    else el.setAttribute(name, String(value));
  }
  append(el, ...children);
  return el;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  }
}

/** Text with <mark>s for the highlighted ranges. */
export function marked(text: string, ranges: Ranges): DocumentFragment {
  const fragment = document.createDocumentFragment();
  for (const piece of pieces(text, ranges)) {
    fragment.appendChild(piece.hit ? h("mark", {}, piece.text) : document.createTextNode(piece.text));
  }
  return fragment;
}

export function clear(el: Element): void {
  el.replaceChildren();
}

export function langBadge(code: string, label: string, title: string): HTMLElement {
  return h("span", { class: `lang lang-${code}`, title }, label);
}

/** A layer of ranges painted with one class; later layers win where they overlap. */
export interface Layer {
  ranges: readonly (readonly [number, number])[];
  cls: string;
  /** "span" for emphasis that is not a match (key values); <mark> otherwise. */
  tag?: "mark" | "span";
}

/** Text with <mark class=…> runs for several layers (key values, shared numbers, the cited quote). */
export function painted(text: string, layers: Layer[]): DocumentFragment {
  const chars = Array.from(text);
  const classes: string[] = new Array<string>(chars.length).fill("");
  const tags = new Map(layers.map((l) => [l.cls, l.tag ?? "mark"]));
  for (const layer of layers) {
    for (const [start, end] of layer.ranges) {
      for (let i = Math.max(0, start); i < Math.min(end, chars.length); i++) classes[i] = layer.cls;
    }
  }
  const fragment = document.createDocumentFragment();
  let at = 0;
  while (at < chars.length) {
    let end = at;
    while (end < chars.length && classes[end] === classes[at]) end++;
    const piece = chars.slice(at, end).join("");
    const cls = classes[at] ?? "";
    const tag = tags.get(cls) === "span" ? "span" : "mark";
    fragment.appendChild(cls ? h(tag, { class: cls }, piece) : document.createTextNode(piece));
    at = end;
  }
  return fragment;
}
