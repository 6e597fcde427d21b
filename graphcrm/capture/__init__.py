"""Lead capture: manual entry, web-to-lead forms and the intake API, one path into the graph.

Every captured record goes through the importer's ``prepare`` and ``GraphWriter`` (the same
normalisation, ids, identity nodes and revisions as a file import), is checked for duplicates
at the door, and leaves a ``Capture`` record saying how, by whom and from where it came.
"""
