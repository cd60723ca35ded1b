import { startFakeWechat, type FakeWechat } from '@mpchat/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newSessionId, startTestServer, ts, type TestServer } from '../src/testing/test-server.js';
import { apiAs } from './auth-client.js';

// Rotating AUTH_SECRET on several instances, one at a time: while some run on the old key and some
// on the new, a token either one signed is accepted by the other (AUTH_SECRET_PREVIOUS), in both
// directions, over HTTP and on the WebSocket upgrade; a key nobody lists is refused.
const OLD = 'the-old-secret-of-this-course-0123456789';
const NEW = 'the-new-secret-of-this-course-9876543210';
const STRANGER = 'a-secret-no-instance-knows-about-at-all!';
let wx: FakeWechat;
const servers: TestServer[] = [];
let codes = 0;

async function instance(secret: string, previous?: string): Promise<TestServer> {
  const s = await startTestServer({
    env: { AUTH: 'wx-login', AUTH_SECRET: secret, ...(previous ? { AUTH_SECRET_PREVIOUS: previous } : {}), WX_APPID: wx.appid, WX_SECRET: wx.secret, WX_API_BASE: wx.url },
  });
  servers.push(s);
  return s;
}

async function tokenFrom(s: TestServer, openid: string): Promise<string> {
  const code = `rotation-${++codes}`;
  wx.addLoginCode(code, { openid });
  const r = await apiAs(s.url).login(code);
  expect(r.body.code).toBe(200);
  return r.body.data.token as string;
}

async function sendStatus(s: TestServer, token: string): Promise<number> {
  return (await apiAs(s.url, { Authorization: `Bearer ${token}` }).send(newSessionId(), 'BGP', ts())).status;
}

beforeAll(async () => {
  wx = await startFakeWechat();
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await wx.close();
});

describe('AUTH_SECRET_PREVIOUS (rotating the login-token key)', () => {
  it('an instance on the new key accepts tokens of one still on the old key, and the other way round', async () => {
    const onOld = await instance(OLD, NEW); // step 1 of the rotation: every instance learns the new key first
    const onNew = await instance(NEW, OLD); // step 2: instances sign with the new key, one at a time
    expect(await sendStatus(onNew, await tokenFrom(onOld, 'o-old-signed'))).toBe(200);
    expect(await sendStatus(onOld, await tokenFrom(onNew, 'o-new-signed'))).toBe(200);
    const socket = await apiAs(onOld.url, { Authorization: `Bearer ${await tokenFrom(onNew, 'o-ws')}` }).socket(onOld.wsUrl, newSessionId());
    socket.ws.close();
  });

  it('without it, a token of the other key is refused (what a rotation without overlap does)', async () => {
    const onOld = await instance(OLD);
    const onNew = await instance(NEW);
    expect(await sendStatus(onOld, await tokenFrom(onNew, 'o-refused'))).toBe(401);
    expect(await sendStatus(onNew, await tokenFrom(onOld, 'o-refused-2'))).toBe(401);
  });

  it('never signs with the previous key, and refuses a key neither setting names', async () => {
    const done = await instance(NEW, OLD);
    const onlyNew = await instance(NEW); // step 3: the old key dropped
    expect(await sendStatus(onlyNew, await tokenFrom(done, 'o-after'))).toBe(200);
    expect(await sendStatus(done, await tokenFrom(await instance(STRANGER), 'o-stranger'))).toBe(401);
  });
});
