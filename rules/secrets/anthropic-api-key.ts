// Test code for anthropic-api-key: Claude calls as assistants scaffold them.
import Anthropic from '@anthropic-ai/sdk';

// "Call Claude from my Express route"
export const anthropic = new Anthropic({
  // ruleid: anthropic-api-key
  apiKey: 'sk-ant-api03-JoUD-_Ydua_5ZMs1SWOpQaPRYpzbLGViYXjU2JgJngKtFI3OyV2dZAkg05rK_gqv81RKMGHZEM9YpvujA-C5Q52ryFlwRAA',
});

export async function ask(prompt: string) {
  return fetch('https://api.anthropic.com/v1/messages', {
    method: 'POST',
    headers: {
      // ruleid: anthropic-api-key
      'x-api-key': "sk-ant-api03-JoUD-_Ydua_5ZMs1SWOpQaPRYpzbLGViYXjU2JgJngKtFI3OyV2dZAkg05rK_gqv81RKMGHZEM9YpvujA-C5Q52ryFlwRAB",
      'anthropic-version': '2023-06-01',
    },
    body: JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 512, messages: [{ role: 'user', content: prompt }] }),
  });
}

// ruleid: anthropic-api-key
export const ADMIN_KEY = `sk-ant-admin01-JoUD-_Ydua_5ZMs1SWOpQaPRYpzbLGViYXjU2JgJngKtFI3OyV2dZAkg05rK_gqv81RKMGHZEM9YpvujA-C5Q52ryFlwRAA`;

// The fixed forms.
// ok: anthropic-api-key
export const fromEnv = new Anthropic();
// ok: anthropic-api-key
export const explicitEnv = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });
// A placeholder.
// ok: anthropic-api-key
export const placeholder = 'sk-ant-api03-...';
