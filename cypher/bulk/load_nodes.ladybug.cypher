// Create a few nodes from an Arrow table whose columns are the properties prefixed "c_". For small
// loads: COPY into a large table costs 0.3-3 s whatever the row count, this ~20 ms.
LOAD FROM $rows
CREATE (n:{{label}} { {{props}} })
