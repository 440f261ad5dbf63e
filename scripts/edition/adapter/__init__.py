"""The MkDocs adapter: the only code that imports MkDocs, its theme or its plugins.

The edition's core (loading, parsing, the model, the writer, the pages, the outputs) knows
nothing of MkDocs; this package hands its results to MkDocs through plugin events, in the
manner of mkdocs-static-i18n:

- :mod:`.plugin`: the ``edition`` plugin: configuration and navigation from the data
  (``on_config``), the generated pages as MkDocs files (``on_files``), the head of each page
  through the theme's ``site_meta`` block (``on_page_context``), the one HTML pass
  (:mod:`.markup`), and the search entries, open data, sitemap and robots.txt once every
  language is built (``on_post_build``);
- :mod:`.i18n`: mkdocs-static-i18n's plugin with its ``languages`` from the data;
- :mod:`.loading`: the loaded edition kept per process while its sources are unchanged
  (what ``mkdocs serve`` keeps warm between rebuilds).

Leaving Material or MkDocs one day means replacing this package, not the edition.
"""
