/**
 * Passkeys: invitations on the members page, enrolment on the phone (/join), passkey sign-in, and writes the
 * network's relayer sends for a passkey member.
 */
import type { Shape } from "./common";

const en = {
  signIn: {
    button: "Sign in with a passkey",
    hint: "Your phone's or laptop's fingerprint, face or screen lock. No wallet needed.",
    busy: "Waiting for your passkey…",
    off: "Passkeys are off here: this site is reached at an IP address ({host}), and browsers only allow passkeys on a named site. Open it by name (for example http://localhost:3000) or set PUBLIC_ORIGIN.",
    unsupported: "This browser cannot use passkeys. Use a current browser, or sign in with a wallet.",
    cancelled: "The passkey was not used (cancelled or timed out). Try again.",
  },
  invite: {
    title: "Invite a member with a passkey",
    lede: "The new member opens the link on their phone or laptop and creates a passkey there; you then approve it here. Nobody needs a wallet.",
    label: "Who and which device",
    labelHint: "For example “Li Na, counter phone”. Shown to you when you approve.",
    create: "Create invitation link",
    link: "Send this link (or let them scan the code). It works once, until {time}.",
    qr: "QR code of the invitation link",
    copy: "Copy link",
    copied: "Copied",
    labelMissing: "Write who the invitation is for (1 to 80 characters).",
    open: "Open invitations",
    none: "No invitation is open.",
    expires: "Expires",
    statusHead: "Status",
    status: { open: "waiting to be used", used: "used", expired: "expired" },
  },
  waiting: {
    title: "Waiting for approval",
    lede: "These people created a passkey with an invitation. Approve one to add it as a member on the ledger with the permissions shown; compare its code with the one on their screen first.",
    none: "Nobody is waiting.",
    who: "Who",
    code: "Code",
    permissions: "Permissions",
    created: "Enrolled",
    approve: "Approve",
    decline: "Decline",
    declined: "Declined: the passkey of {label} was deleted.",
  },
  join: {
    title: "Join {name}",
    lede: "{name} invited you to act for it on the TraceMed network as “{label}” with these permissions:",
    create: "Create a passkey",
    creating: "Follow your device: confirm with your fingerprint, face or screen lock…",
    how: "The passkey stays on this device (or in its password manager). TraceMed keeps only its public key.",
    done: "Your passkey is ready. Ask your admin to approve you.",
    code: "Your code: {code}. Your admin sees the same code beside your name.",
    invalid:
      "This invitation link cannot be used: it was used already, it expired, or it never existed. Ask your admin for a new one.",
    invalidTitle: "Invitation not valid",
  },
  relay: {
    wallet: "Council proposals and approvals are signed with a regulator's wallet: a passkey cannot sign them.",
  },
  refused: {
    InvitationInvalid:
      "This invitation link cannot be used: it was used already, it expired, or it never existed. Ask your admin for a new one.",
    PasskeyUnavailable:
      "Passkeys are off here: this site is reached at an IP address, and browsers only allow passkeys on a named site.",
    PasskeyRefused: "This passkey was not accepted. Try again, or ask your admin for a new invitation.",
    PasskeyNotMember:
      "This passkey is not a member of an organisation: your admin has not approved it yet, or has removed it.",
    RelayMemberMismatch: "This write is signed by another member than the one signed in. Sign in again and retry.",
    RelayRefused: "The ledger refused this write; nothing was sent and no gas was spent.",
    RelayQuotaExhausted: "Your organisation has used today's relayed writes. Try again after midnight (UTC).",
    RelayUnavailable: "The network's relayer is not configured here: passkey writes cannot be sent. Use a wallet.",
    RelayNoUnits: "Cases and pallets are not available on this network: there is no contract to send this write to.",
  },
};

const zh: Shape<typeof en> = {
  signIn: {
    button: "用通行密钥登录",
    hint: "使用手机或电脑的指纹、面容或屏幕锁。无需钱包。",
    busy: "正在等待您的通行密钥……",
    off: "此处无法使用通行密钥：本站通过 IP 地址（{host}）访问，而浏览器只允许在有域名的网站上使用通行密钥。请用域名打开（例如 http://localhost:3000）或设置 PUBLIC_ORIGIN。",
    unsupported: "此浏览器不支持通行密钥。请使用最新的浏览器，或用钱包登录。",
    cancelled: "未使用通行密钥（已取消或超时）。请重试。",
  },
  invite: {
    title: "用通行密钥邀请成员",
    lede: "新成员在手机或电脑上打开链接并在该设备上创建通行密钥，然后由您在此批准。任何人都无需钱包。",
    label: "成员及设备",
    labelHint: "例如“李娜，柜台手机”。批准时会显示给您。",
    create: "创建邀请链接",
    link: "请发送此链接（或让对方扫描二维码）。链接只能使用一次，有效期至 {time}。",
    qr: "邀请链接的二维码",
    copy: "复制链接",
    copied: "已复制",
    labelMissing: "请填写邀请对象（1 至 80 个字符）。",
    open: "未使用的邀请",
    none: "没有未使用的邀请。",
    expires: "到期时间",
    statusHead: "状态",
    status: { open: "等待使用", used: "已使用", expired: "已过期" },
  },
  waiting: {
    title: "等待批准",
    lede: "以下人员已通过邀请创建了通行密钥。批准后，该密钥将以所示权限作为成员添加到账本上；批准前请先核对其屏幕上显示的代码。",
    none: "没有等待批准的人员。",
    who: "成员",
    code: "代码",
    permissions: "权限",
    created: "注册时间",
    approve: "批准",
    decline: "拒绝",
    declined: "已拒绝：{label} 的通行密钥已删除。",
  },
  join: {
    title: "加入{name}",
    lede: "{name} 邀请您以“{label}”的身份在 TraceMed 网络上代表其操作，权限如下：",
    create: "创建通行密钥",
    creating: "请按设备提示操作：用指纹、面容或屏幕锁确认……",
    how: "通行密钥保存在此设备（或其密码管理器）中。TraceMed 只保存其公钥。",
    done: "您的通行密钥已就绪。请让管理员批准您。",
    code: "您的代码：{code}。管理员会在您的名字旁看到相同的代码。",
    invalid: "此邀请链接无法使用：它已被使用、已过期或不存在。请向管理员索取新的链接。",
    invalidTitle: "邀请无效",
  },
  relay: {
    wallet: "理事会的提议和批准须由监管机构的钱包签名：通行密钥无法签署。",
  },
  refused: {
    InvitationInvalid: "此邀请链接无法使用：它已被使用、已过期或不存在。请向管理员索取新的链接。",
    PasskeyUnavailable: "此处无法使用通行密钥：本站通过 IP 地址访问，而浏览器只允许在有域名的网站上使用通行密钥。",
    PasskeyRefused: "此通行密钥未被接受。请重试，或向管理员索取新的邀请。",
    PasskeyNotMember: "此通行密钥不是任何组织的成员：管理员尚未批准，或已将其移除。",
    RelayMemberMismatch: "此写入的签名成员与当前登录的成员不同。请重新登录后重试。",
    RelayRefused: "账本拒绝了此写入；未发送任何交易，也未花费燃料费。",
    RelayQuotaExhausted: "贵组织今天的代发写入次数已用完。请在 UTC 午夜后重试。",
    RelayUnavailable: "此处未配置网络的代发账户：无法发送通行密钥写入。请使用钱包。",
    RelayNoUnits: "此网络不支持箱和托盘：没有可接收此写入的合约。",
  },
};

export const passkey = { en, "zh-CN": zh };
