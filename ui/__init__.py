"""Qt desktop front end of sendplan (installed as ``sendplan.ui``)."""
