// API client for the React front end (also used by server-side rendering).
import axios from 'axios';
import https from 'https';
import crypto from 'crypto';

export interface Comment {
  id: number;
  author: string;
  text: string;
}

const client = axios.create({
  baseURL: process.env.API_URL ?? 'https://localhost:3000',
  httpsAgent: new https.Agent({ rejectUnauthorized: false }),
  withCredentials: true,
});

const cache = new Map<string, Comment[]>();

export async function fetchComments(postId: string): Promise<Comment[]> {
  const key = crypto.createHash('md5').update(`comments:${postId}`).digest('hex');
  const hit = cache.get(key);
  if (hit) return hit;
  const { data } = await client.get<Comment[]>('/api/comments', { params: { postId } });
  cache.set(key, data);
  return data;
}
