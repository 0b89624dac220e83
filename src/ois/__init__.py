"""ois: officer-involved shooting news -> deduplicated, evidence-linked incident database."""

__version__ = "0.1.0"
