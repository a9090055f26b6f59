"""ui/widgets: reusable widgets shared by pages."""
