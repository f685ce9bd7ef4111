import { Fragment, isValidElement, type ReactElement, type ReactNode } from "react";

/**
 * HTML for a tree of plain elements and synchronous, hook-free function components (the
 * dashboard's chart drawings, legends and figure tables), written as React's own server renderer
 * writes it.
 *
 * A chart is a thousand small SVG elements. Rendered as React elements, each is walked on every
 * request and sent twice: once as HTML and once more, as verbose JSON, in the page data the
 * browser keeps for navigation. As one string set with `dangerouslySetInnerHTML` it is walked
 * once here, and travels as compact markup in both.
 */
export function staticMarkup(node: ReactNode): string {
  if (node === null || node === undefined || typeof node === "boolean") return "";
  if (typeof node === "string") return escape(node);
  if (typeof node === "number" || typeof node === "bigint") return String(node);
  if (Array.isArray(node)) return node.map(staticMarkup).join("");
  if (!isValidElement(node)) throw new Error("staticMarkup: unsupported node");
  const element = node as ReactElement<Record<string, unknown>>;
  const { type, props } = element;
  if (type === Fragment) return staticMarkup(props.children as ReactNode);
  if (typeof type === "function") {
    const rendered = (type as (p: unknown) => ReactNode)(props);
    if (rendered instanceof Promise) throw new Error("staticMarkup: async components are not supported");
    return staticMarkup(rendered);
  }
  if (typeof type !== "string") throw new Error("staticMarkup: unsupported element type");
  let attributes = "";
  for (const [name, value] of Object.entries(props)) {
    if (name === "children" || name === "key" || name === "ref" || value === null || value === undefined || value === false) continue;
    if (typeof value === "function") continue;
    const attribute = attributeName(name);
    if (name === "style") attributes += ` style="${escape(styleText(value as Record<string, string | number>))}"`;
    else if (value === true) attributes += BOOLEAN.has(name) ? ` ${attribute}=""` : ` ${attribute}="true"`;
    else attributes += ` ${attribute}="${escape(String(value))}"`;
  }
  if (VOID.has(type)) return `<${type}${attributes}/>`;
  return `<${type}${attributes}>${staticMarkup(props.children as ReactNode)}</${type}>`;
}

/**
 * Markup already written for the same input, under a key that names the component and everything
 * it draws from. Everyone reading a dashboard between two changes of its figures sees the same
 * charts and lists: the server writes each once.
 */
const written = new Map<string, string>();
const WRITTEN_LIMIT = 300;

export function writtenMarkup(key: string, node: () => ReactNode): string {
  const hit = written.get(key);
  if (hit !== undefined) return hit;
  const html = staticMarkup(node());
  written.set(key, html);
  if (written.size > WRITTEN_LIMIT) written.delete(written.keys().next().value!);
  return html;
}

const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);
/** HTML attributes that are present or absent; React writes them as `name=""`. */
const BOOLEAN = new Set(["open", "hidden", "disabled", "checked", "selected", "readOnly", "required", "multiple"]);
/** React prop names that are not written in kebab case. */
const NAMES: Record<string, string> = {
  className: "class",
  htmlFor: "for",
  tabIndex: "tabindex",
  colSpan: "colspan",
  rowSpan: "rowspan",
  readOnly: "readonly",
  viewBox: "viewBox",
  preserveAspectRatio: "preserveAspectRatio",
  xlinkHref: "xlink:href",
};

/** `strokeDasharray` → `stroke-dasharray`, as React writes SVG presentation attributes. */
function attributeName(name: string): string {
  return NAMES[name] ?? (name.includes("-") ? name : name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`));
}

function styleText(style: Record<string, string | number>): string {
  return Object.entries(style)
    .filter(([, v]) => v !== null && v !== undefined && v !== "")
    .map(([k, v]) => `${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}:${typeof v === "number" && v !== 0 ? `${v}px` : v}`)
    .join(";");
}

/** Escapes as React does (`&`, `<`, `>`, `"` and `'`). */
function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : "&#x27;"));
}
