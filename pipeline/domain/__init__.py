"""Small pure helpers of the series' domain, shared by loading, checks and rendering."""
