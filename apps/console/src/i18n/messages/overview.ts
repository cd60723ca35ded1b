/** 概览: the dashboard's cards, chart and top questions. */
const zh = {
  overview: {
    cards: {
      questions: '提问数',
      students: '学生数',
      sessions: '会话数',
      upRate: '好评率',
      unansweredRate: '未解决率',
      blocked: '审核拦截',
      latencyP50: '回答耗时 p50',
      latencyP95: '回答耗时 p95',
    },
    votes: '赞 {up} · 踩 {down}',
    unansweredCount: '{n} 个回答未匹配知识库',
    trend: '每日趋势',
    unanswered: '未匹配',
    down: '差评',
    top: '提问最多的待解决问题',
    times: '{n} 次',
  },
};

const en: typeof zh = {
  overview: {
    cards: {
      questions: 'Questions',
      students: 'Students',
      sessions: 'Sessions',
      upRate: 'Thumbs-up rate',
      unansweredRate: 'Unanswered',
      blocked: 'Blocked',
      latencyP50: 'Answer time p50',
      latencyP95: 'Answer time p95',
    },
    votes: 'up {up} · down {down}',
    unansweredCount: '{n} answers matched nothing',
    trend: 'Per day',
    unanswered: 'Unmatched',
    down: 'Thumbs-down',
    top: 'Most asked unanswered questions',
    times: '{n}×',
  },
};

/** The strings in Chinese and English (typed alike: a string missing from either fails the typecheck). */
export const overviewMessages = { zh, en };
