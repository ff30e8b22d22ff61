// Test code for express-static-project-root: "serve my index.html" answers.
const express = require('express');
const path = require('path');

const app = express();

// "Serve index.html and the JS next to it"
// ruleid: express-static-project-root
app.use(express.static(__dirname));

// ruleid: express-static-project-root
app.use('/assets', express.static('.'));

// ruleid: express-static-project-root
app.use(express.static(process.cwd(), { index: 'index.html' }));

// ruleid: express-static-project-root
app.use(express.static(path.join(__dirname, '..')));

// The fixed form.
// ok: express-static-project-root
app.use(express.static(path.join(__dirname, 'public')));
// ok: express-static-project-root
app.use('/uploads', express.static(path.resolve(__dirname, 'uploads')));
// ok: express-static-project-root
app.use(express.static(__dirname + '/dist'));

module.exports = app;
