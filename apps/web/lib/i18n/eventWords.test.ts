import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { LedgerEventName, BizStep } from "@tracemed/db";
import { custodyLedgerAbi, logisticUnitsAbi } from "@tracemed/chain";
import { LOCALES } from "./locales";
import { messagesFor } from "./messages";
import { bizStepNote, eventWords } from "./eventWords";

/** A contract identifier: two words run together (PacksDispenseUndone, void_shipping). */
const looksRaw = (s: string) => /[a-z][A-Z]|_/.test(s);

describe("ledger events in business words", () => {
  it("every event the indexer records reads as words in both languages, never as its event name", () => {
    const names = Object.values(LedgerEventName);
    assert.ok(names.length >= 25);
    for (const locale of LOCALES) {
      const m = messagesFor(locale);
      for (const name of names) {
        const words = eventWords(m, name);
        assert.notEqual(words, m.pages.events.other, `${name} has its own words in ${locale}`);
        assert.ok(!looksRaw(words) && !words.includes(name), `${name} in ${locale}: ${words}`);
      }
    }
    assert.equal(eventWords(messagesFor("en"), "PacksDispenseUndone"), "Dispensing undone");
    assert.equal(eventWords(messagesFor("zh-CN"), "PacksDispenseUndone"), "已撤销调配");
  });

  it("every event the ledger and cases-and-pallets contracts declare has words of its own", () => {
    const m = messagesFor("en");
    const events = [...custodyLedgerAbi, ...logisticUnitsAbi].filter((x) => x.type === "event").map((x) => x.name);
    assert.deepEqual(
      events.filter((n) => eventWords(m, n) === m.pages.events.other),
      [],
    );
  });

  it("an event it does not know, or none, reads as another ledger record, not as a name", () => {
    for (const locale of LOCALES) {
      const m = messagesFor(locale);
      assert.equal(eventWords(m, "RoleGrantedSomewhereElse"), m.pages.events.other);
      assert.equal(eventWords(m, null), m.pages.events.other);
      assert.equal(eventWords(m, "toString"), m.pages.events.other, "not a property of every object");
    }
  });

  it("says each EPCIS business step in words, and nothing for an event without one", () => {
    for (const step of Object.values(BizStep)) {
      for (const locale of LOCALES) {
        const note = bizStepNote(messagesFor(locale), step);
        assert.ok(note && !looksRaw(note.replace("EPCIS", "")), `${step} in ${locale}: ${note}`);
      }
    }
    assert.equal(bizStepNote(messagesFor("en"), "void_shipping"), "EPCIS step: shipping cancelled");
    assert.equal(bizStepNote(messagesFor("en"), null), null);
  });
});
