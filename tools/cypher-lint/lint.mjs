// Lint Cypher with Neo4j's own analyser (@neo4j-cypher/language-support), offline.
//
// stdin:  {"schema": {"labels": [...], "relationshipTypes": [...], "propertyKeys": [...]},
//          "queries": [{"name": "...", "text": "...", "parameters": {"rows": [], ...}}],
//          "builtins": true}
// stdout: {"results": [{"name": "...", "diagnostics": [{"severity", "message", "line", "column"}]}]}
//
// Severity 1 is an error, 2 a warning; line and column count from 1. Exit 0 whatever the
// diagnostics (the caller decides); 2 for unusable input, 1 if the analyser itself throws, with
// the reason on stderr. All queries are linted in this one process: the start is the slow part.
import { lintCypherQuery, testData } from '@neo4j-cypher/language-support';

// graphcrm targets Neo4j 5; without this the analyser would also pick Cypher 5, but say it.
const CYPHER_VERSION = 'CYPHER 5';

class InputError extends Error {}

function stringList(value, what) {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw new InputError(`${what} must be a list of strings`);
  }
  return value;
}

// Without a function and procedure catalogue the analyser accepts any function name, so
// LadybugDB's label(r), string_split or date_part would pass. The package ships the catalogue of
// a real Neo4j (its test data); keep Neo4j's built-in functions and the db/dbms/tx procedures,
// not APOC or GDS, which a plain Neo4j does not have.
function builtinCatalogue() {
  const mock = testData?.mockSchema;
  if (!mock?.functions?.[CYPHER_VERSION] || !mock?.procedures?.[CYPHER_VERSION]) {
    throw new Error('this version of @neo4j-cypher/language-support has no function catalogue '
      + '(testData.mockSchema); pass "builtins": false or pin the version in package.json');
  }
  const keep = (registry, wanted) => Object.fromEntries(
    Object.entries(registry).map(([version, entries]) => [
      version,
      Object.fromEntries(Object.entries(entries).filter(([name, entry]) => wanted(name, entry))),
    ]),
  );
  return {
    functions: keep(mock.functions, (_name, fn) => fn.isBuiltIn === true),
    procedures: keep(mock.procedures, (name) => /^(db|dbms|tx)\./.test(name)),
  };
}

function checkedQueries(queries) {
  if (!Array.isArray(queries)) throw new InputError('"queries" must be a list');
  const seen = new Set();
  return queries.map((query, i) => {
    const { name, text, parameters = {} } = query ?? {};
    if (typeof name !== 'string' || !name) throw new InputError(`queries[${i}] has no name`);
    if (seen.has(name)) throw new InputError(`query name ${name} appears twice`);
    seen.add(name);
    if (typeof text !== 'string') throw new InputError(`query ${name}: "text" must be a string`);
    if (parameters === null || typeof parameters !== 'object' || Array.isArray(parameters)) {
      throw new InputError(`query ${name}: "parameters" must be an object`);
    }
    return { name, text, parameters };
  });
}

function diagnosticOut(d) {
  return {
    severity: d.severity,
    message: d.message,
    line: (d.range?.start?.line ?? 0) + 1,
    column: (d.range?.start?.character ?? 0) + 1,
  };
}

async function main() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  let input;
  try {
    input = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch (e) {
    throw new InputError(`stdin is not one JSON document: ${e.message}`);
  }
  if (input === null || typeof input !== 'object') throw new InputError('stdin must hold a JSON object');
  const schema = input.schema ?? {};
  const base = {
    labels: stringList(schema.labels, 'schema.labels'),
    relationshipTypes: stringList(schema.relationshipTypes, 'schema.relationshipTypes'),
    propertyKeys: stringList(schema.propertyKeys, 'schema.propertyKeys'),
    defaultLanguage: CYPHER_VERSION,
    ...(input.builtins === false ? {} : builtinCatalogue()),
  };
  const queries = checkedQueries(input.queries);

  const results = queries.map(({ name, text, parameters }) => {
    let linted;
    try {
      // Every declared parameter must be a defined value: the analyser reports $p as
      // undefined when dbSchema.parameters[p] === undefined (null is fine).
      const declared = Object.fromEntries(Object.entries(parameters).map(([k, v]) => [k, v ?? null]));
      linted = lintCypherQuery(text, { ...base, parameters: declared });
    } catch (e) {
      throw new Error(`the analyser failed on query ${name}: ${e?.stack ?? e}`);
    }
    return { name, diagnostics: linted.diagnostics.map(diagnosticOut) };
  });
  process.stdout.write(JSON.stringify({ results }));
}

main().catch((e) => {
  process.stderr.write(`cypher-lint: ${e instanceof InputError ? e.message : e?.stack ?? e}\n`);
  // exitCode, not exit(): let stderr drain
  process.exitCode = e instanceof InputError ? 2 : 1;
});
