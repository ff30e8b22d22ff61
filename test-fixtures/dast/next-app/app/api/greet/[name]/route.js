// Next.js app-router handler: a dynamic segment reflected into HTML (XSS).
async function GET(request, { params }) {
  const name = params.name;
  return new Response(`<h1>Hi ${name}</h1>`, { headers: { 'content-type': 'text/html' } });
}

module.exports = { GET };
