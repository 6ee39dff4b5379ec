/**
 * The demo network a newcomer meets on the embedded chain: a regulator, two manufacturers, two
 * distributors, three pharmacies and the verification service, each signing with one of anvil's
 * public development accounts (local only), plus batches in every interesting state.
 */
import { mnemonicToAccount, type HDAccount } from "viem/accounts";
import { ROLE } from "@tracemed/chain";
import { ANVIL_MNEMONIC } from "@tracemed/chain/node";
import { withCheckDigit } from "./gs1.js";

export { ROLE };

export interface DemoOrganisation {
  key: string;
  name: string;
  roles: number;
  gln: bigint;
  country: string;
  /** GS1 company prefixes a regulator assigned (manufacturers): the GTINs it may register batches of. */
  companyPrefixes: readonly string[];
  account: HDAccount;
}

const org = (
  key: string,
  index: number,
  name: string,
  roles: number,
  glnData: bigint,
  country: string,
  companyPrefixes: readonly string[] = [],
) => ({
  key,
  name,
  roles,
  companyPrefixes,
  gln: withCheckDigit(glnData),
  country,
  account: mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: index }),
});

/** anvil account 0 deploys; the organisations use accounts 1 to 9. */
export const deployerAccount = () => mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: 0 });

export const DEMO_ORGANISATIONS = [
  org("regulator", 1, "National Medical Products Administration (demo)", ROLE.REGULATOR, 690123400001n, "CN"),
  org("huaxin", 2, "Huaxin Pharmaceutical Co., Ltd.", ROLE.MANUFACTURER, 690123400002n, "CN", ["6901234"]),
  org("alpenwerk", 3, "Alpenwerk Pharma GmbH", ROLE.MANUFACTURER, 400123400003n, "DE", ["4001234"]),
  org("eastern", 4, "Eastern Medical Distribution", ROLE.DISTRIBUTOR, 690123400004n, "CN"),
  org("rhein", 5, "Rhein Pharma Großhandel", ROLE.DISTRIBUTOR, 400123400005n, "DE"),
  org("renmin", 6, "Renmin Road Pharmacy", ROLE.PHARMACY, 690123400006n, "CN"),
  org("lakeside", 7, "Lakeside Community Pharmacy", ROLE.PHARMACY, 690123400007n, "CN"),
  org("markt", 8, "Apotheke am Markt", ROLE.PHARMACY, 400123400008n, "DE"),
  org("verifier", 9, "Consumer Verification Service", ROLE.VERIFIER, 690123400009n, "CN"),
] as const satisfies readonly DemoOrganisation[];

export type DemoKey = (typeof DEMO_ORGANISATIONS)[number]["key"];

export function demoOrganisation(key: DemoKey): DemoOrganisation {
  return DEMO_ORGANISATIONS.find((o) => o.key === key)!;
}

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
