// A stand-in for an AI assistant (there is none on these machines): after a line that is exactly
// "// suggest: search route", it offers one multi-line inline suggestion, as Copilot-style extensions do.
const vscode = require('vscode');

const SUGGESTION = [
  "router.get('/search', async (req, res) => {",
  "  const rows = await db.query(\"SELECT * FROM users WHERE name = '\" + req.query.name + \"'\");",
  '  res.json(rows);',
  '});',
].join('\n');

function activate(context) {
  context.subscriptions.push(
    vscode.languages.registerInlineCompletionItemProvider({ language: 'javascript' }, {
      provideInlineCompletionItems(document, position) {
        if (position.line === 0) return [];
        const previous = document.lineAt(position.line - 1).text.trim();
        const current = document.lineAt(position.line).text;
        // The user has started typing the suggestion (or nothing yet): offer the rest of it.
        if (previous !== '// suggest: search route' || !SUGGESTION.startsWith(current.trimStart())) return [];
        return [new vscode.InlineCompletionItem(SUGGESTION, new vscode.Range(position.line, 0, position.line, current.length))];
      },
    }),
  );
}

module.exports = { activate };
