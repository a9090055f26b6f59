"""The Incidents page: the register, one incident's timeline and links, and its actions."""
