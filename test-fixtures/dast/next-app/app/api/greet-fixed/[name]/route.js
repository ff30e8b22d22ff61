// Next.js app-router handler: the fixed twin (escaped).
async function GET(request, { params }) {
  const name = String(params.name).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return new Response(`<h1>Hi ${name}</h1>`, { headers: { 'content-type': 'text/html' } });
}

module.exports = { GET };
