"""`python -m pipeline preview`: build the site, serve it on 127.0.0.1, rebuild what a change
touches and reload the open pages (server-sent events)."""
