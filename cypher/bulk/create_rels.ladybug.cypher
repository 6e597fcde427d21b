// Bulk-create relationships from a DataFrame: from, to, then every property column in order.
COPY {{rel}} FROM $rows (from = '{{label_from}}', to = '{{label_to}}')
