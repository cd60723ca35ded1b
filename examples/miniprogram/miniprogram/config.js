// Where the mpchat server runs. The SDK adds /mpweixin/chatbot (HTTP) and derives the socket
// URL from it (https → wss).
//
// - DevTools on this computer: 'http://localhost:8080' (after `pnpm start` at the repo root) and
//   详情 → 本地设置 → 勾选「不校验合法域名…」. WeChat only lets http / IP addresses through there.
// - A phone (预览 / 真机调试 / release): an ICP-filed https domain of yours, added in the 公众平台
//   under 开发管理 → 服务器域名 as request合法域名 (https://…) AND socket合法域名 (wss://…).
//   Without the socket domain the SDK still works: it falls back to long-polling.
//
// `auth`: who the student is, for 历史对话 (their own past conversations) and 清除我的记录. Leave it
// undefined for a server with AUTH=none (the default; the history page then says it is off) or
// AUTH=wx-cloud (the platform vouches for the user); 'wx-login' for a server with AUTH=wx-login.
module.exports = {
  baseUrl: 'http://localhost:8080',
  /** @type {'wx-login' | undefined} */
  auth: undefined,
};
