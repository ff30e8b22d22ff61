// Test code for auth-token-in-local-storage: login forms in React as assistants write them.
import axios from 'axios';

export async function login(email: string, password: string) {
  const { data } = await axios.post('/api/login', { email, password });
  // ruleid: auth-token-in-local-storage
  localStorage.setItem('token', data.token);
  // ruleid: auth-token-in-local-storage
  localStorage.setItem('refreshToken', data.refreshToken);
}

export function saveSession(jwt: string) {
  // ruleid: auth-token-in-local-storage
  window.sessionStorage.setItem('auth_token', jwt);
}

// The fixed form: the server sets an HttpOnly cookie; the client keeps only UI state.
export async function loginSafe(email: string, password: string) {
  await axios.post('/api/login', { email, password }, { withCredentials: true });
  // ok: auth-token-in-local-storage
  localStorage.setItem('lastEmail', email);
}

// Not credentials.
// ok: auth-token-in-local-storage
localStorage.setItem('theme', 'dark');
// ok: auth-token-in-local-storage
localStorage.setItem('tokenizerVersion', '2');
