import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { toHex } from "viem";
import { stopSharedPostgres, useCodedWorld } from "@tracemed/indexer/testing";
import { batchProvenanceWithDispenses } from "./provenance";
import { csvCell, PROVENANCE_CSV_COLUMNS, provenanceCsv } from "./csv";

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

const lower = (a: string) => a.toLowerCase();

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

    const csv = provenanceCsv(await batchProvenanceWithDispenses(w.db, g.batchId));
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

  it("dispensesAndTheirUndo_areRowsNamingTheirPacks_andTheRowsAccountForEveryPack", async () => {
    const g = await w.batch(10);
    const { maker, distributor, pharmacy } = w.cast;
    // maker -> distributor 6 (5 arrive), distributor -> pharmacy 4, the maker writes 1 off
    for (const [from, to, shipped, received, n] of [
      [maker, distributor, 6n, 5n, 1],
      [distributor, pharmacy, 4n, 4n, 2],
    ] as const) {
      const ref = toHex(6000 + n, { size: 32 });
      await w.wait(w.contract(from).write.ship([g.batchId, to.address, shipped, ref]));
      await w.wait(w.contract(to).write.confirmReceipt([g.batchId, from.address, shipped, ref, received]));
    }
    await w.wait(w.contract(maker).write.writeOff([g.batchId, 1n, "Damaged"]));
    for (const i of [0, 1, 2]) await w.dispense(g, i);
    // The ledger buckets dispenses by hour: undo names the hour of the dispense (the block just mined).
    const hour = Math.floor(Number((await w.client.getBlock()).timestamp) / 3_600);
    await w.wait(w.contract(pharmacy).write.undoDispense([g.batchId, hour, [1n]]));
    await w.index();

    const rows = readCsv(provenanceCsv(await batchProvenanceWithDispenses(w.db, g.batchId)));
    const serial = (i: number) => [...g.records()][i]!.serial;
    const dispenses = rows.filter((r) => r.event === "dispensing" || r.event === "dispense_undone");
    assert.deepEqual(
      dispenses.map((r) => [r.event, r.from_name, r.quantity, r.status, r.pack_indices, r.serials]),
      [
        ["dispensing", "Renmin Road Pharmacy", "1", "dispensed", "0", serial(0)],
        ["dispensing", "Renmin Road Pharmacy", "1", "dispensed", "1", serial(1)],
        ["dispensing", "Renmin Road Pharmacy", "1", "dispensed", "2", serial(2)],
        ["dispense_undone", "Renmin Road Pharmacy", "1", "active", "1", serial(1)],
      ],
    );
    for (const r of dispenses) assert.match(r.time_utc!, /^\d{4}-\d\d-\d\dT/);
    // Each row names the key that signed it: here the organisations' founding admins.
    assert.deepEqual(
      [...new Set(rows.filter((r) => r.event !== "holding").map((r) => `${r.event}:${r.signed_by}`))].sort(),
      [
        `commissioning:${lower(maker.address)}`,
        `destroying:${lower(maker.address)}`,
        `dispense_undone:${lower(pharmacy.address)}`,
        `dispensing:${lower(pharmacy.address)}`,
        `receiving:${lower(distributor.address)}`,
        `receiving:${lower(pharmacy.address)}`,
        `shipping:${lower(distributor.address)}`,
        `shipping:${lower(maker.address)}`,
      ].sort(),
    );

    // Conservation from the event rows alone: registered = shortfalls + destroyed + dispensed (net
    // of undos) + what the holding rows still hold or have in transit.
    const total = (event: string, column: string) =>
      rows.filter((r) => r.event === event).reduce((n, r) => n + Number(r[column] || 0), 0);
    const gone =
      total("receiving", "shortfall") +
      total("destroying", "quantity") +
      total("dispensing", "quantity") -
      total("dispense_undone", "quantity");
    const left = total("holding", "held") + total("holding", "in_transit_out");
    assert.equal(total("commissioning", "quantity"), 10);
    assert.deepEqual([gone, left], [1 + 1 + 2, 6]);
    assert.equal(gone + left, 10, "every pack is accounted for");
    assert.equal(total("holding", "dispensed"), total("dispensing", "quantity") - total("dispense_undone", "quantity"));
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
