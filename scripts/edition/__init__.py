"""Build code for the trilingual edition of resolution 78/311 and the texts around it.

Pipeline: sources (registry + text files) -> parsers (one per source kind, pure)
-> model (frozen dataclasses) -> editorial passes (emendations, links)
-> Markdown writer -> MkDocs. See ``edition.build``.
"""

__version__ = "0.1.0"
