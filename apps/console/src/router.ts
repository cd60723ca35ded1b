import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { readAdminToken } from './api/admin-token.js';
import { whenUnauthenticated } from './api/admin-fetch.js';

/** The pages in the side menu, in order; each is its own chunk, loaded when first opened. */
export const pages = [
  { name: 'overview', path: '/', component: () => import('./pages/OverviewPage.vue') },
  { name: 'unanswered', path: '/unanswered', component: () => import('./pages/UnansweredPage.vue') },
  { name: 'kb', path: '/kb', component: () => import('./pages/KnowledgePage.vue') },
  { name: 'conversations', path: '/conversations', component: () => import('./pages/ConversationsPage.vue') },
  { name: 'feedback', path: '/feedback', component: () => import('./pages/FeedbackPage.vue') },
  { name: 'moderation', path: '/moderation', component: () => import('./pages/ModerationPage.vue') },
] as const satisfies readonly RouteRecordRaw[];

/** A page's name in the router (and its key in the UI strings). */
export type PageName = (typeof pages)[number]['name'];

const routes: RouteRecordRaw[] = [
  { name: 'sign-in', path: '/sign-in', component: () => import('./pages/SignInPage.vue'), meta: { public: true } },
  ...pages,
  { name: 'conversation', path: '/conversations/:sessionId', component: () => import('./pages/ConversationPage.vue'), props: true },
  { path: '/:rest(.*)*', redirect: '/' },
];

/** The console's router, under the server's /console path. */
export const router = createRouter({ history: createWebHistory(import.meta.env.BASE_URL), routes });

// Every page but sign-in needs a token; a 401 from any call sends the teacher back to sign in.
router.beforeEach((to) => {
  if (!to.meta.public && !readAdminToken()) return { name: 'sign-in', query: to.fullPath === '/' ? {} : { next: to.fullPath } };
  return true;
});
whenUnauthenticated(() => {
  const current = router.currentRoute.value;
  if (current.name !== 'sign-in') void router.push({ name: 'sign-in', query: { next: current.fullPath, expired: '1' } });
});
