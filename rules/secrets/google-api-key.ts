// Test code for google-api-key: Gemini, Maps and OAuth set-ups as assistants write them.
import { GoogleGenerativeAI } from '@google/generative-ai';
import { OAuth2Client } from 'google-auth-library';
import { initializeApp } from 'firebase/app';

// "Call Gemini from my Next.js API route"
// ruleid: google-api-key
const genAI = new GoogleGenerativeAI('AIzaiHp6bR1IqfEouHgxzNNAL5wIScGebcy8F5n');

export async function geocode(address: string) {
  // ruleid: google-api-key
  const url = `https://maps.googleapis.com/maps/api/geocode/json?address=${encodeURIComponent(address)}&key=AIzaiHp6bR1IqfEouHgxzNNAL5wIScGebcy8F5m`;
  return (await fetch(url)).json();
}

export const oauth = new OAuth2Client({
  clientId: '1234567890-abc.apps.googleusercontent.com',
  // ruleid: google-api-key
  clientSecret: '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',
});

// The fixed form.
// ok: google-api-key
export const genAIFromEnv = new GoogleGenerativeAI(process.env.GEMINI_API_KEY as string);

// A Firebase web config: public by design.
export const app = initializeApp({
  // ok: google-api-key
  apiKey: 'AIzaiHp6bR1IqfEouHgxzNNAL5wIScGebcy8F5k',
  authDomain: 'my-app.firebaseapp.com',
  projectId: 'my-app',
  appId: '1:1234567890:web:abcdef',
});

// Placeholders.
// ok: google-api-key
export const placeholder = 'AIza-your-key-here';
export { genAI };
