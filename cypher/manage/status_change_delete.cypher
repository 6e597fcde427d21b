// Delete one status history entry (conversion undo removes the change the conversion made).
MATCH (c:StatusChange {id: $id})
DETACH DELETE c
