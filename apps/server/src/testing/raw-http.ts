import { connect } from 'node:net';

/** A response read off a raw socket. */
export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends `request` bytes as they are (no client library tidying them up) and reads the response
 * until the server closes the connection or `Connection: close` framing ends it. For targets,
 * headers and handshakes that fetch would refuse to send.
 */
export function rawRequest(url: string, request: string | Buffer): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      socket.destroy();
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      const head = split === -1 ? text : text.slice(0, split);
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const i = line.indexOf(':');
        if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
      }
      const status = Number(statusLine.split(' ')[1] ?? 0);
      let body = split === -1 ? '' : text.slice(split + 4);
      if (headers['content-length'] !== undefined) body = Buffer.from(body).subarray(0, Number(headers['content-length'])).toString('utf8');
      resolve({ status, headers, body });
    };
    socket.on('data', (d: Buffer) => {
      chunks.push(d);
      // A complete response with Content-Length: stop reading (keep-alive servers would not close).
      const text = Buffer.concat(chunks).toString('latin1');
      const split = text.indexOf('\r\n\r\n');
      const m = /\r\ncontent-length:\s*(\d+)/i.exec(text.slice(0, split));
      if (split !== -1 && m && Buffer.concat(chunks).length >= split + 4 + Number(m[1])) finish();
      // A switched protocol (101) has no body to wait for.
      else if (split !== -1 && /^HTTP\/1\.1 101 /.test(text)) finish();
    });
    socket.on('end', finish);
    socket.on('close', finish);
    socket.on('error', (err) => (chunks.length > 0 ? finish() : reject(err)));
    socket.write(request);
  });
}
