// Test code for cors-default-on-authenticated-app: a public read-only API without any auth is fine.
import express from 'express';
import cors from 'cors';

const app = express();
// ok: cors-default-on-authenticated-app
app.use(cors());
app.get('/api/weather', (req, res) => res.json({ temperature: 21 }));

export default app;
