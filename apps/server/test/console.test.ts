import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, openConsole, openFromMenu } from './console-browser.js';
import { BGP_TITLE, MATCHED, TOKEN, UNMATCHED, eventually, startConsoleCourse, type ConsoleCourse } from './console-course.js';
import { Student } from './console-students.js';

const IDLE_TITLE = 'BGP邻居一直是Idle状态';
const OFF_TOPIC = '这门课期末考试考什么？';

// The teacher's loop in the built console, in Debian's Chromium against the real server: sign in, read
// the numbers, answer or ignore what nobody answered, find a conversation.
describe.runIf(hasChromium)("the teachers' console in Chromium: the unanswered loop", () => {
  let course: ConsoleCourse;
  beforeAll(async () => {
    course = await startConsoleCourse();
  }, 90_000);
  afterAll(() => course?.stop(), 60_000);

  it('refuses a wrong admin token with a readable message', async () => {
    const { server, browser } = course;
    const fresh = await openConsole(browser, 1280, 860);
    const { page } = fresh;
    await page.goto(`${server.url}/console/kb`);
    await page.waitForURL(/\/console\/sign-in\?next=/);
    fresh.expectRefusal('/admin/feedback');
    await page.fill('[data-test=token] input', 'not-the-token-at-all');
    await page.click('[data-test=submit]');
    await eventually(() => page.locator('[data-test=error]').textContent()).toBe('令牌不正确。');
    expect(await page.evaluate<number>('sessionStorage.length')).toBe(0);
    // The right one leads to the page that was asked for.
    await page.fill('[data-test=token] input', TOKEN);
    await page.click('[data-test=submit]');
    await page.waitForURL(/\/console\/kb$/);
    expect(fresh.problems).toEqual([]);
  }, 60_000);

  it('shows the numbers the students made on 概览', async () => {
    const { desk } = course;
    const { page } = desk;
    await openFromMenu(page, 'overview');
    const stat = (key: string) => page.locator(`[data-stat=${key}]`).textContent();
    await eventually(() => stat('questions')).toBe('3');
    expect(await stat('students')).toBe('3');
    expect(await stat('sessions')).toBe('3');
    expect(await stat('upRate')).toBe('50%');
    expect(await stat('unansweredRate')).toBe('33.3%');
    expect(await stat('blocked')).toBe('1');
    await eventually(() => page.locator('[data-test=trend-chart] canvas').count()).toBe(1);
    expect(await page.locator('[data-test=top-questions]').textContent()).toContain(UNMATCHED);
    expect(desk.problems).toEqual([]);
  }, 60_000);

  it('answers an unanswered question from 待解决, and the student\'s open session gets the teacher\'s reply', async () => {
    const { desk, c } = course;
    const { page } = desk;
    await openFromMenu(page, 'unanswered');
    const group = page.locator('[data-test=group]', { hasText: UNMATCHED });
    await eventually(() => group.count()).toBe(1);
    await group.click();
    await eventually(() => page.locator('[data-test=examples] li').count()).toBeGreaterThan(0);
    await page.fill('[data-test=answer-title] input', '食堂开放时间');
    await page.fill('[data-test=markdown-input] textarea', '食堂**早上 6:30** 开门：\n\n1. 早餐 6:30–8:30\n2. 午餐 11:00–13:00');
    // The preview is the students' rendering: bold and a numbered list, no Markdown marks left.
    await eventually(() => page.locator('[data-test=markdown-preview] strong').textContent()).toBe('早上 6:30');
    expect(await page.locator('[data-test=markdown-preview] ol li').count()).toBe(2);
    await page.click('[data-test=answer-save]');
    await eventually(() => group.count()).toBe(0);
    const reply = await c.replyAfter(1);
    expect(reply.code).toBe(200);
    expect(reply.data.from).toBe('teacher');
    expect(reply.data.content).toContain('早上 6:30');
    expect(desk.problems).toEqual([]);
  }, 60_000);

  it('answers a 👎 group with an existing entry: the hit test suggests entries, the student gets the picked one, 已回答 lists it', async () => {
    const { server, desk, b, admin } = course;
    const { page } = desk;
    await page.goto(`${server.url}/console/unanswered`);
    const group = page.locator('[data-test=group]', { hasText: MATCHED });
    await eventually(() => group.count()).toBe(1);
    await group.click();
    await page.locator('[data-test=answer-mode] .t-radio-button', { hasText: '选用已有条目' }).click();
    // Before anything is typed, the hit test's ranking for the group's question is offered.
    const candidates = page.locator('[data-test=candidate]');
    await eventually(async () => (await candidates.first().textContent()) ?? '').toContain(BGP_TITLE);
    // The teacher searches for a better one instead, and sees it as the student will.
    await page.fill('[data-test=pick-search] input', 'Idle');
    // Enter in the search box sends nothing while no entry is picked (a 400 would be a problem below).
    await page.press('[data-test=pick-search] input', 'Enter');
    const idle = candidates.filter({ hasText: IDLE_TITLE });
    await idle.first().click();
    await eventually(() => page.locator('[data-test=entry-preview]').textContent()).toContain(IDLE_TITLE);
    await page.click('[data-test=answer-save]');
    await eventually(() => group.count()).toBe(0);
    const picked = (await admin<{ items: { title: string; body: string }[] }>('/admin/kb/entries?q=Idle')).items.find((e) => e.title === IDLE_TITLE)!;
    const reply = await b.replyAfter(1);
    expect([reply.code, reply.data.from, reply.data.content]).toEqual([200, 'teacher', picked.body]);
    // 已回答: both answered groups, each with the entry that answered it.
    await page.locator('[data-test=status] .t-radio-button', { hasText: '已回答' }).click();
    await eventually(() => page.locator('[data-test=group]').count()).toBe(2);
    await group.click();
    await eventually(() => page.locator('[data-test=entry-preview]').textContent()).toContain(IDLE_TITLE);
    expect(await page.locator('[data-test=answer-save]').count()).toBe(0);
    await page.keyboard.press('Escape');
    expect(desk.problems).toEqual([]);
  }, 60_000);

  it('ignores a group: it leaves 待处理 and is listed under 已忽略', async () => {
    const { server, desk } = course;
    const d = new Student(server.url, 'openid-student-d');
    expect(await d.ask(OFF_TOPIC)).toBe(200);
    expect((await d.replyAfter(0)).code).toBe(200);
    const { page } = desk;
    await page.goto(`${server.url}/console/unanswered`);
    const group = page.locator('[data-test=group]', { hasText: OFF_TOPIC });
    await eventually(() => group.count()).toBe(1);
    await group.click();
    await page.click('[data-test=ignore]');
    await page.locator('.t-popconfirm .t-button', { hasText: '确定' }).click();
    await eventually(() => group.count()).toBe(0);
    await page.locator('[data-test=status] .t-radio-button', { hasText: '已忽略' }).click();
    await eventually(() => group.count()).toBe(1);
    expect(await group.textContent()).toContain('已忽略');
    expect(desk.problems).toEqual([]);
  }, 60_000);

  it('finds a conversation by its text and shows it as the student saw it', async () => {
    const { desk, c } = course;
    const { page } = desk;
    await openFromMenu(page, 'conversations');
    await page.fill('[data-test=conversation-search] input', '食堂');
    await eventually(() => page.locator('[data-test=conversation-table] tbody tr').count()).toBe(1);
    await page.locator('[data-test=conversation-table] tbody tr').first().click();
    await page.waitForURL(new RegExp(`/console/conversations/${c.sessionId}`));
    const turns = page.locator('[data-test=turns] .turn');
    await eventually(() => turns.count()).toBeGreaterThanOrEqual(1);
    expect(await turns.first().locator('.user').textContent()).toBe(UNMATCHED);
    expect(await page.locator('[data-test=turns]').textContent()).toContain('教师回答');
    expect(desk.problems).toEqual([]);
  }, 60_000);
});
