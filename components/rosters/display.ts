import { formatPhone } from "@/lib/domain/phone";

/** A stored number grouped for reading; masked numbers (national users) arrive already grouped. */
export function displayPhone(phone: string | null): string {
  if (!phone) return "";
  return /^[0-9]+$/.test(phone) ? formatPhone(phone) : phone;
}
