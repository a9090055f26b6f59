"""Who may do what: roles, checked where each action starts, and their administration."""
