/**
 * The demo network a newcomer meets on the embedded chain: two regulators (the council), two manufacturers,
 * two distributors, three pharmacies and the verification service, each with two members, its admin and an
 * operator, signing with anvil's public development accounts (local only), plus batches in every
 * interesting state.
 */
import { mnemonicToAccount, type HDAccount } from "viem/accounts";
import { PERMIT, ROLE } from "@tracemed/chain";
import { ANVIL_MNEMONIC, EMBEDDED_ACCOUNTS } from "@tracemed/chain/node";
import { withCheckDigit } from "./gs1.js";

export { PERMIT, ROLE };

/** A member of a demo organisation: an account with permissions inside the organisation's roles. */
export interface DemoMember {
  account: HDAccount;
  /** Its anvil account index. */
  index: number;
  permissions: number;
}

export interface DemoOrganisation {
  key: string;
  name: string;
  roles: number;
  gln: bigint;
  country: string;
  /** GS1 company prefixes the council assigned (manufacturers): the GTINs it may register batches of. */
  companyPrefixes: readonly string[];
  /** Its founding admin's account: the organisation's id for ever. */
  account: HDAccount;
  /** The founding admin's anvil account index. */
  adminIndex: number;
  /** Its second member: an operator with the day-to-day permissions of its roles, no admin rights. */
  operator: DemoMember;
}

const member = (index: number, permissions: number): DemoMember => ({
  account: mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: index }),
  index,
  permissions,
});

const org = (
  key: string,
  [index, operatorIndex]: readonly [number, number],
  name: string,
  roles: number,
  glnData: bigint,
  country: string,
  operatorPermissions: number,
  companyPrefixes: readonly string[] = [],
) => ({
  key,
  name,
  roles,
  companyPrefixes,
  gln: withCheckDigit(glnData),
  country,
  account: mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: index }),
  adminIndex: index,
  operator: member(operatorIndex, operatorPermissions),
});

/** The demo's council delay: two minutes, long enough to watch a proposal and cancel it (COUNCIL_DELAY_SECONDS). */
export const DEMO_COUNCIL_DELAY_SECONDS = 120;

/** anvil account 0 deploys; the organisations' admins use accounts 1 to 10, their operators 11 to 20. */
export const deployerAccount = () => mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: 0 });

const { REGULATE, REGISTER, SHIP, DISPENSE, CLAIM } = PERMIT;
export const DEMO_ORGANISATIONS = [
  org(
    "regulator",
    [1, 11],
    "National Medical Products Administration (demo)",
    ROLE.REGULATOR,
    690123400001n,
    "CN",
    REGULATE,
  ),
  org(
    "bfarm",
    [10, 12],
    "Bundesinstitut für Arzneimittel und Medizinprodukte (demo)",
    ROLE.REGULATOR,
    400123400010n,
    "DE",
    REGULATE,
  ),
  org("huaxin", [2, 13], "Huaxin Pharmaceutical Co., Ltd.", ROLE.MANUFACTURER, 690123400002n, "CN", REGISTER | SHIP, [
    "6901234",
  ]),
  org("alpenwerk", [3, 14], "Alpenwerk Pharma GmbH", ROLE.MANUFACTURER, 400123400003n, "DE", REGISTER | SHIP, [
    "4001234",
  ]),
  org("eastern", [4, 15], "Eastern Medical Distribution", ROLE.DISTRIBUTOR, 690123400004n, "CN", SHIP),
  org("rhein", [5, 16], "Rhein Pharma Großhandel", ROLE.DISTRIBUTOR, 400123400005n, "DE", SHIP),
  org("renmin", [6, 17], "Renmin Road Pharmacy", ROLE.PHARMACY, 690123400006n, "CN", SHIP | DISPENSE),
  org("lakeside", [7, 18], "Lakeside Community Pharmacy", ROLE.PHARMACY, 690123400007n, "CN", SHIP | DISPENSE),
  org("markt", [8, 19], "Apotheke am Markt", ROLE.PHARMACY, 400123400008n, "DE", SHIP | DISPENSE),
  org("verifier", [9, 20], "Consumer Verification Service", ROLE.VERIFIER, 690123400009n, "CN", CLAIM),
] as const satisfies readonly DemoOrganisation[];

export type DemoKey = (typeof DEMO_ORGANISATIONS)[number]["key"];

export function demoOrganisation(key: DemoKey): DemoOrganisation {
  return DEMO_ORGANISATIONS.find((o) => o.key === key)!;
}

/** The regulators whose admins sit on the council. */
export const DEMO_REGULATORS = DEMO_ORGANISATIONS.filter((o) => (o.roles & ROLE.REGULATOR) !== 0);

/**
 * Every demo account that signs for an organisation, its admin then its operator, with its anvil index (the
 * embedded chain funds the first EMBEDDED_ACCOUNTS): what the staff sign-in offers on the embedded chain.
 */
export const DEMO_MEMBERS = DEMO_ORGANISATIONS.flatMap((o) => [
  { organisation: o.key, role: "admin" as const, account: o.account, index: o.adminIndex },
  { organisation: o.key, role: "operator" as const, ...o.operator },
]);
if (Math.max(...DEMO_MEMBERS.map((m) => m.index)) >= EMBEDDED_ACCOUNTS)
  throw new Error("a demo member's account is beyond those the embedded chain funds");

export interface DemoProduct {
  gtin: bigint;
  name: string;
  strength: string;
  form: string;
  packSize: string;
  manufacturer: DemoKey;
}

export const DEMO_PRODUCTS: DemoProduct[] = [
  {
    gtin: withCheckDigit(690123456001n),
    name: "Amoxicillin",
    strength: "500 mg",
    form: "capsule",
    packSize: "24 capsules",
    manufacturer: "huaxin",
  },
  {
    gtin: withCheckDigit(690123456002n),
    name: "Metformin hydrochloride",
    strength: "850 mg",
    form: "film-coated tablet",
    packSize: "60 tablets",
    manufacturer: "huaxin",
  },
  {
    gtin: withCheckDigit(400123456003n),
    name: "Ibuprofen",
    strength: "400 mg",
    form: "tablet",
    packSize: "20 tablets",
    manufacturer: "alpenwerk",
  },
  {
    gtin: withCheckDigit(400123456004n),
    name: "Insulin glargine",
    strength: "100 U/ml",
    form: "pre-filled pen",
    packSize: "5 pens",
    manufacturer: "alpenwerk",
  },
];

export interface DemoBatch {
  product: number; // index in DEMO_PRODUCTS
  lot: string;
  packs: number;
  expiresInDays: number;
}

export const DEMO_BATCHES: DemoBatch[] = [
  { product: 0, lot: "AMX2611A", packs: 600, expiresInDays: 720 },
  { product: 1, lot: "MET2611B", packs: 240, expiresInDays: 540 },
  { product: 2, lot: "IBU-77120", packs: 400, expiresInDays: 900 },
  { product: 3, lot: "INS2610", packs: 120, expiresInDays: 300 },
];
