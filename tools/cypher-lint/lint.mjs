// Lint Cypher with Neo4j's own analyser (@neo4j-cypher/language-support), offline.
// stdin:  {"schema": {"labels": [...], "relationshipTypes": [...], "propertyKeys": [...]},
//          "queries": [{"name": "...", "text": "...", "parameters": {...}}]}
// stdout: {"results": [{"name": "...", "diagnostics": [{"severity", "message", "line", "column"}]}]}
// Severity 1 is an error, 2 a warning. Exit 0 whatever the diagnostics; non-zero only if the harness fails.
import { lintCypherQuery } from '@neo4j-cypher/language-support';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const input = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const base = input.schema ?? {};
const results = input.queries.map(({ name, text, parameters }) => {
  const schema = { ...base, parameters: parameters ?? {} };
  const { diagnostics } = lintCypherQuery(text, schema);
  return {
    name,
    diagnostics: diagnostics.map((d) => ({
      severity: d.severity,
      message: d.message,
      line: (d.range?.start?.line ?? 0) + 1,
      column: (d.range?.start?.character ?? 0) + 1,
    })),
  };
});
process.stdout.write(JSON.stringify({ results }));
