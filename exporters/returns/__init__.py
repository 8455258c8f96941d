"""Owners' update returns: Word and Excel returns written for each owner and read back as proposed changes."""
