// Baseline for held long-polls: bare node:http that never answers (holds every request).
import { createServer } from 'node:http';
import { serveTarget } from '../cpu/target-ipc.js';

const held: unknown[] = [];
const server = createServer((req, res) => void held.push(req, res));
serveTarget((m) => (m.cmd === 'connections' ? new Promise((resolve) => server.getConnections((_e, n) => resolve(n))) : undefined));
server.listen(0, '127.0.0.1', () => process.send!({ ready: { port: (server.address() as { port: number }).port, path: '/mpweixin/chatbot' } }));
