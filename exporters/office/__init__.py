"""Office files in general: checking a package before any parser opens it, OOXML helpers, column titles."""
