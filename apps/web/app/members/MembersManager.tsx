"use client";
import { PERMIT } from "@tracemed/chain";
import { displayText } from "@tracemed/codes/browser";
import { useId, useState } from "react";
import { DataTable } from "@/components/table/DataTable";
import { ConfirmDialog } from "@/components/ConfirmDialog";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { TxStatus } from "@/components/TxStatus";
import { datesFor } from "@/lib/dates";
import { useI18n } from "@/lib/i18n/client";
import { fmt } from "@/lib/i18n/locales";
import { checkMemberAddress, leavesNoAdmin } from "@/lib/members/memberInput";
import { PERMIT_NAMES, permitNames, type PermitName } from "@/lib/session/permits";
import { useLedgerWrite } from "@/lib/wallet/useLedgerWrite";

export interface MemberRow {
  account: string;
  permissions: number;
  updatedAt: string;
  /** the label given when it enrolled ("Li Na, counter phone"), for a passkey member; null for a wallet key */
  passkey: string | null;
}

/** Permission checkboxes: one per permit, labelled by what it lets a member do. */
export function PermitBoxes({
  value,
  onChange,
  idPrefix,
  disabled,
}: {
  value: number;
  onChange: (bits: number) => void;
  idPrefix: string;
  disabled?: boolean;
}) {
  const { m } = useI18n();
  return (
    <fieldset className="m-0 flex flex-wrap gap-x-4 gap-y-1 border-0 p-0" disabled={disabled}>
      <legend className="mb-1 text-sm font-medium text-ink">{m.org.members.choose}</legend>
      {PERMIT_NAMES.map((p) => (
        <label key={p} htmlFor={`${idPrefix}-${p}`} className="inline-flex min-h-8 items-center gap-2 text-sm">
          <input
            className="size-4 accent-brand"
            id={`${idPrefix}-${p}`}
            type="checkbox"
            checked={(value & PERMIT[p]) !== 0}
            onChange={(e) => onChange(e.target.checked ? value | PERMIT[p] : value & ~PERMIT[p])}
            data-testid={`${idPrefix}-${p}`}
          />{" "}
          {m.org.permits[p]}
        </label>
      ))}
    </fieldset>
  );
}

/**
 * The members list; for an administrator also: add a member by address with its permissions, change a
 * member's permissions, remove one (after a confirmation that says what it loses). Each is a ledger write
 * the administrator signs; the list refreshes once the indexer has it.
 */
export function MembersManager({
  members,
  me,
  organisationName,
  admin,
}: {
  members: MemberRow[];
  me: string;
  organisationName: string;
  admin: boolean;
}) {
  const i18n = useI18n();
  const { locale, m } = i18n;
  const dates = datesFor(i18n);
  const t = m.org.members;
  const name = displayText(organisationName);
  const formId = useId();
  const { state, write, reset } = useLedgerWrite();
  const busy = state.phase === "signing" || state.phase === "pending" || state.phase === "indexing";
  const [bits, setBits] = useState<number>(PERMIT.SHIP);
  const [problem, setProblem] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ account: string; bits: number } | null>(null);
  const [removing, setRemoving] = useState<MemberRow | null>(null);
  const list = (p: PermitName[]) => p.map((x) => m.org.permits[x]).join(locale === "zh-CN" ? "、" : ", ");

  async function add(e: React.FormEvent) {
    e.preventDefault();
    reset();
    // Read from the form, not from state: what was typed before the page became interactive counts too.
    const form = e.currentTarget as HTMLFormElement;
    const checked = checkMemberAddress(String(new FormData(form).get("account") ?? ""), members);
    if ("problem" in checked) return setProblem(fmt(t.errors[checked.problem], { name }));
    if (bits === 0) return setProblem(t.noPermits);
    setProblem(null);
    if (await write("addMember", [checked.account, bits]))
      (form.elements.namedItem("account") as HTMLInputElement).value = "";
  }

  async function save() {
    if (!editing) return;
    if (editing.bits === 0) return setProblem(t.noPermits);
    if (leavesNoAdmin(members, editing.account, editing.bits)) return setProblem(fmt(t.lastAdmin, { name }));
    setProblem(null);
    if (await write("setMemberPermissions", [editing.account as `0x${string}`, editing.bits])) setEditing(null);
  }

  async function remove() {
    if (!removing) return;
    if (await write("removeMember", [removing.account as `0x${string}`])) setRemoving(null);
  }

  return (
    <>
      <DataTable
        label={fmt(t.title, { name })}
        testid="members"
        rows={members}
        rowKey={(x) => x.account}
        rowData={(x) => ({ "data-account": x.account, "data-permissions": String(x.permissions) })}
        empty={t.none}
        columns={[
          {
            head: t.account,
            cell: (x) => (
              <>
                {x.passkey ? (
                  <span className="block" data-testid="member-passkey">
                    {displayText(x.passkey)} <Badge tone="brand">{t.passkey}</Badge>
                  </span>
                ) : null}
                <code>{x.account}</code>
                {x.account === me.toLowerCase() ? <span className="text-sm text-muted"> ({t.you})</span> : null}
              </>
            ),
          },
          {
            head: t.permissions,
            cell: (x) =>
              editing?.account === x.account ? (
                <div data-testid="member-edit">
                  <PermitBoxes
                    value={editing.bits}
                    onChange={(b) => setEditing({ account: x.account, bits: b })}
                    idPrefix={`edit-${x.account}`}
                    disabled={busy}
                  />
                  <div className="mt-2 flex flex-wrap gap-2">
                    <Button size="sm" onClick={() => void save()} disabled={busy} data-testid="member-save">
                      {t.save}
                    </Button>
                    <Button size="sm" variant="secondary" onClick={() => setEditing(null)} disabled={busy}>
                      {t.close}
                    </Button>
                  </div>
                </div>
              ) : (
                list(permitNames(x.permissions))
              ),
          },
          { head: t.added, cell: (x) => dates.at(x.updatedAt) },
          ...(admin
            ? [
                {
                  head: t.actions,
                  cell: (x: MemberRow) => (
                    <div className="flex flex-wrap gap-2">
                      <Button
                        size="sm"
                        variant="secondary"
                        onClick={() => {
                          reset();
                          setProblem(null);
                          setEditing({ account: x.account, bits: x.permissions });
                        }}
                        disabled={busy}
                        data-testid={`member-edit-${x.account}`}
                      >
                        {t.edit}
                      </Button>
                      <Button
                        size="sm"
                        variant="danger"
                        onClick={() => {
                          reset();
                          setProblem(leavesNoAdmin(members, x.account, 0) ? fmt(t.lastAdmin, { name }) : null);
                          setRemoving(leavesNoAdmin(members, x.account, 0) ? null : x);
                        }}
                        disabled={busy}
                        data-testid={`member-remove-${x.account}`}
                      >
                        {t.remove}
                      </Button>
                    </div>
                  ),
                },
              ]
            : []),
        ]}
      />
      {removing ? (
        <ConfirmDialog
          question={fmt(t.confirmRemove, {
            account: removing.account,
            name,
            permits: list(permitNames(removing.permissions)),
          })}
          yes={t.confirm}
          no={t.keep}
          onYes={() => void remove()}
          onNo={() => setRemoving(null)}
          busy={busy}
          testid="member-remove-dialog"
        />
      ) : null}
      {problem ? (
        <Alert tone="bad" role="alert" data-testid="members-problem" className="mt-3">
          <AlertDescription>{problem}</AlertDescription>
        </Alert>
      ) : null}
      <TxStatus state={state} />
      {admin ? (
        <Card className="mt-6">
          <CardHeader>
            <CardTitle id={`${formId}-add`}>{t.addTitle}</CardTitle>
          </CardHeader>
          <CardContent>
            <form
              onSubmit={(e) => void add(e)}
              aria-labelledby={`${formId}-add`}
              data-testid="member-add-form"
              className="flex flex-col gap-3"
              noValidate
            >
              <div className="flex flex-col gap-1.5">
                <Label htmlFor={`${formId}-address`}>{t.address}</Label>
                <Input
                  id={`${formId}-address`}
                  name="account"
                  placeholder="0x…"
                  autoComplete="off"
                  spellCheck={false}
                  className="font-mono"
                  aria-describedby={`${formId}-address-hint`}
                  data-testid="member-address"
                />
                <span id={`${formId}-address-hint`} className="text-sm text-muted">
                  {t.addressHint}
                </span>
              </div>
              <PermitBoxes value={bits} onChange={setBits} idPrefix="member-permit" disabled={busy} />
              <div>
                <Button type="submit" disabled={busy} data-testid="member-add">
                  {t.add}
                </Button>
              </div>
            </form>
          </CardContent>
        </Card>
      ) : null}
    </>
  );
}
