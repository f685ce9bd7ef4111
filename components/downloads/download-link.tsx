"use client";

import { useState } from "react";
import { useSoftLinks } from "@/components/ui/soft-links";

export type DownloadMessages = {
  preparing: string;
  /** Carries `{minutes}`, replaced by the wait the server asked for. */
  limit: string;
  badRequest: string;
  signedOut: string;
  notFound: string;
  failed: string;
  cutOff: string;
  close: string;
};

type State = { kind: "idle" } | { kind: "busy" } | { kind: "error"; text: string };

/** The file name the server gave in Content-Disposition (`filename*` first, as RFC 6266 prefers). */
function fileNameOf(disposition: string | null, href: string): string {
  const extended = disposition && /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (extended) {
    try {
      return decodeURIComponent(extended[1]);
    } catch {
      // fall through to the plain name
    }
  }
  const plain = disposition && /filename="([^"]+)"/i.exec(disposition);
  return plain ? plain[1] : (new URL(href, window.location.href).pathname.split("/").pop() ?? "download");
}

function refusal(response: Response, messages: DownloadMessages): string {
  if (response.status === 429) {
    const seconds = Number(response.headers.get("Retry-After"));
    const minutes = Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds / 60) : 60;
    return messages.limit.replace("{minutes}", String(minutes));
  }
  if (response.status === 400) return messages.badRequest;
  if (response.status === 401 || response.status === 403 || response.type === "opaqueredirect") return messages.signedOut;
  if (response.status === 404) return messages.notFound;
  return messages.failed;
}

/**
 * Downloads that ask the server first: a refused download (the per-user limit, a bad filter, an
 * ended session) is told on the page the user is on instead of being saved as a file, and a file
 * cut off on the way is not saved. `start` takes over a click on a link; `notice` says what
 * is happening, once for however many links share it.
 */
function useDownloads(messages: DownloadMessages) {
  const [state, setState] = useState<State>({ kind: "idle" });

  async function start(event: React.MouseEvent, link: HTMLAnchorElement) {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    if (state.kind === "busy") return;
    const url = link.href;
    setState({ kind: "busy" });
    link.setAttribute("aria-busy", "true");
    try {
      await save(url);
    } finally {
      link.removeAttribute("aria-busy");
    }
  }

  async function save(url: string) {
    let response: Response;
    try {
      response = await fetch(url, { credentials: "same-origin", redirect: "manual", cache: "no-store" });
    } catch {
      return setState({ kind: "error", text: messages.failed });
    }
    if (!response.ok) return setState({ kind: "error", text: refusal(response, messages) });
    let file: Blob;
    try {
      file = await response.blob();
    } catch {
      return setState({ kind: "error", text: messages.cutOff });
    }
    const objectUrl = URL.createObjectURL(file);
    const link = document.createElement("a");
    link.href = objectUrl;
    link.download = fileNameOf(response.headers.get("Content-Disposition"), url);
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(objectUrl), 60_000);
    setState({ kind: "idle" });
  }

  const notice =
    state.kind === "busy" ? (
      <span role="status" className="fixed inset-x-3 bottom-3 z-50 mx-auto max-w-lg rounded-md border border-slate-300 bg-white p-3 text-sm text-slate-800 shadow-lg">
        {messages.preparing}
      </span>
    ) : state.kind === "error" ? (
      <span role="alert" data-testid="download-refused" className="fixed inset-x-3 bottom-3 z-50 mx-auto flex max-w-lg items-start gap-3 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900 shadow-lg">
        <span className="flex-1">{state.text}</span>
        <button type="button" className="shrink-0 font-semibold underline underline-offset-2" onClick={() => setState({ kind: "idle" })}>
          {messages.close}
        </button>
      </span>
    ) : null;
  return { start, notice };
}

/** One download link (see `useDownloads`). Without JavaScript it is a plain link. */
export function DownloadLink({ href, className, ariaLabel, messages, children }: { href: string; className?: string; ariaLabel?: string; messages: DownloadMessages; children: React.ReactNode }) {
  const { start, notice } = useDownloads(messages);
  return (
    <>
      <a href={href} className={className} aria-label={ariaLabel} download onClick={(event) => start(event, event.currentTarget)}>
        {children}
      </a>
      {notice}
    </>
  );
}

/**
 * A part of a page whose plain links behave as the app's own, through one click handler: an
 * `<a download>` downloads as `DownloadLink` does, any other link opens in place as `next/link`
 * does (see `useSoftLinks`). A dashboard has some forty links, which then cost the server no
 * component each.
 */
export function LinkArea({ messages, className, children }: { messages: DownloadMessages; className?: string; children: React.ReactNode }) {
  const { start, notice } = useDownloads(messages);
  const navigate = useSoftLinks();
  return (
    // The links inside are the interactive elements; this only listens to their clicks.
    <div
      className={className}
      onClick={(event) => {
        // A link that handled its own click (a `DownloadLink`, a `next/link`) is left alone.
        if (event.defaultPrevented) return;
        const link = (event.target as Element).closest?.("a");
        if (link?.hasAttribute("download")) void start(event, link);
        else navigate(event);
      }}
    >
      {children}
      {notice}
    </div>
  );
}
