"""Writing Word documents: the review pack, the publication version and the tables only."""
