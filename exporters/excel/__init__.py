"""Excel: the tracker sendplan writes (write/) and the council's own trackers read into a plan (read/)."""
