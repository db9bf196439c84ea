"""One module per navigation page; each defines ``Page(ctx, session, parent)``."""
