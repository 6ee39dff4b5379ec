import { describeRefusedCodePoint, roleNames } from "@tracemed/chain";
import { fmt, type Locale } from "./locales";

/**
 * The ledger's refusals in Chinese, by custom error name ({0}, {1}… are the error's arguments).
 * English sentences come from @tracemed/chain's describeLedgerError, which stays the source.
 */
const ZH: Record<string, string> = {
  OrgUnknown: "账户 {0} 不是本网络的成员机构。",
  OrgAlreadyOnboarded: "账户 {0} 已是本网络的成员机构。",
  OrgMissingRole: "本机构没有执行此操作所需的角色（需要：{2}）。",
  OrgIsSuspended: "本机构已被暂停，在监管部门恢复之前不能记录任何操作。",
  OrgSuspensionUnchanged: "该机构的暂停状态没有变化。",
  OrgSelfLockout: "监管部门不能暂停自己，也不能移除自己的监管角色。",
  OrgInvalidRoles: "请为机构至少选择一个有效角色。",
  OrgInvalidGln: "{0} 不是有效的 13 位 GLN（请检查最后一位校验码）。",
  OrgInvalidCountry: "国家必须是两位 ISO 代码，例如 CN 或 DE。",
  OrgInvalidName: "机构名称长度须为 1 到 128 个字符。",
  OrgInvalidNameCharacter: "机构名称含有 {1}：账本拒收控制字符、双向文本控制符和不可见字符。请以纯文本重新输入。",
  OrgZeroAccount: "机构需要一个真实的账户地址。",
  OrgInvalidPrefix: "{0} 不是有效的 GS1 厂商识别代码：须为 4 到 12 位数字。",
  OrgTooManyPrefixes: "一个机构最多持有 3 个厂商识别代码，而不是 {0} 个。",
  OrgPrefixHeld: "厂商识别代码 {0}（或其更短的前缀）已被分配（给 {1}）。",
  OrgPrefixCovers: "厂商识别代码 {0} 覆盖了一个已分配的更长代码：该代码下的 GTIN 已有所属企业。",
  OrgGtinNotAssigned: "GTIN {0} 不在本生产企业的任何厂商识别代码之下；厂商识别代码由监管部门分配。",
  BatchAlreadyRegistered: "该 GTIN 和批号的批次已登记。",
  BatchUnknown: "该批次未登记。",
  BatchInvalidGtin: "{0} 不是有效的 GTIN（请检查最后一位校验码）。",
  BatchInvalidLot: "批号长度须为 1 到 20 个字符。",
  BatchInvalidLotCharacter: "批号第 {0} 个字符不允许使用：GS1 批号只能包含字母、数字和 !\"%&'()*+,-./:;<=>?_。",
  BatchInvalidPackCount: "一个批次须有 1 到 10,000,000 盒药。",
  BatchInvalidExpiry: "有效期必须晚于今天。",
  BatchInvalidRoot: "该批次没有提交药盒码的承诺值。",
  BatchIsRecalled: "该批次已召回，不能发货、调配或更改。",
  BatchIsQuarantined: "该批次已暂控，在监管部门解除前不能流转。",
  BatchNotQuarantined: "该批次未被暂控。",
  BatchExpired: "该批次已过期：其药盒只能退回生产企业或核销。",
  BatchNotManufacturer: "只有该批次的生产企业或监管部门可以召回。",
  BatchInvalidReason: "请填写 1 到 512 个字符的原因。",
  BatchInvalidReasonCharacter: "原因含有 {1}：账本拒收控制字符、双向文本控制符和不可见字符。请以纯文本重新输入。",
  CustodyInsufficientStock: "您持有该批次 {2} 盒，少于所需的 {3} 盒。",
  CustodyZeroQuantity: "数量至少为 1。",
  CustodySelfShipment: "机构不能向自己发货。",
  CustodyShipmentExists: "该发货已记录过。",
  CustodyShipmentNotInTransit: "该发货不在运输中（可能已收货、已拒收、已取消或并非发给您）。",
  CustodyReceivedExceedsShipped: "发货数量只有 {1} 盒，不能收货 {2} 盒。",
  CustodyInvalidReason: "请填写 1 到 512 个字符的原因。",
  CustodyInvalidReasonCharacter: "原因含有 {1}：账本拒收控制字符、双向文本控制符和不可见字符。请以纯文本重新输入。",
  PackIndexOutOfRange: "该药盒码不属于此批次。",
  PackInvalidProof: "该药盒码不属于此批次。",
  PackInvalidMultiProof: "扫描的药盒码中有一个不属于此批次。",
  PackListMismatch: "药盒列表为空或不完整。",
  PackAlreadyDispensed: "第 {1} 号药盒已调配过：请勿发出，它可能是仿冒品。",
  PackNotDispensedByCaller: "第 {1} 号药盒不是贵药店在该小时内调配的。",
  PackUndoWindowClosed: "调配只能在 240 小时内撤销。",
  PackAlreadyClaimed: "第 {1} 号药盒已被消费者验证过。",
  OrgNotMember: "账户 {0} 不是本网络任何机构的成员。",
  OrgNotMemberOf: "账户 {0} 不是本机构的成员。",
  OrgAlreadyMember: "账户 {0} 已是某机构（{1}）的成员。",
  OrgInvalidPermissions: "请为成员至少选择一项有效权限。",
  OrgMissingPermission: "您的账户缺少此操作所需的权限。",
  OrgLastAdmin: "机构至少保留一位管理员：请先添加另一位管理员，再移除或降级此管理员。",
  OrgGlnTaken: "GLN {0} 已属于另一机构（{1}）。",
  LedgerNotCouncil: "只有监管委员会可以执行此操作：请在委员会页面提议。",
  CustodyCancelNotRequested: "此发货没有待完成的取消。",
  CustodyCancelNoticeRunning: "收货方仍可对此取消提出异议，截止时间 {1}。",
  UnitExists: "SSCC {0} 已用于某个箱或托盘；SSCC 不可重复使用。",
  UnitUnknown: "没有 SSCC 为 {0} 的箱或托盘。",
  UnitNotHeld: "箱或托盘 {0} 由另一机构（{1}）持有，且未出示贵机构的收货记录。",
  UnitOpened: "箱或托盘 {0} 已拆封：不能再整体流转或装入。",
  UnitHasParent: "箱 {0} 在托盘 {1} 上：请先拆托。",
  UnitEmpty: "请至少放入一盒药或一个箱。",
  UnitTooLarge: "一个单元内直接放入的药盒和箱最多 {1} 个，而不是 {0} 个。",
  UnitInvalidSscc: "{0} 不是有效的 18 位 SSCC（请检查最后一位校验码）。",
  UnitForeignSscc: "SSCC {0} 不在贵机构的厂商识别代码或 GLN 之下：请使用本机构的 SSCC。",
  UnitPackOutOfRange: "第 {1} 号药盒不属于此批次（该批次共 {2} 盒）。",
  UnitPacksUnordered: "第 {1} 号药盒重复列出或顺序有误。",
  UnitDuplicateBatch: "同一批次列出了两次：请将同一批次的药盒放在一起。",
  UnitStockShort: "您持有该批次 {2} 盒，少于装入的 {3} 盒。",
  UnitReceiptNotReceived: "没有与 {0} 对应的、发给贵机构且已收货的发货：请先收货，再拆封或接管。",
  UnitReceiptNotFromHolder: "{0} 不是由其当前持有方发给您的：只有持有方发来的货才能让您拆封或接管。",
  UnitReceiptSpent: "您对 {0} 的这次收货已用于拆封或接管：需要此后再有一次发给您的发货。",
  UnitNotMember: "账户 {0} 不是本网络任何机构的成员。",
  UnitMissingPermission: "装箱需要发货权限，而贵机构的管理员尚未授予您。",
  UnitMissingRole: "只有生产企业、经销商或药店可以装箱、拆箱。",
  UnitOrganisationSuspended: "本机构已被暂停，在监管部门恢复之前不能记录任何操作。",
  AccessManagerNotReady: "该操作的委员会等待期尚未结束。",
  AccessManagerNotScheduled: "该操作未在委员会排期（已执行或已取消）。",
  AccessManagerExpired: "该操作在等待期后搁置过久已失效：请重新提议。",
  AccessManagerAlreadyScheduled: "相同的操作已在委员会等待中。",
  AccessManagerUnauthorizedCall: "只有委员会中的监管机构可以提议此操作。",
  AccessManagerUnauthorizedCancel: "只有委员会中的监管机构可以取消此操作。",
  AccessManagerUnauthorizedAccount: "只有委员会中的监管机构可以执行此操作。",
  QuorumNotCouncilMember: "只有委员会中的监管机构可以批准操作。",
  QuorumProposerCannotApprove: "提议人不能批准自己的提议：需由另一监管机构批准。",
  QuorumNotScheduled: "该操作已不在委员会等待中（已执行或已取消）。",
  QuorumAlreadyApproved: "您已批准过该操作。",
  UserRejected: "您在钱包中取消了交易。",
  InsufficientFunds: "签名账户没有足够的资金支付网络费用。",
  // Passkey members' intents (the ledger's and LogisticUnits' executeIntent).
  IntentExpired: "该签名请求已过期：请用通行密钥重新签名。",
  IntentBadNonce: "该签名请求已被使用，或另一请求先到：请用通行密钥重新签名。",
  IntentBadSignature: "通行密钥的签名与此请求不符（请求被更改，或为其他网络或合约签名）：请用通行密钥重新签名。",
  IntentNotMember: "该通行密钥已不是本机构的成员：请联系管理员。",
  IntentQuotaExhausted: "本机构今日的 {1} 次代发写入已用完；{2}（UTC）后可继续。",
  IntentNested: "签名请求中不能再包含签名请求。",
  ChainUnavailable: "暂时无法连接账本节点，请重试。",
  NoLedger: "本网络尚未部署账本。",
  Unknown: "账本因未知原因拒绝了该交易。",
};

/** An error argument as the Chinese sentence shows it. */
function zhArgument(code: string, i: number, a: unknown): string {
  if (code === "OrgMissingRole" && i === 2) return roleNames(Number(a)).join("/");
  if (code === "OrgGtinNotAssigned" && i === 0) return String(a).padStart(14, "0");
  if (code === "CustodyCancelNoticeRunning" && i === 1)
    return `${new Date(Number(a) * 1000).toISOString().slice(0, 16).replace("T", " ")} UTC`;
  if (code === "BatchInvalidLotCharacter" && i === 0) return String(Number(a) + 1);
  if (code === "IntentQuotaExhausted" && i === 2) return new Date(Number(a) * 1000).toISOString().slice(11, 16);
  // An SSCC travels as a number: its first argument (and UnitHasParent's second) is shown with its 18 digits.
  if (code.startsWith("Unit") && (i === 0 || code === "UnitHasParent") && typeof a === "bigint")
    return a.toString().padStart(18, "0");
  if (/Invalid(Name|Reason)Character$/.test(code) && i === 1) {
    return describeRefusedCodePoint(a) === "bytes that are not UTF-8" ? "非 UTF-8 字节" : describeRefusedCodePoint(a);
  }
  return String(a);
}

/** The sentence to show for a ledger refusal in `locale`. */
export function localiseLedgerError(
  locale: Locale,
  error: { code: string; message: string; args?: readonly unknown[] },
): string {
  if (locale !== "zh-CN") return error.message;
  if (!ZH[error.code]) return error.message;
  const vars: Record<string, string> = {};
  (error.args ?? []).forEach((a, i) => {
    vars[String(i)] = zhArgument(error.code, i, a);
  });
  return fmt(ZH[error.code]!, vars);
}

export const ledgerErrorCodesInChinese = () => Object.keys(ZH);
