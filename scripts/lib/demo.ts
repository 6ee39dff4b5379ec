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
  /** its name in Chinese (off the ledger: what its admins set on /members) */
  nameZh: string;
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
  [name, nameZh]: readonly [string, string],
  roles: number,
  glnData: bigint,
  country: string,
  operatorPermissions: number,
  companyPrefixes: readonly string[] = [],
) => ({
  key,
  name,
  nameZh,
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
    ["National Medical Products Administration (demo)", "国家药品监督管理局（演示）"],
    ROLE.REGULATOR,
    690123400001n,
    "CN",
    REGULATE,
  ),
  org(
    "bfarm",
    [10, 12],
    ["Bundesinstitut für Arzneimittel und Medizinprodukte (demo)", "德国联邦药品和医疗器械研究所（演示）"],
    ROLE.REGULATOR,
    400123400010n,
    "DE",
    REGULATE,
  ),
  org(
    "huaxin",
    [2, 13],
    ["Huaxin Pharmaceutical Co., Ltd.", "华新制药有限公司"],
    ROLE.MANUFACTURER,
    690123400002n,
    "CN",
    REGISTER | SHIP,
    ["6901234"],
  ),
  org(
    "alpenwerk",
    [3, 14],
    ["Alpenwerk Pharma GmbH", "阿尔彭维克制药有限公司"],
    ROLE.MANUFACTURER,
    400123400003n,
    "DE",
    REGISTER | SHIP,
    ["4001234"],
  ),
  org(
    "eastern",
    [4, 15],
    ["Eastern Medical Distribution", "东方医药配送"],
    ROLE.DISTRIBUTOR,
    690123400004n,
    "CN",
    SHIP,
  ),
  org("rhein", [5, 16], ["Rhein Pharma Großhandel", "莱茵医药批发"], ROLE.DISTRIBUTOR, 400123400005n, "DE", SHIP),
  org("renmin", [6, 17], ["Renmin Road Pharmacy", "人民路药房"], ROLE.PHARMACY, 690123400006n, "CN", SHIP | DISPENSE),
  org(
    "lakeside",
    [7, 18],
    ["Lakeside Community Pharmacy", "湖畔社区药房"],
    ROLE.PHARMACY,
    690123400007n,
    "CN",
    SHIP | DISPENSE,
  ),
  org("markt", [8, 19], ["Apotheke am Markt", "市场药房"], ROLE.PHARMACY, 400123400008n, "DE", SHIP | DISPENSE),
  org(
    "verifier",
    [9, 20],
    ["Consumer Verification Service", "消费者验证服务"],
    ROLE.VERIFIER,
    690123400009n,
    "CN",
    CLAIM,
  ),
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

/**
 * The embedded network's relayer: the account set aside (no organisation's member) that sends passkey members'
 * signed intents and pays their gas. Elsewhere RELAYER_PRIVATE_KEY names it.
 */
export const RELAYER_INDEX = EMBEDDED_ACCOUNTS - 1;
export const relayerAccount = () => mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: RELAYER_INDEX });
if (DEMO_MEMBERS.some((m) => m.index === RELAYER_INDEX) || RELAYER_INDEX === 0)
  throw new Error("the relayer's account must be no demo member's and not the deployer's");

/** A demo product's master data in English and Chinese (approval numbers are made up for the demo). */
export interface DemoProduct {
  gtin: bigint;
  name: string;
  nameZh: string;
  brand: string | null;
  brandZh: string | null;
  strength: string;
  form: string;
  formZh: string;
  packSize: string;
  packSizeZh: string;
  approvalNumber: string;
  manufacturer: DemoKey;
}

export const DEMO_PRODUCTS: DemoProduct[] = [
  {
    gtin: withCheckDigit(690123456001n),
    name: "Amoxicillin",
    nameZh: "阿莫西林",
    brand: null,
    brandZh: null,
    strength: "500 mg",
    form: "capsule",
    formZh: "胶囊",
    packSize: "24 capsules",
    packSizeZh: "24 粒",
    approvalNumber: "国药准字H20263001",
    manufacturer: "huaxin",
  },
  {
    gtin: withCheckDigit(690123456002n),
    name: "Metformin hydrochloride",
    nameZh: "盐酸二甲双胍",
    brand: null,
    brandZh: null,
    strength: "850 mg",
    form: "film-coated tablet",
    formZh: "薄膜衣片",
    packSize: "60 tablets",
    packSizeZh: "60 片",
    approvalNumber: "国药准字H20263002",
    manufacturer: "huaxin",
  },
  {
    gtin: withCheckDigit(400123456003n),
    name: "Ibuprofen",
    nameZh: "布洛芬",
    brand: "Alpenwerk Ibu",
    brandZh: "阿尔彭维克布洛芬",
    strength: "400 mg",
    form: "tablet",
    formZh: "片剂",
    packSize: "20 tablets",
    packSizeZh: "20 片",
    approvalNumber: "Zul.-Nr. 60001.00.00",
    manufacturer: "alpenwerk",
  },
  {
    gtin: withCheckDigit(400123456004n),
    name: "Insulin glargine",
    nameZh: "甘精胰岛素",
    brand: null,
    brandZh: null,
    strength: "100 U/ml",
    form: "pre-filled pen",
    formZh: "预充式注射笔",
    packSize: "5 pens",
    packSizeZh: "5 支",
    approvalNumber: "EU/1/00/134/033",
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

/** The demo's recall (Ibuprofen, by its manufacturer), its reason in both languages. */
export const DEMO_RECALL_REASON = {
  en: "Out-of-specification dissolution results in stability testing",
  zh: "稳定性试验中溶出度结果不符合规定",
};

/** The product whose patient leaflet the demo attaches, in English and Chinese (index in DEMO_PRODUCTS). */
export const DEMO_LEAFLET_PRODUCT = 0;
