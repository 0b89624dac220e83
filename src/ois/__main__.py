"""`python -m ois ...` runs the CLI (for environments where the `ois` script is not on PATH)."""

from ois.cli import app

app(prog_name="ois")
