"use client";

import { buttonClass } from "@/components/ui/styles";

export function PrintButton({ label }: { label: string }) {
  return (
    <button type="button" className={buttonClass.primary} onClick={() => window.print()}>
      {label}
    </button>
  );
}
