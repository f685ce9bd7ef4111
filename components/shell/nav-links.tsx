"use client";

import { usePathname } from "next/navigation";
import { useEffect, useRef, type ReactNode } from "react";
import { useSoftLinks } from "@/components/ui/soft-links";

export type NavLink = { href: string; label: string };

const isActive = (href: string, path: string) => (href === "/" ? path === "/" || path.startsWith("/units") : path === href || path.startsWith(`${href}/`));

/**
 * The sections, marked with the current one; laid out by the caller (a wrapping row or a grid).
 * Plain links that open in place through one click handler (see `useSoftLinks`): every signed-in
 * page draws the list twice, for the phone's menu and the wide screen's bar.
 */
export function NavLinks({ links, className, linkClass, activeClass, idleClass }: { links: NavLink[]; className: string; linkClass: string; activeClass: string; idleClass: string }) {
  const path = usePathname();
  const navigate = useSoftLinks();
  return (
    // The links inside are the interactive elements; the list only listens to their clicks.
    <ul className={className} onClick={navigate}>
      {links.map((l) => {
        const active = isActive(l.href, path);
        return (
          <li key={l.href}>
            <a href={l.href} aria-current={active ? "page" : undefined} className={`${linkClass} ${active ? activeClass : idleClass}`}>
              {l.label}
            </a>
          </li>
        );
      })}
    </ul>
  );
}

/**
 * The phone's menu: a disclosure (works before the page's JavaScript arrives) that shows every
 * section at once and closes itself when a section is chosen.
 */
export function PhoneMenu({ label, current, children }: { label: string; current?: string; children: ReactNode }) {
  const box = useRef<HTMLDetailsElement>(null);
  const path = usePathname();
  useEffect(() => {
    if (box.current) box.current.open = false;
  }, [path]);
  return (
    <details ref={box} className="group lg:hidden">
      <summary className="flex min-h-10 cursor-pointer list-none items-center gap-2 rounded border border-white/40 px-3 py-1 text-sm font-semibold hover:bg-white/10 [&::-webkit-details-marker]:hidden">
        <span aria-hidden className="text-base leading-none">
          ☰
        </span>
        {label}
        {current && <span className="sr-only"> · {current}</span>}
      </summary>
      <div className="absolute inset-x-0 z-40 mt-2 max-h-[calc(100vh-3.5rem)] overflow-y-auto border-t border-white/10 bg-brand-800 px-4 pb-4 shadow-lg">{children}</div>
    </details>
  );
}
