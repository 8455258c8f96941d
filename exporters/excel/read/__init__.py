"""Reading Excel workbooks within fixed bounds, and a council's tracker into a new plan."""
