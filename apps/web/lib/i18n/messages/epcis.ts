import type { Shape } from "./common";

/** EPCIS 2.0 capture and query: what a partner's system is told (the API also keeps the English sentence). */
const en = {
  errors: {
    EpcisInvalidDocument: "The document does not follow the EPCIS 2.0 JSON schema.",
    EpcisTooManyEvents: "An EPCIS document may have at most 10,000 events. Split it into several captures.",
    EpcisQueryParameter: "A query parameter is unknown or its value is not valid.",
    EpcisCaptureNotFound: "There is no capture job with this id for your organisation.",
    EpcisNamedQueryNotFound: "Your organisation has no named query of this name.",
    EpcisNamedQueryExists: "Your organisation already has a named query of this name.",
    EpcisUnsupportedEvent: "This event has no effect on the ledger that this network supports.",
    EpcisCaptureBehaviour:
      "This server captures with GS1-Capture-Error-Behaviour: proceed, as ledger writes cannot be rolled back.",
    EpcisXmlInvalid:
      "The body is not an EPCIS 2.0 or 1.2 XML document (well-formed, root EPCISDocument, no DTD or entities).",
  },
  /** Why the capture writer could not turn an event into a ledger write (the job's eventErrors). */
  refusals: {
    unknownGln: "No organisation of this network has the GLN {gln}.",
    unitUnknown: "No case or pallet with the SSCC {sscc} is known here: list its lots (quantityList) or packs.",
    notKnown: "Your organisation is not known to this network yet.",
    noReceipt: "Your organisation has not received the case or pallet {sscc}; receive it before opening it.",
    noShipment: "No shipment with the SSCC {sscc} is on its way to your organisation.",
    unknownPack: "No pack of GTIN {gtin} has the serial {serial} here.",
    noUnits: "Cases and pallets are not available on this network.",
    commissioning: "The lot could not be registered: {reason}",
  },
  /** Events that cannot become a ledger write as written (packages/epcis mapping.ts UnsupportedReason). */
  unsupported: {
    commissioningPacks: "A commissioning event must list serialised packs (SGTIN) of one GTIN.",
    commissioningIlmd: "A commissioning event must give ilmd lotNumber and itemExpirationDate (YYYY-MM-DD).",
    parentNotSscc: "The parentID of a case or pallet must be an SSCC.",
    packingChildren: "A packing event must list its children (SGTINs or SSCCs).",
    shippingDestination: "A shipping event must name its destination party (PGLN or GLN).",
    shippingContents: "A shipping event must list SSCCs, SGTINs or lot quantities.",
    dispensePacks: "Dispensing needs serialised packs (SGTIN).",
    destroyContents: "A destroying event must list SGTINs or lot quantities.",
  },
};

const zhCN: Shape<typeof en> = {
  errors: {
    EpcisInvalidDocument: "该文档不符合 EPCIS 2.0 JSON 模式。",
    EpcisTooManyEvents: "一个 EPCIS 文档最多包含 10,000 个事件。请拆分为多次采集。",
    EpcisQueryParameter: "某个查询参数未知或其值无效。",
    EpcisCaptureNotFound: "贵组织没有此编号的采集任务。",
    EpcisNamedQueryNotFound: "贵组织没有此名称的命名查询。",
    EpcisNamedQueryExists: "贵组织已有此名称的命名查询。",
    EpcisUnsupportedEvent: "此事件对本网络支持的账本没有可执行的效果。",
    EpcisCaptureBehaviour: "本服务器以 GS1-Capture-Error-Behaviour: proceed 方式采集，因为账本写入无法回滚。",
    EpcisXmlInvalid: "请求体不是 EPCIS 2.0 或 1.2 XML 文档（须格式正确、根元素为 EPCISDocument，且不含 DTD 或实体）。",
  },
  refusals: {
    unknownGln: "本网络中没有 GLN 为 {gln} 的机构。",
    unitUnknown: "此处没有 SSCC 为 {sscc} 的箱或托盘：请列出其批次数量（quantityList）或药盒。",
    notKnown: "本网络尚不认识贵组织。",
    noReceipt: "贵组织尚未收到 SSCC 为 {sscc} 的箱或托盘；请先收货再拆开。",
    noShipment: "没有 SSCC 为 {sscc} 的货物正发往贵组织。",
    unknownPack: "此处没有 GTIN {gtin}、序列号 {serial} 的药盒。",
    noUnits: "本网络尚不支持箱和托盘（物流单元）。",
    commissioning: "该批次无法登记：{reason}",
  },
  unsupported: {
    commissioningPacks: "赋码（commissioning）事件须列出同一 GTIN 的单品药盒（SGTIN）。",
    commissioningIlmd: "赋码（commissioning）事件须在 ilmd 中给出 lotNumber 和 itemExpirationDate（YYYY-MM-DD）。",
    parentNotSscc: "箱或托盘的 parentID 必须是 SSCC。",
    packingChildren: "装箱（packing）事件须列出其内容（SGTIN 或 SSCC）。",
    shippingDestination: "发运（shipping）事件须注明收货方（PGLN 或 GLN）。",
    shippingContents: "发运（shipping）事件须列出 SSCC、SGTIN 或批次数量。",
    dispensePacks: "调配须列出单品药盒（SGTIN）。",
    destroyContents: "销毁（destroying）事件须列出 SGTIN 或批次数量。",
  },
};

export const epcis = { en, "zh-CN": zhCN };
