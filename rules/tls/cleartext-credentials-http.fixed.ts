// Test code for cleartext-credentials-http: API clients that send credentials over plain HTTP.
import axios from 'axios';

const API_KEY = process.env.API_KEY as string;

// "Call our reporting API with the bearer token"
export async function getReports(token: string) {
  // ruleid: cleartext-credentials-http
  const res = await fetch('https://reports.example.com/api/v1/reports', {
    headers: { Authorization: `Bearer ${token}` },
  });
  return res.json();
}

// "Log in against the auth service"
export async function login(email: string, password: string) {
  // ruleid: cleartext-credentials-http
  const { data } = await axios.post('https://auth.example.com/login', { email, password });
  return data.token;
}

// ruleid: cleartext-credentials-http
export const legacy = axios.create({ baseURL: 'https://legacy-erp.example.com/api', auth: { username: 'svc', password: API_KEY } });

export async function postToken(body: string) {
  // ruleid: cleartext-credentials-http
  return fetch(`https://oauth.partner.example/token`, { method: 'POST', body: `grant_type=client_credentials&client_secret=${API_KEY}&${body}` });
}

// The fixed form.
export async function getReportsSafe(token: string) {
  // ok: cleartext-credentials-http
  const res = await fetch('https://reports.example.com/api/v1/reports', { headers: { Authorization: `Bearer ${token}` } });
  return res.json();
}

// Local development servers.
// ok: cleartext-credentials-http
export const local = () => fetch('http://localhost:3000/api/me', { headers: { Authorization: 'Bearer dev' } });

// Plain HTTP without credentials (a public status page).
// ok: cleartext-credentials-http
export const status = () => fetch('http://status.example.com/summary.json');
