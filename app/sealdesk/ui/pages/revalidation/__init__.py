"""The Revalidation page: runs, results and the controls that start them."""
