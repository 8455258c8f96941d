"""Inspection reports (PDF, Word or pasted text) read into a draft plan."""
