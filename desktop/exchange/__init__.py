"""Projects that travel between ClaimDesk and other qualitative-analysis tools (REFI-QDA)."""
