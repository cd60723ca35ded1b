// Child process: opens N idle WebSocket connections to the URL given, reports when all are open,
// then holds them until told to exit. Runs apart from the server so its memory is not counted.
import WebSocket from 'ws';

const [url, countText] = process.argv.slice(2);
const count = Number(countText);
const sockets: WebSocket[] = [];
let open = 0;
let failed = 0;
const batch = 200;
for (let i = 0; i < count; i += batch) {
  await Promise.all(
    Array.from({ length: Math.min(batch, count - i) }, () => {
      const ws = new WebSocket(`${url}?sessionId=${crypto.randomUUID()}`);
      sockets.push(ws);
      return new Promise<void>((resolve) => {
        ws.once('open', () => {
          open++;
          resolve();
        });
        ws.once('error', () => {
          failed++;
          resolve();
        });
      });
    }),
  );
}
process.send!({ open, failed });
process.on('message', () => {
  for (const ws of sockets) ws.terminate();
  process.exit(0);
});
