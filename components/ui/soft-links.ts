"use client";

import { useRouter } from "next/navigation";
import { useCallback } from "react";

/**
 * A click handler for a container of plain links (`<a href>`) that navigates within the app as
 * `next/link` does, without the page reload. One handler for a list of a hundred links costs the
 * server nothing per link, where a hundred `next/link` components each render with their hooks
 * on every request. Clicks with a modifier key, another button, a target or another origin are
 * left to the browser; Enter on a focused link is a click too. A link marked `data-keep-scroll`
 * (a sort or a filter of the page in view) keeps the scroll position, as `scroll={false}` does.
 */
export function useSoftLinks(): (event: React.MouseEvent) => void {
  const router = useRouter();
  return useCallback(
    (event: React.MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const link = (event.target as Element).closest?.("a");
      if (!link || link.target || link.hasAttribute("download") || link.origin !== window.location.origin) return;
      event.preventDefault();
      router.push(`${link.pathname}${link.search}${link.hash}`, { scroll: !link.hasAttribute("data-keep-scroll") });
    },
    [router],
  );
}
