"""Word: the documents sendplan writes (write/), Word plans read back (read/) and the plan embedded in them."""
