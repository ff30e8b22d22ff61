// Test code for openai-api-key: chat endpoints as assistants scaffold them.
import OpenAI from 'openai';

// "Create a chat endpoint with the OpenAI SDK"
export const openai = new OpenAI({
  // ruleid: openai-api-key
  apiKey: 'sk-proj-I5aHUQPFeNBTxaQWk8JzFalHlsZfYcMMDktXP-tKsf2rcDkdT3BlbkFJfrUnW5gcF_Ha6ili8GjHEAD6-Wj9KfzjsQGMrb9h_ImB_LK7',
});

export async function complete(prompt: string) {
  const res = await fetch('https://api.openai.com/v1/chat/completions', {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      // ruleid: openai-api-key
      Authorization: 'Bearer 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',
    },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: prompt }] }),
  });
  return res.json();
}

// ruleid: openai-api-key
const OPENAI_KEY = "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";

// The fixed forms.
// ok: openai-api-key
export const openaiFromEnv = new OpenAI();
// ok: openai-api-key
export const explicitEnv = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });

// A placeholder.
// ok: openai-api-key
export const placeholder = 'sk-...your-key...';
export { OPENAI_KEY };
