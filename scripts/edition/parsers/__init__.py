"""One pure parser per source kind: lines in, a :class:`edition.model.Document` out."""
