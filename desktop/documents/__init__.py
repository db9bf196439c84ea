"""Official documents: the data model, the fonts and the GB/T 9704-2012 PDF renderer."""
