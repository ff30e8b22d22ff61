// Test code for electron-insecure-web-preferences: "require is not defined in the renderer" fixes.
const { app, BrowserWindow } = require('electron');
const path = require('path');

function createWindow() {
  const win = new BrowserWindow({
    width: 1200,
    height: 800,
    webPreferences: {
      // ruleid: electron-insecure-web-preferences
      nodeIntegration: true,
      // ruleid: electron-insecure-web-preferences
      contextIsolation: false,
    },
  });
  win.loadFile('index.html');
}

function createPreview(url) {
  // ruleid: electron-insecure-web-preferences
  const preview = new BrowserWindow({ webPreferences: { webSecurity: false, preload: path.join(__dirname, 'preload.js') } });
  preview.loadURL(url);
}

// The fixed form: defaults plus a preload script with contextBridge.
function createSafeWindow() {
  const win = new BrowserWindow({
    webPreferences: {
      preload: path.join(__dirname, 'preload.js'),
      // ok: electron-insecure-web-preferences
      contextIsolation: true,
      // ok: electron-insecure-web-preferences
      nodeIntegration: false,
      // ok: electron-insecure-web-preferences
      sandbox: true,
    },
  });
  win.loadFile('index.html');
}

app.whenReady().then(() => { createWindow(); createPreview('https://example.com'); createSafeWindow(); });
