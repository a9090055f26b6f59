"""Revalidation runs and their per-document results."""
