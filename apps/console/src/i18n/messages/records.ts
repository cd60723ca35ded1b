/** 对话记录, 反馈 and 审核日志: what students asked, how they rated it, and what moderation stopped. */
const zh = {
  conversations: {
    searchPlaceholder: '搜索提问或回答中的文字',
    filter: { downvoted: '有差评', unanswered: '未匹配', blocked: '被拦截' },
    lastActive: '最近活动',
    firstQuestion: '第一个问题',
    turns: '轮数',
    student: '学生',
    flags: '标记',
    open: '进行中',
    onlyStudent: '只看学生 {student} 的对话',
  },
  conversation: {
    teacher: '教师回答',
    teacherFor: '{time} 教师补充回答了「{question}」',
    sameStudent: '该学生的全部对话',
    forget: '删除该学生的数据',
    forgetConfirm: '删除该学生的全部会话、消息和反馈？此操作不可恢复。',
    forgotten: '已删除 {sessions} 个会话、{turns} 条消息、{feedback} 条反馈、{moderation} 条审核记录',
  },
  feedback: {
    up: '赞',
    down: '踩',
    since: '起始日期',
    ratedAt: '评价时间',
    rating: '评价',
    question: '提问',
    answer: '回答',
    comment: '留言',
  },
  moderation: {
    at: '时间',
    direction: '类型',
    input: '提问被拒',
    output: '回答被拦截',
    content: '内容',
    reason: '检查',
  },
};

const en: typeof zh = {
  conversations: {
    searchPlaceholder: 'Search the questions and answers',
    filter: { downvoted: 'Thumbs-down', unanswered: 'Unmatched', blocked: 'Blocked' },
    lastActive: 'Last active',
    firstQuestion: 'First question',
    turns: 'Turns',
    student: 'Student',
    flags: 'Flags',
    open: 'open',
    onlyStudent: 'Only conversations of student {student}',
  },
  conversation: {
    teacher: 'Teacher',
    teacherFor: '{time} a teacher answered "{question}"',
    sameStudent: "This student's conversations",
    forget: "Delete this student's data",
    forgetConfirm: "Delete every session, message and rating of this student? This cannot be undone.",
    forgotten: 'Deleted {sessions} sessions, {turns} messages, {feedback} ratings, {moderation} moderation records',
  },
  feedback: {
    up: 'Up',
    down: 'Down',
    since: 'Since',
    ratedAt: 'Rated',
    rating: 'Rating',
    question: 'Question',
    answer: 'Answer',
    comment: 'Comment',
  },
  moderation: {
    at: 'Time',
    direction: 'Kind',
    input: 'Question refused',
    output: 'Reply blocked',
    content: 'Content',
    reason: 'Check',
  },
};

/** The strings in Chinese and English (typed alike: a string missing from either fails the typecheck). */
export const recordsMessages = { zh, en };
