/** The staff app's frame: header, phone menu, account menu, sign-in panel, and how dates say their time zone. */
import type { Shape } from "./common";

const en = {
  homeSuffix: ": your dashboard",
  homeSuffixSignedOut: ": home",
  menu: "Menu",
  openMenu: "Open the menu",
  account: {
    open: "Account:",
    organisation: "Organisation",
    roles: "Roles",
    permissions: "Permissions",
    memberKey: "Member key",
    dashboard: "Your dashboard",
    switch: "Switch account",
    signOut: "Sign out",
  },
  signIn: {
    title: "Staff sign-in",
    lede: "Sign in to act for your organisation.",
    passkey: "With a passkey",
    wallet: "With a browser wallet",
    demo: "Demo accounts",
    demoNote: "Only on the embedded development chain: these published keys never exist on a real network.",
    current: "signed in now",
    loading: "Loading the demo accounts…",
    switching: "Signing in as {name}…",
  },
  dates: {
    zone: "Times in {zone}",
  },
  table: {
    filter: "Filter {name}",
    filterList: "Filter the list",
    filterPlaceholder: "Type to filter…",
    noMatch: "No row matches “{query}”.",
    range: "{from}–{to} of {total}",
    previous: "Previous page",
    next: "Next page",
  },
};

const zhCN: Shape<typeof en> = {
  homeSuffix: "：您的工作台",
  homeSuffixSignedOut: "：首页",
  menu: "菜单",
  openMenu: "打开菜单",
  account: {
    open: "账户：",
    organisation: "机构",
    roles: "角色",
    permissions: "权限",
    memberKey: "成员密钥",
    dashboard: "我的工作台",
    switch: "切换账户",
    signOut: "退出登录",
  },
  signIn: {
    title: "员工登录",
    lede: "登录后即可代表您的机构操作。",
    passkey: "使用通行密钥",
    wallet: "使用浏览器钱包",
    demo: "演示账户",
    demoNote: "仅在内置开发链上提供：这些公开的密钥在真实网络中不存在。",
    current: "当前登录",
    loading: "正在加载演示账户…",
    switching: "正在以 {name} 身份登录…",
  },
  dates: {
    zone: "时间按 {zone} 显示",
  },
  table: {
    filter: "筛选{name}",
    filterList: "筛选列表",
    filterPlaceholder: "输入以筛选…",
    noMatch: "没有与“{query}”相符的行。",
    range: "第 {from}–{to} 行，共 {total} 行",
    previous: "上一页",
    next: "下一页",
  },
};

export const shell = { en, "zh-CN": zhCN };
