"""Loading: the only stage that reads the series' files and asks git; its results are values."""
