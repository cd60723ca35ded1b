// Where the mpchat server runs, and how it knows who is asking. The SDK adds /mpweixin/chatbot
// (HTTP) and derives the socket URL from baseUrl (https → wss).
//
// baseUrl:
// - DevTools on this computer: 'http://localhost:8080' (after `pnpm start` at the repo root) and
//   详情 → 本地设置 → 勾选「不校验合法域名…」. WeChat only lets http / IP addresses through there.
// - A phone (预览 / 真机调试 / release): an ICP-filed https domain of yours, added in the 公众平台
//   under 开发管理 → 服务器域名 as request合法域名 (https://…) AND socket合法域名 (wss://…).
//   Without the socket domain the SDK still works: it falls back to long-polling.
//
// auth: the server's AUTH setting.
// - 'none' (the server's default): no login.
// - 'wx-login': the SDK calls wx.login and logs in at POST /mpweixin/chatbot/login by itself, then
//   sends the token on every request. Needs your own AppID (touristappid cannot wx.login) and a
//   server that can reach api.weixin.qq.com.
module.exports = {
  baseUrl: 'http://localhost:8080',
  auth: 'none',
};
