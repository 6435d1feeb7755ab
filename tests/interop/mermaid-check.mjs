// Parses a Mermaid diagram from standard input with Mermaid's own parser (in Node, on jsdom).
// Exit 0 and `ok <type>` when it parses; exit 1 and the parser's message when it does not.
// Installed by .ci/run into target/interop (npm install mermaid@11 jsdom@26).
import { JSDOM } from 'jsdom';
import fs from 'fs';
const dom = new JSDOM('<!DOCTYPE html><body></body>', { pretendToBeVisual: true });
globalThis.window = dom.window; globalThis.document = dom.window.document;
globalThis.DOMParser = dom.window.DOMParser; globalThis.Element = dom.window.Element;
const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false });
const text = fs.readFileSync(0, 'utf8');
try { const r = await mermaid.parse(text); console.log('ok', r.diagramType); process.exit(0); }
catch (e) { console.log('error', e.message || e); process.exit(1); }
