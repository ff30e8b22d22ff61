/**
 * The extension manifest (package.json `contributes`, activation, trust) agrees
 * with the code: the server's settings type, the commands the client
 * registers, the settings that must be machine-scoped, the trust filter.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_SETTINGS } from '../../server/src/protocol/settings';
import { DEFAULT_CLIENT_SETTINGS, RESTRICTED_IN_UNTRUSTED, readClientSettings, restrictForTrust } from '../src/client-settings';

const root = path.resolve(__dirname, '../../..');
interface Property {
  type?: string;
  default?: unknown;
  scope?: string;
  markdownDescription?: string;
  description?: string;
}
interface Manifest {
  main: string;
  engines: { vscode: string };
  activationEvents: string[];
  capabilities: { untrustedWorkspaces: { supported: string | boolean; restrictedConfigurations: string[] } };
  contributes: {
    commands: { command: string; title: string; category: string }[];
    configuration: { properties: Record<string, Property> };
    keybindings: { command: string; key: string; when: string }[];
    menus: { commandPalette: { command: string; when: string }[] };
  };
  devDependencies: Record<string, string>;
}
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest;
const properties = manifest.contributes.configuration.properties;
const clientSources = fs
  .readdirSync(path.join(root, 'client/src'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => fs.readFileSync(path.join(root, 'client/src', f), 'utf8'))
  .join('\n');

/** `{a: {b: 1}}` → `[['a.b', 1]]`. */
function flatten(value: object, prefix = ''): [string, unknown][] {
  return Object.entries(value).flatMap(([key, inner]): [string, unknown][] =>
    typeof inner === 'object' && inner !== null && !Array.isArray(inner) ? flatten(inner as object, `${prefix}${key}.`) : [[`${prefix}${key}`, inner]],
  );
}

describe('extension manifest', () => {
  it('declares every server setting with the same default and a description', () => {
    for (const [key, value] of flatten(DEFAULT_SETTINGS)) {
      const property = properties[`vigil.${key}`];
      assert.ok(property, `vigil.${key} is contributed`);
      assert.deepEqual(property.default, value, `vigil.${key} default`);
      assert.ok((property.markdownDescription ?? property.description ?? '').length > 20, `vigil.${key} has a description`);
    }
  });

  it('declares every client setting with the default the client falls back to', () => {
    const flat = new Map(flatten(DEFAULT_CLIENT_SETTINGS));
    const keyOf: Record<string, string> = { codeLens: 'assistant.codeLens', decorations: 'assistant.decorations' };
    for (const [key, value] of flat) {
      const setting = `vigil.${keyOf[key] ?? key.replace(/^detection\./, 'assistant.detection.')}`;
      assert.deepEqual(properties[setting]?.default, value, setting);
    }
  });

  it('makes settings that name executables or network targets machine-scoped', () => {
    for (const key of ['vigil.semgrep.path', 'vigil.semgrep.timeoutMs', 'vigil.dast.baseUrl', 'vigil.dast.allowUnsafeMethods', 'vigil.dast.maxRequestsPerFinding']) {
      assert.equal(properties[key]?.scope, 'machine', key);
    }
  });

  it('declares limited support for untrusted workspaces, restricting what the client also filters', () => {
    const trust = manifest.capabilities.untrustedWorkspaces;
    assert.equal(trust.supported, 'limited');
    assert.deepEqual(trust.restrictedConfigurations.slice().sort(), RESTRICTED_IN_UNTRUSTED.map((k) => `vigil.${k}`).sort());
  });

  it('activates on JS/TS files (and its commands), never on `*`', () => {
    assert.ok(!manifest.activationEvents.includes('*'));
    for (const language of ['javascript', 'typescript', 'javascriptreact', 'typescriptreact']) assert.ok(manifest.activationEvents.includes(`onLanguage:${language}`));
  });

  it('registers every contributed command in the client, and the palette ones are in category Vigil', () => {
    for (const { command, category } of manifest.contributes.commands) {
      assert.equal(category, 'Vigil');
      assert.ok(clientSources.includes(`'${command}'`) || command === 'vigil.client.probeFinding', `${command} is registered in client/src`);
    }
    const hidden = new Set(manifest.contributes.menus.commandPalette.filter((m) => m.when === 'false').map((m) => m.command));
    assert.ok(hidden.has('vigil.inlineSuggest.commit'), 'internal commands stay out of the palette');
    assert.ok(!hidden.has('vigil.scanWorkspace'));
  });

  it('binds Tab to the wrapped inline-suggestion accept only while a suggestion is visible', () => {
    const tab = manifest.contributes.keybindings.find((k) => k.command === 'vigil.inlineSuggest.commit');
    assert.equal(tab?.key, 'tab');
    assert.match(tab?.when ?? '', /inlineSuggestionVisible/);
    assert.match(tab?.when ?? '', /!suggestWidgetVisible/);
  });

  it('targets VS Code ^1.91.0 with @types/vscode no newer than 1.100, and bundles to dist/extension.js', () => {
    assert.equal(manifest.engines.vscode, '^1.91.0');
    const types = /(\d+)\.(\d+)/.exec(manifest.devDependencies['@types/vscode'] ?? '');
    assert.ok(types && Number(types[1]) === 1 && Number(types[2]) <= 100);
    assert.equal(manifest.main, './dist/extension.js');
    const ignore = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8');
    for (const kept of ['!dist/extension.js', '!dist/server.js', '!dist/vendor-typescript.js', '!dist/vendor-estree.js', '!rules/**/*.yaml']) assert.ok(ignore.includes(kept), kept);
  });
});

describe('client settings and workspace trust', () => {
  it('drops rule folders and the semgrep path in an untrusted workspace, and keeps everything when trusted', () => {
    const raw = { scope: 'assistant', rules: { paths: ['./evil-rules'], bundled: true }, semgrep: { path: '/tmp/evil', timeoutMs: 5000 } };
    assert.deepEqual(restrictForTrust(raw, true), raw);
    const restricted = restrictForTrust(raw, false) as typeof raw;
    assert.deepEqual(restricted, { scope: 'assistant', rules: { bundled: true }, semgrep: { timeoutMs: 5000 } });
    assert.deepEqual(raw.rules.paths, ['./evil-rules'], 'the input is not modified');
    assert.equal(restrictForTrust(null, false), null);
  });

  it('reads client settings with defaults for missing or wrong values', () => {
    const values: Record<string, unknown> = { 'assistant.detection.minLines': 5, 'assistant.detection.minChars': 'lots', 'dast.baseUrl': ' http://127.0.0.1:4000 ' };
    const settings = readClientSettings((key) => values[key]);
    assert.equal(settings.detection.minLines, 5);
    assert.equal(settings.detection.minChars, DEFAULT_CLIENT_SETTINGS.detection.minChars);
    assert.equal(settings.dast.baseUrl, 'http://127.0.0.1:4000');
    assert.equal(settings.dast.allowUnsafeMethods, false);
  });
});
