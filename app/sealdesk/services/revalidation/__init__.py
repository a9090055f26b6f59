"""Re-proving seals: single verification, bulk runs, reports, schedule and LTV upkeep."""
