"""Writing Excel workbooks safely: cells, limits, and the tracker."""
