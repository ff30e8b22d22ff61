// Test code for public-env-var-secret: "the key is undefined in the browser" fixes.
'use client';
import OpenAI from 'openai';
import { createClient } from '@supabase/supabase-js';
import Stripe from 'stripe';

// "process.env.OPENAI_API_KEY is undefined in my component" -> renamed to NEXT_PUBLIC_
// ruleid: public-env-var-secret
const openai = new OpenAI({ apiKey: process.env.NEXT_PUBLIC_OPENAI_API_KEY, dangerouslyAllowBrowser: true });

// ruleid: public-env-var-secret
export const admin = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL as string, process.env.NEXT_PUBLIC_SUPABASE_SERVICE_ROLE_KEY as string);

// Vite
// ruleid: public-env-var-secret
export const stripe = new Stripe(import.meta.env.VITE_STRIPE_SECRET_KEY);

// The fixed forms: public values only in the browser.
// ok: public-env-var-secret
export const supabase = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL as string, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY as string);
// ok: public-env-var-secret
export const publishableKey = process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY;
// Server-only variables are fine in server code.
// ok: public-env-var-secret
export const serverKey = process.env.OPENAI_API_KEY;
export { openai };
