/**
 * The teacher's admin token, kept in sessionStorage: it lives as long as the browser tab, is not
 * shared with other tabs, and is gone once the tab closes (a shared lab computer keeps nothing).
 */
const KEY = 'mpchat.console.adminToken';

/** The token this tab signed in with, or null. */
export function readAdminToken(): string | null {
  return sessionStorage.getItem(KEY);
}

/** Keeps the token for the tab's lifetime. */
export function saveAdminToken(token: string): void {
  sessionStorage.setItem(KEY, token);
}

/** Sign-out: forgets the token. */
export function clearAdminToken(): void {
  sessionStorage.removeItem(KEY);
}
