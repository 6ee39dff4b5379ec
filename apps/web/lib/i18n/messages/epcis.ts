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
  },
};

export const epcis = { en, "zh-CN": zhCN };
