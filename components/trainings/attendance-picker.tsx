"use client";

import { useState, useTransition, type Dispatch, type SetStateAction } from "react";
import { useTranslations } from "next-intl";
import { buttonClass, inputClass } from "@/components/ui/styles";
import { initialFormState, type FormState } from "@/lib/actions/form-state";
import type { Position } from "@/lib/domain/catalog";

export type PickedMember = {
  id: number;
  fullName: string;
  position: Position;
  phone: string | null;
  teamName: string;
  communeName: string;
  provinceName: string;
};

type TeamHit = { id: number; name: string; communeName: string; provinceName: string; members: number };

/** Where a member or team is, as much as the caller needs: nothing, the commune, or commune and province. */
export type PlaceDetail = "none" | "commune" | "province";

function place(detail: PlaceDetail, item: { communeName: string; provinceName: string }) {
  if (detail === "none") return "";
  return detail === "province" ? `${item.communeName}, ${item.provinceName}` : item.communeName;
}
export type PickerResult = { teams: TeamHit[]; members: PickedMember[]; moreMembers?: number; team?: { id: number; members: PickedMember[] } };
export type PickerSearch = (state: FormState<never>, formData: FormData) => Promise<FormState<PickerResult>>;

function MemberLine({ m, detail }: { m: PickedMember; detail: PlaceDetail }) {
  const t = useTranslations();
  return (
    <span className="min-w-0">
      <span className="font-medium">{m.fullName}</span>
      <span className="block text-xs text-slate-600">
        {t(`catalog.positions.${m.position}`)} · {m.teamName}
        {detail !== "none" ? ` · ${place(detail, m)}` : ""}
        {m.phone ? ` · ${m.phone}` : ""}
      </span>
    </span>
  );
}

/**
 * Picks attending members from the rosters within the organiser's scope: search by name without
 * diacritics, add a whole team at once, remove. The chosen ids travel in the form as `memberIds`.
 */
export function AttendancePicker({
  search,
  selected,
  onChange,
  unitLabel,
  detail,
  initialResult,
  disabled,
  errors,
}: {
  search: PickerSearch;
  selected: PickedMember[];
  onChange: Dispatch<SetStateAction<PickedMember[]>>;
  unitLabel: string;
  detail: PlaceDetail;
  /** Shown before any search: for a commune lead, the commune's teams. */
  initialResult?: PickerResult;
  disabled: boolean;
  errors?: string[];
}) {
  const t = useTranslations("trainings.picker");
  const [q, setQ] = useState("");
  const [result, setResult] = useState<PickerResult | null>(initialResult ?? null);
  const [failed, setFailed] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const [pending, startTransition] = useTransition();
  const chosen = new Set(selected.map((m) => m.id));

  const run = (fields: Record<string, string>, then?: (r: PickerResult) => void) => {
    const formData = new FormData();
    for (const [k, v] of Object.entries(fields)) formData.set(k, v);
    startTransition(async () => {
      const state = await search(initialFormState as FormState<never>, formData);
      setFailed(!state.ok);
      if (!state.ok || !state.data) return;
      if (then) then(state.data);
      else setResult(state.data);
    });
  };

  const add = (members: PickedMember[]) => {
    onChange((previous) => {
      const had = new Set(previous.map((m) => m.id));
      const fresh = members.filter((m) => !had.has(m.id));
      return fresh.length ? [...previous, ...fresh] : previous;
    });
    return members.filter((m) => !chosen.has(m.id)).length;
  };

  const addTeam = (team: TeamHit) =>
    run({ teamId: String(team.id) }, (r) => {
      const n = add(r.team?.members ?? []);
      setAnnouncement(t("teamAdded", { count: n, team: team.name }));
    });

  const submitSearch = () => run({ q });
  const errorId = "memberIds-error";

  return (
    // The error summary names and focuses the whole picker (by this id) rather than its search box.
    <fieldset id="memberIds" tabIndex={-1} className="space-y-3" aria-describedby={`${errorId} memberIds-hint`}>
      <legend className="text-sm font-medium text-slate-800">{t("legend")}</legend>
      <p id="memberIds-hint" className="text-sm text-slate-600">
        {t("scope", { unit: unitLabel })}
      </p>
      {!disabled && (
        <div className="flex gap-2" data-not-saved>
          <label htmlFor="attendee-search" className="sr-only">
            {t("search")}
          </label>
          <input
            id="attendee-search"
            type="search"
            value={q}
            placeholder={t("search")}
            onChange={(e) => setQ(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                submitSearch();
              }
            }}
            className={inputClass}
            autoComplete="off"
          />
          <button type="button" onClick={submitSearch} className={buttonClass.secondary} disabled={pending}>
            {t("searchButton")}
          </button>
        </div>
      )}
      <div aria-live="polite" className="text-sm text-slate-700">
        {pending ? t("searching") : announcement}
        {failed ? <span className="text-red-700">{t("noResults")}</span> : null}
      </div>
      {!disabled && result && (
        <div className="space-y-3 rounded-md border border-slate-200 p-3" data-testid="attendee-results">
          {result.teams.length === 0 && result.members.length === 0 && <p className="text-sm text-slate-600">{t("noResults")}</p>}
          {result.teams.length > 0 && (
            <div>
              <h2 className="mb-1 text-xs font-semibold uppercase text-slate-600">{t("teams")}</h2>
              <ul className="divide-y divide-slate-100">
                {result.teams.map((team) => (
                  <li key={team.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                    <span className="min-w-0">
                      <span className="font-medium">{team.name}</span>
                      {detail !== "none" && <span className="block text-xs text-slate-600">{place(detail, team)}</span>}
                    </span>
                    <button
                      type="button"
                      className={buttonClass.secondary}
                      onClick={() => addTeam(team)}
                      disabled={pending || team.members === 0}
                      aria-label={`${t("addTeam", { count: team.members })}: ${team.name}`}
                    >
                      {t("addTeam", { count: team.members })}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          )}
          {result.members.length > 0 && (
            <div>
              <h2 className="mb-1 text-xs font-semibold uppercase text-slate-600">{t("members")}</h2>
              <ul className="divide-y divide-slate-100">
                {result.members.map((m) => (
                  <li key={m.id} className="flex items-center justify-between gap-2 py-2">
                    <MemberLine m={m} detail={detail} />
                    <button
                      type="button"
                      className={buttonClass.secondary}
                      disabled={chosen.has(m.id)}
                      aria-label={`${chosen.has(m.id) ? t("added") : t("add")}: ${m.fullName}`}
                      onClick={() => {
                        add([m]);
                        setAnnouncement(t("memberAdded", { name: m.fullName }));
                      }}
                    >
                      {chosen.has(m.id) ? t("added") : t("add")}
                    </button>
                  </li>
                ))}
              </ul>
              {!!result.moreMembers && (
                <p className="mt-1 text-sm text-slate-700" data-testid="attendee-more">
                  {t("moreMembers", { count: result.moreMembers })}
                </p>
              )}
            </div>
          )}
        </div>
      )}
      <div className="rounded-md border border-slate-200">
        <div className="flex items-center justify-between gap-2 border-b border-slate-200 bg-slate-50 px-3 py-2">
          <span className="text-sm font-semibold" data-testid="attendee-count">
            {t("selected", { count: selected.length })}
          </span>
          {selected.length > 0 && (
            <button type="button" className={buttonClass.link + " text-sm"} onClick={() => onChange([])}>
              {t("removeAll")}
            </button>
          )}
        </div>
        {selected.length === 0 ? (
          <p className="px-3 py-3 text-sm text-slate-600">{t("none")}</p>
        ) : (
          <ul className="max-h-96 divide-y divide-slate-100 overflow-y-auto" aria-label={t("selected", { count: selected.length })} data-testid="attendee-selected">
            {selected.map((m) => (
              <li key={m.id} className="flex items-center justify-between gap-2 px-3 py-2">
                <MemberLine m={m} detail={detail} />
                <button
                  type="button"
                  className="rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-50"
                  aria-label={`${t("remove")}: ${m.fullName}`}
                  onClick={() => onChange((previous) => previous.filter((s) => s.id !== m.id))}
                >
                  {t("remove")}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div id={errorId} aria-live="polite" className="text-sm text-red-700">
        {errors?.map((e) => (
          <p key={e}>{e}</p>
        ))}
      </div>
    </fieldset>
  );
}
