import { KnowledgeBase } from '@mpchat/server';
const kb = await KnowledgeBase.load('/work/wt/i21/apps/server/kb');
for (const q of process.argv.slice(2)) {
  console.log(q, '→', kb.queryTerms(q).join(' | '));
  for (const h of kb.search(q, 3)) console.log('   ', h.score.toFixed(2), h.confidence.toFixed(2), h.entry.title, '[', h.terms.join(','), ']');
}
