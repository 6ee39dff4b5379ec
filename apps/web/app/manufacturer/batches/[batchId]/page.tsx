import { datesFor } from "@/lib/dates";
import { displayText } from "@tracemed/codes/browser";
import { Facts } from "@/components/Facts";
import { SignInNotice } from "@/components/SignInNotice";
import { DataTable } from "@/components/table/DataTable";
import { db } from "@/lib/db";
import { getI18n } from "@/lib/i18n/server";
import { fmt } from "@/lib/i18n/locales";
import { manufacturerBatches } from "@tracemed/provenance/manufacturer/overview";
import { PRINT_FILE_KINDS } from "@tracemed/registration/printFiles";
import { batchOwner, batchPrintFiles, registrationView } from "@tracemed/registration/registration";
import { registrationDeps } from "@/lib/manufacturer/server";
import { pageStaff } from "@/lib/session/server";
import { custodyColumns } from "@/components/manufacturer/CustodyColumns";
import { StatusBadge } from "@/components/StatusBadge";
import { DeletePrintFiles } from "./DeletePrintFiles";
import { RecallBatch } from "./RecallBatch";
import { StaffReason } from "@/components/StaffReason";
import { reasonForStaff } from "@tracemed/chain/reason";
import { Notice } from "@/components/Notice";
import { Page } from "@/components/Page";
import { Button } from "@/components/ui/button";
import { Download } from "lucide-react";

export const dynamic = "force-dynamic";

function size(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export default async function ManufacturerBatchPage({ params }: { params: Promise<{ batchId: string }> }) {
  const { session, organisation: org } = await pageStaff("MANUFACTURER");
  if (!org) return <SignInNotice role="MANUFACTURER" session={session} />;
  const { locale, m, timeZone } = await getI18n();
  const dates = datesFor({ locale, timeZone });
  const t = m.manufacturer;
  const batchId = (await params).batchId.toLowerCase();
  const back = { href: "/manufacturer", text: t.batch.back };
  const owner = await batchOwner(db(), batchId);
  if (!owner || owner !== org.account.toLowerCase())
    return (
      <Page back={back} title={t.batch.facts}>
        <Notice role="alert" data-testid="batch-unavailable">
          {owner ? t.batch.notYours : t.batch.notFound}
        </Notice>
      </Page>
    );

  const deps = registrationDeps();
  const [[batch], packSet, job, { files }] = await Promise.all([
    manufacturerBatches(db(), org.account, batchId),
    db().packSet.findUnique({ where: { batchId } }),
    db().batchRegistration.findUnique({ where: { batchId } }),
    batchPrintFiles(deps, batchId, org.account),
  ]);
  const jobView = job ? await registrationView(deps, job.id, org.account) : null;
  const lot = batch?.lot ?? packSet?.lot ?? job?.lot ?? "";
  const gtin = batch?.gtin ?? packSet?.gtin ?? job?.gtin ?? "";
  const product = await db().product.findUnique({ where: { gtin } });
  const printed = (packSet ?? job)?.expiry;
  const expiry = batch
    ? dates.day(batch.expiresAt)
    : printed
      ? dates.day(`20${printed.slice(0, 2)}-${printed.slice(2, 4)}-${printed.slice(4, 6)}T00:00:00Z`)
      : t.dash;
  const hasFiles = PRINT_FILE_KINDS.some((k) => files[k] !== undefined);
  const href = (kind: string) => `/api/manufacturer/batches/${batchId}/labels/${kind}`;
  const labelFor = { sheets: t.batch.downloadSheets, rolls: t.batch.downloadRolls, csv: t.batch.downloadCsv };

  return (
    <Page
      back={back}
      title={fmt(t.batch.title, { lot })}
      lede={
        product
          ? displayText(`${product.name} ${product.strength} · ${product.dosageForm} · ${product.packSize}`)
          : gtin
      }
    >
      <div data-testid="manufacturer-batch" data-batch-id={batchId} className="flex flex-col gap-8">
        <section aria-labelledby="facts-h">
          <h2 id="facts-h">{t.batch.facts}</h2>
          <Facts
            facts={[
              {
                term: t.batch.status,
                testid: "batch-status",
                value: batch ? (
                  <StatusBadge status={batch.status} m={m} />
                ) : jobView ? (
                  <>
                    <StatusBadge status={jobView.status} m={m} />{" "}
                    {fmt(t.batch.notOnLedger, { status: m.common.status[jobView.status] })}
                  </>
                ) : (
                  t.dash
                ),
              },
              !!batch?.statusReason && { term: t.batch.reason, value: <StaffReason text={batch.statusReason} /> },
              { term: t.batch.gtin, value: <code>{gtin}</code> },
              { term: t.batch.lot, value: lot },
              { term: t.batch.expiry, value: expiry },
              {
                term: t.batch.packs,
                value: (batch?.packCount ?? packSet?.packCount ?? job?.packCount ?? 0).toLocaleString(locale),
              },
              !!batch && {
                term: t.batch.registeredAt,
                value: dates.at(batch.registeredAt),
              },
              !!batch && { term: t.batch.tx, value: <code>{batch.registeredTx}</code> },
              { term: t.batch.batchId, value: <code>{batchId}</code> },
            ]}
          />
          {jobView && jobView.status !== "registered" ? (
            <p>
              <a href={`/manufacturer/batches/new?job=${jobView.id}`}>{fmt(t.dashboard.continue, { lot })}</a>
            </p>
          ) : null}
        </section>

        {batch ? (
          <section aria-labelledby="custody-h">
            <h2 id="custody-h">{t.batch.custody}</h2>
            <DataTable
              labelledBy="custody-h"
              rows={[batch]}
              rowKey={(b) => b.batchId}
              columns={custodyColumns(m, locale)}
            />
            <p>
              <a href={`/api/batches/${batchId}/epcis`}>{t.batch.epcis}</a>
            </p>
          </section>
        ) : null}

        <section aria-labelledby="labels-h" data-testid="labels">
          <h2 id="labels-h">{t.batch.labels}</h2>
          {hasFiles ? (
            <>
              <p className="m-0 text-sm text-muted">{t.batch.labelsNote}</p>
              <ul className="my-3 flex list-none flex-col gap-2 p-0">
                {PRINT_FILE_KINDS.filter((k) => files[k] !== undefined).map((k) => (
                  <li key={k} className="flex flex-wrap items-center gap-3">
                    <Button asChild variant="secondary">
                      <a href={href(k)} download data-testid={`download-${k}`}>
                        <Download aria-hidden="true" /> {labelFor[k]}
                      </a>
                    </Button>
                    <small className="text-sm text-muted">{fmt(t.batch.size, { size: size(files[k]!) })}</small>
                  </li>
                ))}
              </ul>
              <DeletePrintFiles batchId={batchId} lot={lot} />
            </>
          ) : job?.printFilesDeletedAt ? (
            <Notice>
              {fmt(t.batch.deletedOn, {
                date: dates.at(job.printFilesDeletedAt),
              })}
            </Notice>
          ) : !job && packSet ? (
            <Notice data-testid="seeded-labels">{fmt(t.batch.seeded, { lot })}</Notice>
          ) : (
            <Notice>{t.batch.noFiles}</Notice>
          )}
        </section>

        {batch && batch.status !== "recalled" ? (
          <RecallBatch batchId={batchId} lot={lot} />
        ) : batch?.status === "recalled" ? (
          <Notice tone="bad" role="status" data-testid="recalled">
            {fmt(t.recall.recalled, { reason: displayText(reasonForStaff(batch.statusReason ?? "", locale)) })}
          </Notice>
        ) : null}
      </div>
    </Page>
  );
}
