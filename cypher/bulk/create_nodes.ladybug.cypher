// Bulk-create new nodes from a DataFrame holding every column of the table, in order.
COPY {{label}} FROM $rows
