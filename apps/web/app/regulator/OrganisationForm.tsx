"use client";
import { ROLE, roleNames, type RoleName } from "@tracemed/chain";
import { useState } from "react";
import { TxStatus } from "@/components/TxStatus";
import { useMissingPermit } from "@/components/MissingPermit";
import { useI18n } from "@/lib/i18n/client";
import { fmt } from "@/lib/i18n/locales";
import { addressFeedback, countryFeedback, keyFeedback, prefixesFeedback, type Feedback } from "@/lib/inputs/asTyped";
import {
  checkOrganisation,
  type FieldProblem,
  needsCouncil,
  organisationWrite,
  type OrganisationDraft,
  type OrganisationField,
  type PrefixHolder,
} from "@/lib/regulator/organisationInput";
import { useLedgerWrite } from "@/lib/wallet/useLedgerWrite";
import { Button } from "@/components/ui/button";
import { FIELD_TONE } from "@/components/form/Field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { cn } from "@/lib/cn";

export interface OrganisationInitial {
  account: string;
  name: string;
  roles: number;
  gln: string;
  country: string;
  /** its GS1 company prefixes, as indexed */
  companyPrefixes: string[];
}

const ROLE_ORDER = Object.keys(ROLE) as RoleName[];
type TextField = "account" | "name" | "gln" | "country" | "prefixes";
const FIELD_ORDER = ["account", "name", "roles", "gln", "country", "prefixes"] as const;
const EMPTY: OrganisationDraft = { account: "", name: "", roles: [], gln: "", country: "", prefixes: "" };

/**
 * Onboard an organisation (empty form) or edit one (`initial`): account, name, roles, GLN with its
 * check digit, country, and a manufacturer's GS1 company prefixes (set in the same transaction,
 * a multicall). Each field says what is wrong before anything is signed; nothing typed is lost
 * when the ledger refuses. What only the council may do (an edit, prefixes, a regulator) is proposed to it.
 */
export function OrganisationForm({
  initial,
  known = [],
  holders = [],
  onDone,
}: {
  initial?: OrganisationInitial;
  /** accounts already onboarded (lower-case): onboarding one again is refused before signing */
  known?: string[];
  /** the organisations holding company prefixes: a prefix equal to, under or over theirs is refused */
  holders?: PrefixHolder[];
  onDone?: () => void;
}) {
  const { m } = useI18n();
  const problemText = (p: FieldProblem | undefined) => (p ? fmt(t.errors[p.key], p.vars ?? {}) : null);
  const t = m.regulator.organisations;
  const editing = Boolean(initial);
  const { state, write, propose } = useLedgerWrite();
  const missing = useMissingPermit("REGULATE");
  const [draft, setDraft] = useState<OrganisationDraft>(
    initial
      ? {
          account: initial.account,
          name: initial.name,
          roles: roleNames(initial.roles),
          gln: initial.gln,
          country: initial.country,
          prefixes: initial.companyPrefixes.join(", "),
        }
      : EMPTY,
  );
  const [shown, setShown] = useState<Partial<Record<OrganisationField, string>>>({});
  const busy = state.phase === "signing" || state.phase === "pending" || state.phase === "indexing";
  const id = (f: string) => `${editing ? `edit-${initial!.account}` : "onboard"}-${f}`;

  /**
   * What a field says under itself as it is typed (null: its hint); `sent`: the form was sent, so a
   * value still short is a problem too.
   */
  const typed = (f: TextField, sent = false): Feedback | null => {
    const problem = () => problemText(checkOrganisation(draft, holders)[f]);
    switch (f) {
      case "account":
        return addressFeedback(m, draft.account, sent);
      case "gln":
        return keyFeedback(m, "gln", draft.gln, sent);
      case "country":
        return sent && problem() ? { tone: "bad", text: problem()! } : countryFeedback(m, draft.country);
      case "prefixes":
        return prefixesFeedback(
          m,
          draft.prefixes,
          (prefixes) => problemText(checkOrganisation({ ...draft, prefixes }, holders).prefixes),
          sent,
        );
      case "name":
        return draft.name.trim() || sent ? (problem() ? { tone: "bad", text: problem()! } : null) : null;
    }
  };

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const problems = checkOrganisation(draft, holders);
    const messages: Partial<Record<OrganisationField, string>> = {};
    for (const [field, p] of Object.entries(problems) as [
      OrganisationField,
      NonNullable<(typeof problems)[OrganisationField]>,
    ][]) {
      // A text field's own words when it has them (a mistyped checksum says so), else the form's.
      const own = field === "roles" ? null : typed(field, true);
      messages[field] = own?.tone === "bad" ? own.text : fmt(t.errors[p.key], p.vars ?? {});
    }
    if (!editing && !messages.account && known.includes(draft.account.trim().toLowerCase()))
      messages.account = t.errors.already;
    setShown(messages);
    if (Object.keys(messages).length > 0) {
      const first = FIELD_ORDER.find((f) => messages[f]);
      document.getElementById(id(first === "roles" ? "role-REGULATOR" : first!))?.focus();
      return;
    }
    const w = organisationWrite(draft, initial);
    const send = needsCouncil(draft, editing) ? propose : write;
    const done = await send(w.functionName, w.args);
    // An edit stays open to show its confirmation; an onboarding clears for the next one.
    if (done && !editing) setDraft(EMPTY);
  }

  const field = (f: TextField, extra: React.InputHTMLAttributes<HTMLInputElement> = {}) => {
    const said: Feedback | null = shown[f] ? { tone: "bad", text: shown[f] } : typed(f);
    const hint = f in t.hints ? t.hints[f as keyof typeof t.hints] : null;
    return (
      <>
        <Label htmlFor={id(f)} className="sm:pt-2.5">
          {t.fields[f]}
        </Label>
        <div className="flex min-w-0 flex-col gap-1">
          <Input
            id={id(f)}
            name={f}
            type="text"
            value={draft[f]}
            onChange={(e) => {
              setDraft({ ...draft, [f]: e.target.value });
              setShown({ ...shown, [f]: undefined });
            }}
            aria-invalid={said?.tone === "bad" ? true : undefined}
            aria-describedby={`${id(f)}-error${f in t.hints ? ` ${id(f)}-hint` : ""}`}
            autoComplete="off"
            spellCheck={false}
            {...extra}
          />
          {hint ? (
            <span id={`${id(f)}-hint`} className="text-sm text-muted">
              {hint}
            </span>
          ) : null}
          <p
            id={`${id(f)}-error`}
            className={cn("m-0 text-sm empty:hidden", FIELD_TONE[said?.tone ?? "hint"])}
            role={shown[f] ? "alert" : undefined}
            aria-live={shown[f] ? undefined : "polite"}
            data-testid={`${id(f)}-typed`}
            data-tone={said?.tone}
          >
            {said ? (said.tone === "bad" ? `✕ ${said.text}` : said.text) : ""}
          </p>
        </div>
      </>
    );
  };

  return (
    <form
      className="grid max-w-3xl grid-cols-1 items-start gap-x-4 gap-y-3 rounded-card border border-line bg-surface p-4 sm:grid-cols-[max-content_minmax(0,1fr)] sm:p-5"
      onSubmit={submit}
      noValidate
      data-testid={editing ? "edit-organisation-form" : "onboard-form"}
      aria-label={editing ? fmt(t.editTitle, { name: initial!.name }) : t.onboardTitle}
    >
      {field("account", editing ? { readOnly: true } : { placeholder: "0x…" })}
      {field("name")}
      <span id={id("roles-label")} className="text-sm font-medium sm:pt-2.5">
        {t.fields.roles}
      </span>
      <div className="flex flex-col gap-1">
        <fieldset
          className="m-0 flex flex-wrap gap-x-4 border-0 p-0"
          aria-labelledby={id("roles-label")}
          aria-describedby={id("roles-error")}
        >
          {ROLE_ORDER.map((r) => (
            <label key={r} className="inline-flex min-h-tap cursor-pointer items-center gap-2">
              <input
                className="size-4 accent-brand"
                id={id(`role-${r}`)}
                type="checkbox"
                name="roles"
                value={r}
                checked={draft.roles.includes(r)}
                onChange={(e) =>
                  setDraft({
                    ...draft,
                    roles: e.target.checked ? [...draft.roles, r] : draft.roles.filter((x) => x !== r),
                  })
                }
              />{" "}
              {m.common.roles[r]}
            </label>
          ))}
        </fieldset>
        <p
          id={id("roles-error")}
          className="m-0 text-sm font-medium text-bad empty:hidden"
          role={shown.roles ? "alert" : undefined}
        >
          {shown.roles ? `✕ ${shown.roles}` : ""}
        </p>
      </div>
      {field("gln", { inputMode: "numeric", maxLength: 16 })}
      {field("country", { maxLength: 2, autoCapitalize: "characters", className: "w-20" })}
      {field("prefixes")}
      <div className="col-span-full flex flex-wrap items-center gap-2">
        <Button
          type="submit"
          size="lg"
          disabled={busy || (!needsCouncil(draft, editing) && missing !== null)}
          title={needsCouncil(draft, editing) ? undefined : (missing ?? undefined)}
          data-council={needsCouncil(draft, editing)}
        >
          {needsCouncil(draft, editing) ? (editing ? t.proposeSave : t.proposeOnboard) : editing ? t.save : t.onboard}
        </Button>
        {editing && onDone ? (
          <Button variant="secondary" type="button" onClick={onDone} disabled={busy}>
            {t.cancel}
          </Button>
        ) : null}
      </div>
      <div className="col-span-full">
        <TxStatus state={state} />
      </div>
    </form>
  );
}
