"""Word and Excel writers and readers for sendplan plans (installed as ``sendplan.exporters``; no Qt)."""
