"""The Qt desktop front end (installed as ``sendplan.ui``)."""
