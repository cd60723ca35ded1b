// Times one start-up of the knowledge base in this fresh process and prints it as JSON.
const begin = performance.now();
const { KnowledgeBase, composeReply } = await import('@mpchat/server');
const loadStart = performance.now();
const kb = await KnowledgeBase.load(process.argv[2]!);
const load = performance.now() - loadStart;
composeReply(kb, '请问BGP协议实验ping不通怎么办?', [], { minConfidence: 0.5, suggestions: 3 });
console.log(JSON.stringify({ total: performance.now() - begin, load }));
