"""Pure domain rules over plain data: no Qt, no SQL, no I/O.

Each rule cites the article it comes from: "FJ n" is the Fujian regulation
(2024), "MAS n" the Ma'anshan regulation (2005); see ``shared/domain.md``.
"""
