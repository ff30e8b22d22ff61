// Test code for llm-sdk-browser-api-key: "It looks like you're running in a browser-like environment" fixes.
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { useState } from 'react';

// ruleid: llm-sdk-browser-api-key
const openai = new OpenAI({ apiKey: import.meta.env.VITE_OPENAI_KEY, dangerouslyAllowBrowser: true });

const anthropic = new Anthropic({
  apiKey: localStorage.getItem('anthropicKey') ?? '',
  // ruleid: llm-sdk-browser-api-key
  dangerouslyAllowBrowser: true,
});

export function Chat() {
  const [answer, setAnswer] = useState('');
  async function ask(question: string) {
    // ruleid: llm-sdk-browser-api-key
    const client = new OpenAI({ apiKey: (window as any).OPENAI_KEY, dangerouslyAllowBrowser: true });
    const res = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] });
    setAnswer(res.choices[0].message.content ?? '');
  }
  return <button onClick={() => ask('hi')}>{answer || 'Ask'}</button>;
}

// The fixed form: the browser calls your own API route.
export async function askServer(question: string) {
  // ok: llm-sdk-browser-api-key
  const res = await fetch('/api/chat', { method: 'POST', body: JSON.stringify({ question }) });
  return res.json();
}
// Server code (app/api/chat/route.ts) uses the SDK without the flag.
// ok: llm-sdk-browser-api-key
export const serverClient = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });
// ok: llm-sdk-browser-api-key
export const explicitOff = new Anthropic({ dangerouslyAllowBrowser: false });
export { openai, anthropic };
