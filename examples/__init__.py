"""Small, tested examples of simverse's plug-in points (see docs/plugins.md)."""
