// Turns a failure into what the page shows: a Chinese hint the user can act on, plus the SDK's own
// message, which names the layer and ends with the code (`[wx-sdk] … (INVALID_ARGUMENT)`), for
// whoever debugs it. The code is kept apart too, for the page's logic.
const { ChatError } = require('@mpchat/wx-sdk');

/** @type {Partial<Record<import('@mpchat/wx-sdk').ChatErrorCode, string>>} */
const HINTS = {
  INVALID_ARGUMENT: '消息不符合要求（可能太长），请修改后重新发送',
  PAYLOAD_TOO_LARGE: '消息太长，请缩短后重新发送',
  SESSION_CLOSED: '会话已结束，已为你开启新对话，请重新发送',
  SESSION_NOT_FOUND: '服务器不认识这个会话，已为你开启新对话，请重新发送',
  BUSY: '上一个问题还在回答，请稍后再发',
  RATE_LIMITED: '发送太频繁，请稍后再试',
  GENERATION_FAILED: '回答生成失败，请再问一次',
  UPSTREAM_ERROR: '回答生成失败，请再问一次',
  UPSTREAM_TIMEOUT: '回答超时，请再问一次',
  NETWORK_ERROR: '网络不通，请检查网络后重试',
  TIMEOUT: '等待回复超时，请重试',
  BAD_RESPONSE: '服务器地址可能配置错误（config.js 的 baseUrl）',
};

/**
 * The server's own message inside the SDK's (`[wx-sdk] 消息中含有… (CONTENT_REJECTED)`): content
 * moderation's refusal is written for the user, in Chinese, and configurable on the server.
 * @param {import('@mpchat/wx-sdk').ChatError} err
 */
const serverMessage = (err) => err.message.replace(/^\[wx-sdk\] /, '').replace(/ \([A-Z_]+\)$/, '');

/**
 * @param {unknown} err
 * @returns {{ hint: string, message: string, code: string }}
 */
function errorView(err) {
  if (err instanceof ChatError) {
    const hint = err.code === 'CONTENT_REJECTED' ? serverMessage(err) : HINTS[err.code] || '出错了，请重试';
    return { hint, message: err.message, code: err.code };
  }
  // Not from the SDK: a bug in the page. Show it rather than fail silently, in the SDK's shape.
  const detail = err instanceof Error ? err.message : String(err);
  return { hint: '出错了，请重试', message: `[mpchat-example] ${detail} (UNKNOWN)`, code: 'UNKNOWN' };
}

/**
 * The conversation cannot go on (destroyed, expired after 30 idle minutes, or a server restarted
 * without its store): a new ChatClient is needed.
 * @param {unknown} err
 */
function sessionIsOver(err) {
  return err instanceof ChatError && (err.code === 'SESSION_CLOSED' || err.code === 'SESSION_NOT_FOUND');
}

/**
 * Content moderation refused the message itself: nothing was stored or answered.
 * @param {unknown} err
 */
function messageRejected(err) {
  return err instanceof ChatError && err.code === 'CONTENT_REJECTED';
}

module.exports = { errorView, sessionIsOver, messageRejected };
