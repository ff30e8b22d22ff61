// Test code for github-token: Octokit clients and fetch calls with a token pasted in.
import { Octokit } from '@octokit/rest';

// "List the issues of my repo with Octokit"
// ruleid: github-token
export const octokit = new Octokit({ auth: 'ghp_8rESQedUStPKR0CsTy4Qwb8DwkNhFdnXsiVp' });

export async function listRepos() {
  const res = await fetch('https://api.github.com/user/repos', {
    // ruleid: github-token
    headers: { Authorization: `Bearer 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` },
  });
  return res.json();
}

// ruleid: github-token
const GITHUB_OAUTH_TOKEN = "gho_zz63FfkCzJr4i0B3JrTAwR4y9ojfljoQoaF1";

// The fixed form.
// ok: github-token
export const octokitFromEnv = new Octokit({ auth: process.env.GITHUB_TOKEN });

// Placeholders and prefixes only.
// ok: github-token
export const placeholder = 'ghp_your_token_here';
// ok: github-token
export const prefixCheck = (t: string) => t.startsWith('ghp_') || t.startsWith('github_pat_');
export { GITHUB_OAUTH_TOKEN };
