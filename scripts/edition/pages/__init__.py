"""Page composers: each turns parsed documents into the Markdown of one kind of page."""
