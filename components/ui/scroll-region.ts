/**
 * Props for a box that scrolls a wide table sideways: keyboard users reach it with Tab and
 * scroll it with the arrow keys, and screen readers announce it by name (WCAG 2.1.1; axe
 * `scrollable-region-focusable`). Without a label (inside a section already named the same) it
 * is only made reachable, so that no two landmarks share a name.
 */
export function scrollRegion(label?: string) {
  return label ? ({ role: "region", "aria-label": label, tabIndex: 0 } as const) : ({ tabIndex: 0 } as const);
}
