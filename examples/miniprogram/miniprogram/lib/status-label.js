// What the status line says. The SDK reports status and transport as codes
// (client.on('status', (status, transport) => …)); the user reads Chinese.

/** @type {Record<import('@mpchat/wx-sdk').ConnectionStatus, string>} */
const STATUS = {
  connecting: '连接中',
  open: '已连接',
  reconnecting: '重连中',
  offline: '离线（小程序在后台）',
  closed: '会话已结束',
};

/** @type {Record<import('@mpchat/wx-sdk').TransportKind, string>} */
const TRANSPORT = {
  socket: 'WebSocket',
  longpoll: '长轮询',
  poll: '轮询',
};

/**
 * @param {import('@mpchat/wx-sdk').ConnectionStatus} status
 * @param {import('@mpchat/wx-sdk').TransportKind} transport
 */
function statusLabel(status, transport) {
  return { statusText: STATUS[status] || status, transportText: TRANSPORT[transport] || transport };
}

module.exports = { statusLabel };
