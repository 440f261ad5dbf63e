"""The one Markdown writer: model in, Markdown (with ``attr_list`` and ``md_in_html``) out."""
