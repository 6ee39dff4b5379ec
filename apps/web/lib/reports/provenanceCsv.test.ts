import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { toHex } from "viem";
import { stopSharedPostgres, useCodedWorld } from "@tracemed/indexer/testing";
import { batchProvenance } from "../provenance";
import { csvCell, PROVENANCE_CSV_COLUMNS, provenanceCsv } from "./provenanceCsv";

after(stopSharedPostgres);

/** RFC 4180 reader (quoted fields, doubled quotes, CRLF), enough to read back what a spreadsheet would. */
function readCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += c;
  }
  const [head, ...body] = rows;
  return body.map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i] ?? ""])));
}

describe("provenance CSV export on PostgreSQL 15", () => {
  const w = useCodedWorld("PostgreSQL 15");

  it("everyHopSplitShortfallAndRecall_isARow_inChainOrder_withHoldingsThatAddUp", async () => {
    const g = await w.batch(10);
    const { maker, distributor, pharmacy } = w.cast;
    const ref = (n: number) => toHex(5000 + n, { size: 32 });
    await w.wait(w.contract(maker).write.ship([g.batchId, distributor.address, 6n, ref(1)]));
    await w.wait(w.contract(distributor).write.confirmReceipt([g.batchId, maker.address, 6n, ref(1), 5n]));
    await w.wait(w.contract(distributor).write.ship([g.batchId, pharmacy.address, 2n, ref(2)]));
    await w.wait(w.contract(distributor).write.ship([g.batchId, pharmacy.address, 3n, ref(3)]));
    await w.wait(w.contract(pharmacy).write.confirmReceipt([g.batchId, distributor.address, 2n, ref(2), 2n]));
    await w.recall(g, '=HYPERLINK("http://x"), "contaminated"');
    await w.index();

    const csv = provenanceCsv(await batchProvenance(w.db, g.batchId));
    assert.ok(csv.startsWith(PROVENANCE_CSV_COLUMNS.join(",") + "\r\n"));
    const rows = readCsv(csv);
    assert.deepEqual(
      rows.map((r) => r.event),
      [
        "commissioning",
        "shipping",
        "receiving",
        "shipping",
        "shipping",
        "receiving",
        "recalled",
        "holding",
        "holding",
        "holding",
      ],
    );
    const [made, ship1, recv1, split1, split2, recv2, recall] = rows;
    assert.equal(made!.to_name, "Huaxin Pharmaceutical");
    assert.equal(made!.quantity, "10");
    assert.match(made!.tx_hash!, /^0x[0-9a-f]{64}$/);
    assert.equal(ship1!.from_name, "Huaxin Pharmaceutical");
    assert.equal(ship1!.to_name, "Eastern Distribution");
    assert.equal(ship1!.quantity, "6");
    assert.equal(recv1!.received, "5");
    assert.equal(recv1!.shortfall, "1", "the missing pack shows as a shortfall");
    assert.equal(split1!.quantity, "2");
    assert.equal(split2!.quantity, "3");
    assert.equal(split2!.status, "in_transit", "a hop not yet received has no receipt row");
    assert.equal(recv2!.shipment_id, split1!.shipment_id);
    assert.ok(Number(recv2!.block) >= Number(split2!.block));
    assert.equal(recall!.reason, `'=HYPERLINK("http://x"), "contaminated"`, "a formula is kept as text");
    const held = Object.fromEntries(rows.slice(7).map((r) => [r.to_name, r]));
    assert.equal(held["Huaxin Pharmaceutical"]!.held, "4");
    assert.equal(held["Eastern Distribution"]!.held, "0");
    assert.equal(held["Eastern Distribution"]!.in_transit_out, "3");
    assert.equal(held["Eastern Distribution"]!.written_off, "1");
    assert.equal(held["Renmin Road Pharmacy"]!.held, "2");
  });

  it("cells_areQuotedWhereNeeded_andFormulasMadeInert", () => {
    assert.equal(csvCell("plain"), "plain");
    assert.equal(csvCell('a,"b"'), '"a,""b"""');
    assert.equal(csvCell("two\nlines"), '"two\nlines"');
    assert.equal(csvCell("=1+2"), "'=1+2");
    assert.equal(csvCell("@SUM(A1)"), "'@SUM(A1)");
    assert.equal(csvCell(-3), "-3", "numbers stay numbers");
    assert.equal(csvCell(null), "");
    assert.equal(csvCell("\uFF1DHYPERLINK(1)"), "'\uFF1DHYPERLINK(1)", "a full-width = is a formula too");
  });

  it("cells_showBidiOverridesAndInvisibleCharacters_soTheSheetReadsAsTyped", () => {
    // A Trojan Source name: a spreadsheet would show "Pharmacy exe.txt" with the tail reversed.
    assert.equal(csvCell("Pharmacy \u202Etxt.exe\u202C"), "Pharmacy [U+202E]txt.exe[U+202C]");
    assert.equal(csvCell("Rhein\u200B Pharma"), "Rhein[U+200B] Pharma");
    // An override cannot hide a formula either: the escape comes first and the cell stays inert text.
    assert.equal(csvCell("\u2066=1+2"), "[U+2066]=1+2");
    assert.equal(csvCell("国家药品监督管理局"), "国家药品监督管理局");
  });
});
