// Test code for stripe-live-secret-key: checkout routes as assistants write them.
import Stripe from 'stripe';
import express from 'express';

// "Add Stripe checkout to my Express app"
// ruleid: stripe-live-secret-key
const stripe = new Stripe('sk_live_6eCuNGMGmSrCGIZEG8pSH448', { apiVersion: '2024-06-20' });

const app = express();
app.post('/webhook', express.raw({ type: 'application/json' }), (req, res) => {
  // ruleid: stripe-live-secret-key
  const endpointSecret = 'whsec_08qzjI6GKFSufrdZSlB5er8bOfZqfM2o';
  const event = stripe.webhooks.constructEvent(req.body, req.get('stripe-signature') as string, endpointSecret);
  res.json({ received: event.type });
});

// ruleid: stripe-live-secret-key
export const reportingKey = "rk_live_7q7J58m1CiAhzCueQpBenQtYh5Xj8TPQxj";

// The fixed form.
// ok: stripe-live-secret-key
export const stripeFromEnv = new Stripe(process.env.STRIPE_SECRET_KEY as string);

// Test-mode keys and publishable keys are not live secrets.
// ok: stripe-live-secret-key
export const testStripe = new Stripe('sk_test_51HxYzTestKeyOnlyForDevelopment0000');
// ok: stripe-live-secret-key
export const publishable = 'pk_live_51HxYzPublishableKeyIsMeantForBrowsers';
