/**
 * Words used on every page. Each area of the app keeps its own file in this folder with the same
 * shape: `en` is the source, `zh-CN` must have exactly the same keys (the type checker enforces it).
 */
const en = {
  appName: "TraceMed",
  tagline: "Every pack's journey, on a tamper-evident ledger",
  skipToContent: "Skip to content",
  nav: {
    label: "Main",
    verify: "Verify a medicine",
    scan: "Scan a code",
    batches: "Batches",
    manufacturer: "Manufacturer",
    distributor: "Distributor",
    pharmacy: "Pharmacy",
    regulator: "Regulator",
  },
  language: { label: "Language", en: "English", "zh-CN": "中文" },
  wallet: {
    connect: "Staff sign-in",
    connectInjected: "Connect browser wallet",
    noInjected: "No browser wallet found. Install one, or use a local demo account on the embedded chain.",
    localAccounts: "Local demo accounts",
    localAccountsNote:
      "Local-only convenience: these accounts exist only on the embedded development chain. They never appear on a real network.",
    actAs: "Act as {name}",
    signIn: "Sign in with this wallet",
    signingIn: "Waiting for the signature…",
    signOut: "Sign out",
    signedInAs: "Signed in as {name}",
    roles: "Roles: {roles}",
    notMember: "The account {account} is not an organisation of this network.",
    wrongAccount: "Your wallet switched to another account. Sign in again to act as it.",
    disconnect: "Disconnect wallet",
    switch: "Switch account",
    close: "Close",
  },
  roles: {
    REGULATOR: "regulator",
    MANUFACTURER: "manufacturer",
    DISTRIBUTOR: "distributor",
    PHARMACY: "pharmacy",
    VERIFIER: "verification service",
  },
  tx: {
    signing: "Waiting for your wallet to sign…",
    pending: "Submitted, waiting for the chain to confirm…",
    confirmed: "Confirmed in block {block}.",
    indexing: "Confirmed in block {block}; updating the lists…",
    failed: "Not recorded: {reason}",
    rejected: "You declined the signature; nothing was recorded.",
    viewTx: "Transaction {hash}",
  },
  status: {
    active: "Active",
    quarantined: "Quarantined",
    recalled: "Recalled",
    unconfirmed: "Not confirmed",
    expired: "Expired",
    in_transit: "In transit",
    received: "Received",
    voided: "Cancelled",
  },
  needSignIn: "Sign in as staff of an organisation with the {role} role to use this page.",
  needRole: "{name} does not have the {role} role.",
  signInRefused: {
    SignInWrongHost: "This sign-in message was made for {domain}, not for {host}.",
    SignInWrongUri: "This sign-in message names {uri}, not a page of {origin}.",
    SignInWrongChain: "Sign in on chain {want}; the message names chain {got}.",
    SignInFromTheFuture:
      "This sign-in message says it was issued later than now. Check your device's clock and sign in again.",
    SignInExpired: "This sign-in message has expired or is not valid yet. Sign in again.",
    SignInBadSignature: "The signature does not match the account in the message.",
    SignInReplayed: "This sign-in message was already used or its nonce expired. Sign in again.",
    TooManySignIns: "Too many sign-in attempts from this device. Try again in {seconds} seconds.",
  },
  staffRefused: {
    OrganisationSuspended:
      "{name} is suspended from the network by the regulator: its staff cannot sign in or act until it is reinstated.",
    OrganisationUnknown:
      "This account is not an organisation of the network. Ask the regulator to onboard it (a new organisation appears here within seconds).",
  },
  errors: {
    network: "The service cannot be reached. Check the connection and try again.",
    unexpected: "Something went wrong. Nothing was changed; try again.",
  },
};

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

const zhCN: Shape<typeof en> = {
  appName: "药链溯源",
  tagline: "每一盒药的流向，记录在不可篡改的账本上",
  skipToContent: "跳到正文",
  nav: {
    label: "主导航",
    verify: "药品验真",
    scan: "扫码",
    batches: "批次",
    manufacturer: "生产企业",
    distributor: "经营企业",
    pharmacy: "药店",
    regulator: "监管部门",
  },
  language: { label: "语言", en: "English", "zh-CN": "中文" },
  wallet: {
    connect: "员工登录",
    connectInjected: "连接浏览器钱包",
    noInjected: "未检测到浏览器钱包。请安装钱包，或在本地开发链上使用演示账户。",
    localAccounts: "本地演示账户",
    localAccountsNote: "仅供本地体验：这些账户只存在于内置开发链上，在真实网络中不会出现。",
    actAs: "以 {name} 身份操作",
    signIn: "用此钱包登录",
    signingIn: "等待签名…",
    signOut: "退出登录",
    signedInAs: "已登录：{name}",
    roles: "角色：{roles}",
    notMember: "账户 {account} 不是本网络的成员机构。",
    wrongAccount: "钱包已切换到其他账户。请重新登录以使用该账户。",
    disconnect: "断开钱包",
    switch: "切换账户",
    close: "关闭",
  },
  roles: {
    REGULATOR: "监管部门",
    MANUFACTURER: "生产企业",
    DISTRIBUTOR: "经营企业",
    PHARMACY: "药店",
    VERIFIER: "验证服务",
  },
  tx: {
    signing: "等待钱包签名…",
    pending: "已提交，等待链上确认…",
    confirmed: "已在区块 {block} 确认。",
    indexing: "已在区块 {block} 确认，正在更新列表…",
    failed: "未能记录：{reason}",
    rejected: "您拒绝了签名，未记录任何内容。",
    viewTx: "交易 {hash}",
  },
  status: {
    active: "正常",
    quarantined: "已暂控",
    recalled: "已召回",
    unconfirmed: "未能确认",
    expired: "已过期",
    in_transit: "运输中",
    received: "已收货",
    voided: "已取消",
  },
  needSignIn: "请以具有“{role}”角色的机构员工身份登录后使用本页。",
  needRole: "{name} 没有“{role}”角色。",
  signInRefused: {
    SignInWrongHost: "此登录消息是为 {domain} 生成的，不是为 {host}。",
    SignInWrongUri: "此登录消息指向 {uri}，不是 {origin} 的页面。",
    SignInWrongChain: "请在链 {want} 上登录；此消息指定的是链 {got}。",
    SignInFromTheFuture: "此登录消息的签发时间晚于现在。请检查设备的时钟后重新登录。",
    SignInExpired: "此登录消息已过期或尚未生效。请重新登录。",
    SignInBadSignature: "签名与消息中的账户不符。",
    SignInReplayed: "此登录消息已被使用，或其随机数已过期。请重新登录。",
    TooManySignIns: "此设备的登录尝试过多。请在 {seconds} 秒后重试。",
  },
  staffRefused: {
    OrganisationSuspended: "{name} 已被监管部门暂停网络资格：恢复之前，其员工不能登录或进行任何操作。",
    OrganisationUnknown: "此账户不是本网络的机构。请联系监管部门办理加入（新加入的机构会在几秒钟内出现）。",
  },
  errors: {
    network: "无法连接服务。请检查网络后重试。",
    unexpected: "出现问题，未做任何更改，请重试。",
  },
};

export const common = { en, "zh-CN": zhCN };
export type { Shape };
