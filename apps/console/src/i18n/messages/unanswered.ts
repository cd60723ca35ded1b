/** 待解决: the groups of unanswered questions and how a teacher answers them. */
const zh = {
  unanswered: {
    status: { open: '待处理', answered: '已回答', ignored: '已忽略' },
    reason: { unmatched: '未匹配', downvoted: '差评' },
    byCount: '按次数',
    byRecent: '按时间',
    lastAsked: '最近提问 {time}',
    answerTitle: '回答这组问题',
    examples: '学生的提问（共 {n} 次）',
    answer: '回答（Markdown，预览即学生看到的样子）',
    answerPlaceholder: '写下给学生的回答，支持 Markdown：**加粗**、列表、`代码`…',
    saveAndNotify: '保存并通知学生',
    answered: '已保存为知识库条目，已发送给 {n} 个仍在进行的对话',
    ignore: '忽略',
    ignoreConfirm: '忽略这组问题？之后不再显示在待处理中。',
    ignored: '已忽略',
    mode: { new: '写新回答', pick: '选用已有条目' },
    pickSearch: '搜索知识库条目的标题或内容',
    suggested: '命中测试推荐（按得分）',
    found: '搜索结果',
    disabled: '已停用',
    willReceive: '学生将收到',
    answeredWith: '已用「{title}」回答，已发送给 {n} 个仍在进行的对话',
    answeredBy: '回答所用的条目',
  },
};

const en: typeof zh = {
  unanswered: {
    status: { open: 'Open', answered: 'Answered', ignored: 'Ignored' },
    reason: { unmatched: 'unmatched', downvoted: 'thumbs-down' },
    byCount: 'Most asked',
    byRecent: 'Newest',
    lastAsked: 'last asked {time}',
    answerTitle: 'Answer this group',
    examples: 'What students asked ({n} times)',
    answer: 'Answer (Markdown; the preview is what students see)',
    answerPlaceholder: 'Write the answer for students in Markdown: **bold**, lists, `code`…',
    saveAndNotify: 'Save and notify students',
    answered: 'Saved as a knowledge-base entry and sent to {n} open conversations',
    ignore: 'Ignore',
    ignoreConfirm: 'Ignore this group? It leaves the open list.',
    ignored: 'Ignored',
    mode: { new: 'Write a new answer', pick: 'Use an existing entry' },
    pickSearch: 'Search entry titles and bodies',
    suggested: 'Suggested by the hit test (by score)',
    found: 'Search results',
    disabled: 'off',
    willReceive: 'Students will receive',
    answeredWith: 'Answered with "{title}" and sent to {n} open conversations',
    answeredBy: 'The entry that answered it',
  },
};

/** The strings in Chinese and English (typed alike: a string missing from either fails the typecheck). */
export const unansweredMessages = { zh, en };
