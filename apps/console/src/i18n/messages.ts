/**
 * Every UI string of the console, Chinese first (the course teams are in China), English second.
 * `en-US` is typed as the Chinese table, so a string missing from either fails the typecheck.
 */
const zhCN = {
  app: {
    name: 'mpchat 教师控制台',
    menu: '菜单',
    language: '切换语言',
    otherLanguage: 'English',
    signOut: '退出登录',
  },
  nav: {
    overview: '概览',
    unanswered: '待解决',
    kb: '知识库',
    conversations: '对话记录',
    feedback: '反馈',
    moderation: '审核日志',
  },
  signIn: {
    title: '教师登录',
    lead: '输入服务器配置的管理令牌（ADMIN_TOKEN / ADMIN_TOKENS）。令牌只保存在本标签页，关闭即清除。',
    token: '管理令牌',
    placeholder: '至少 16 个字符',
    submit: '登录',
    expired: '登录已失效，请重新输入管理令牌。',
    wrong: '令牌不正确。',
    off: '服务器未开启管理接口：请设置 ADMIN_TOKEN 或 ADMIN_TOKENS 后重启。',
  },
  common: {
    loading: '加载中…',
    empty: '暂无数据',
    retry: '重试',
    loadMore: '加载更多',
    noMore: '没有更多了',
    search: '搜索',
    range: '时间范围',
    save: '保存',
    cancel: '取消',
    confirm: '确定',
    delete: '删除',
    edit: '编辑',
    back: '返回',
    all: '全部',
    downloadCsv: '下载 CSV',
    preview: '预览',
    requestId: '请求编号',
    yes: '是',
    no: '否',
    saved: '已保存',
  },
  errors: {
    NETWORK: '无法连接服务器，请检查网络后重试。',
    INVALID_ARGUMENT: '输入有误',
    UNAUTHENTICATED: '登录已失效，请重新登录。',
    NOT_FOUND: '找不到该内容（或服务器未开启此功能）。',
    SESSION_NOT_FOUND: '找不到该对话（可能已过保留期或被删除）。',
    RATE_LIMITED: '操作太频繁，请稍后再试。',
    PAYLOAD_TOO_LARGE: '内容太长。',
    STORE_UNAVAILABLE: '数据库暂时不可用，请稍后再试。',
    SHUTTING_DOWN: '服务器正在重启，请稍后再试。',
    INTERNAL: '服务器出错了。',
    other: '请求失败',
  },
};

/** The shape every locale fills in. */
export type Messages = typeof zhCN;

const enUS: Messages = {
  app: {
    name: 'mpchat teacher console',
    menu: 'Menu',
    language: 'Switch language',
    otherLanguage: '中文',
    signOut: 'Sign out',
  },
  nav: {
    overview: 'Overview',
    unanswered: 'Unanswered',
    kb: 'Knowledge base',
    conversations: 'Conversations',
    feedback: 'Feedback',
    moderation: 'Moderation log',
  },
  signIn: {
    title: 'Teacher sign-in',
    lead: 'Enter an admin token the server is configured with (ADMIN_TOKEN / ADMIN_TOKENS). It is kept in this tab only and cleared when the tab closes.',
    token: 'Admin token',
    placeholder: 'at least 16 characters',
    submit: 'Sign in',
    expired: 'Your sign-in has expired; enter the admin token again.',
    wrong: 'The token is not right.',
    off: 'The server has no admin API: set ADMIN_TOKEN or ADMIN_TOKENS and restart it.',
  },
  common: {
    loading: 'Loading…',
    empty: 'Nothing here yet',
    retry: 'Retry',
    loadMore: 'Load more',
    noMore: 'No more',
    search: 'Search',
    range: 'Date range',
    save: 'Save',
    cancel: 'Cancel',
    confirm: 'OK',
    delete: 'Delete',
    edit: 'Edit',
    back: 'Back',
    all: 'All',
    downloadCsv: 'Download CSV',
    preview: 'Preview',
    requestId: 'Request id',
    yes: 'Yes',
    no: 'No',
    saved: 'Saved',
  },
  errors: {
    NETWORK: 'Cannot reach the server; check the network and retry.',
    INVALID_ARGUMENT: 'Invalid input',
    UNAUTHENTICATED: 'Your sign-in has expired; sign in again.',
    NOT_FOUND: 'Not found (or this feature is off on the server).',
    SESSION_NOT_FOUND: 'Conversation not found (past its retention, or deleted).',
    RATE_LIMITED: 'Too many attempts; try again shortly.',
    PAYLOAD_TOO_LARGE: 'Too long.',
    STORE_UNAVAILABLE: 'The database is unavailable; try again shortly.',
    SHUTTING_DOWN: 'The server is restarting; try again shortly.',
    INTERNAL: 'The server failed.',
    other: 'Request failed',
  },
};

/** The console's languages. */
export type Locale = 'zh-CN' | 'en-US';

/** Both tables, as vue-i18n takes them. */
export const messages: Record<Locale, Messages> = { 'zh-CN': zhCN, 'en-US': enUS };
