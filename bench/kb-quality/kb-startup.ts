// Times one start-up of the knowledge base in this fresh process and prints it as JSON: wall
// clock and this process's CPU time (the machine may be shared; CPU time is what start-up costs).
const { KnowledgeBase, composeReply } = await import('@mpchat/server');
const wallStart = performance.now();
const cpuStart = process.cpuUsage();
const kb = await KnowledgeBase.load(process.argv[2]!);
composeReply(kb, '请问BGP协议实验ping不通怎么办?', [], { minConfidence: 0.45, suggestions: 3 });
const cpu = process.cpuUsage(cpuStart);
console.log(JSON.stringify({ wall: performance.now() - wallStart, cpu: (cpu.user + cpu.system) / 1000 }));
