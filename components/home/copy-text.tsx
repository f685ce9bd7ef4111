"use client";

import { useRef, useState } from "react";
import { buttonClass } from "@/components/ui/styles";

/**
 * Plain text in a read-only box with a copy button. Where the clipboard is refused (an insecure
 * origin, an old browser), the text is selected so that the user can copy it by hand.
 */
export function CopyText({ id, label, text, copyLabel, copiedLabel, failedLabel }: { id: string; label: string; text: string; copyLabel: string; copiedLabel: string; failedLabel: string }) {
  const box = useRef<HTMLTextAreaElement>(null);
  const [outcome, setOutcome] = useState<"copied" | "failed" | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setOutcome("copied");
    } catch {
      box.current?.focus();
      box.current?.select();
      setOutcome("failed");
    }
  };
  return (
    <div className="space-y-2">
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <textarea
        id={id}
        ref={box}
        readOnly
        value={text}
        rows={Math.min(16, text.split("\n").length + 1)}
        className="block w-full rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-sm text-slate-900"
        data-testid="reminder-text"
      />
      <div className="flex flex-wrap items-center gap-3">
        <button type="button" onClick={copy} className={buttonClass.primary}>
          {copyLabel}
        </button>
        <p aria-live="polite" className="text-sm text-slate-700">
          {outcome === "copied" ? copiedLabel : outcome === "failed" ? failedLabel : ""}
        </p>
      </div>
    </div>
  );
}
