"""The Settings page's sections: one group of related settings per module."""
