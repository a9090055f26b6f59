"""The console's own upkeep: dashboard, settings, demo mode, token discovery, TSA secret."""
