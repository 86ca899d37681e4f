/**
 * Validates docs/asyncapi.yaml with the AsyncAPI parser (the AsyncAPI specification's rules and the referenced
 * payload schemas): `npm run asyncapi:lint`. Exits non-zero on any error.
 */
import { fileURLToPath } from 'node:url';

import { DiagnosticSeverity, fromFile, Parser } from '@asyncapi/parser';

const path = fileURLToPath(new URL('../../docs/asyncapi.yaml', import.meta.url));
const { document, diagnostics } = await fromFile(new Parser(), path).parse();
const names = { [DiagnosticSeverity.Error]: 'error', [DiagnosticSeverity.Warning]: 'warning' };
for (const diagnostic of diagnostics) {
  const severity = names[diagnostic.severity];
  if (severity) {
    console.log(
      `${severity} ${diagnostic.code} at ${diagnostic.path.join('.') || '/'}: ${diagnostic.message}`,
    );
  }
}
const errors = diagnostics.filter((diagnostic) => diagnostic.severity === DiagnosticSeverity.Error);
if (!document || errors.length > 0) {
  console.log(`asyncapi: ${errors.length} error(s) in ${path}`);
  process.exit(1);
}
console.log(
  `asyncapi: ${path} is valid AsyncAPI ${document.version()}: ${document.channels().length} channels, ` +
    `${document.operations().length} operations, ${document.messages().length} messages`,
);
