"use client";
import { ROLE, roleNames, type RoleName } from "@tracemed/chain";
import { useState } from "react";
import { TxStatus } from "@/components/TxStatus";
import { useMissingPermit } from "@/components/MissingPermit";
import { useI18n } from "@/lib/i18n/client";
import { fmt } from "@/lib/i18n/locales";
import {
  checkOrganisation,
  needsCouncil,
  organisationWrite,
  type OrganisationDraft,
  type OrganisationField,
  type PrefixHolder,
} from "@/lib/regulator/organisationInput";
import { useLedgerWrite } from "@/lib/wallet/useLedgerWrite";

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

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const problems = checkOrganisation(draft, holders);
    const messages: Partial<Record<OrganisationField, string>> = {};
    for (const [field, p] of Object.entries(problems) as [
      OrganisationField,
      NonNullable<(typeof problems)[OrganisationField]>,
    ][])
      messages[field] = fmt(t.errors[p.key], p.vars ?? {});
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

  const field = (
    f: "account" | "name" | "gln" | "country" | "prefixes",
    extra: React.InputHTMLAttributes<HTMLInputElement> = {},
  ) => (
    <>
      <label htmlFor={id(f)}>{t.fields[f]}</label>
      <div>
        <input
          id={id(f)}
          name={f}
          type="text"
          value={draft[f]}
          onChange={(e) => setDraft({ ...draft, [f]: e.target.value })}
          aria-invalid={shown[f] ? true : undefined}
          aria-describedby={`${id(f)}-error${f in t.hints ? ` ${id(f)}-hint` : ""}`}
          autoComplete="off"
          spellCheck={false}
          {...extra}
        />
        {f in t.hints ? (
          <span id={`${id(f)}-hint`} className="note">
            {t.hints[f as keyof typeof t.hints]}
          </span>
        ) : null}
        <p id={`${id(f)}-error`} className="field-error" role={shown[f] ? "alert" : undefined}>
          {shown[f] ? `✕ ${shown[f]}` : ""}
        </p>
      </div>
    </>
  );

  return (
    <form
      className="org-form"
      onSubmit={submit}
      noValidate
      data-testid={editing ? "edit-organisation-form" : "onboard-form"}
      aria-label={editing ? fmt(t.editTitle, { name: initial!.name }) : t.onboardTitle}
    >
      {field("account", editing ? { readOnly: true } : { placeholder: "0x…" })}
      {field("name")}
      <span id={id("roles-label")}>{t.fields.roles}</span>
      <div>
        <fieldset aria-labelledby={id("roles-label")} aria-describedby={id("roles-error")}>
          {ROLE_ORDER.map((r) => (
            <label key={r}>
              <input
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
        <p id={id("roles-error")} className="field-error" role={shown.roles ? "alert" : undefined}>
          {shown.roles ? `✕ ${shown.roles}` : ""}
        </p>
      </div>
      {field("gln", { inputMode: "numeric", maxLength: 16 })}
      {field("country", { maxLength: 2, autoCapitalize: "characters", style: { width: "5em" } })}
      {field("prefixes")}
      <div className="full row-actions">
        <button
          type="submit"
          className="primary"
          disabled={busy || (!needsCouncil(draft, editing) && missing !== null)}
          title={needsCouncil(draft, editing) ? undefined : (missing ?? undefined)}
          data-council={needsCouncil(draft, editing)}
        >
          {needsCouncil(draft, editing) ? (editing ? t.proposeSave : t.proposeOnboard) : editing ? t.save : t.onboard}
        </button>
        {editing && onDone ? (
          <button type="button" onClick={onDone} disabled={busy}>
            {t.cancel}
          </button>
        ) : null}
      </div>
      <div className="full">
        <TxStatus state={state} />
      </div>
    </form>
  );
}
