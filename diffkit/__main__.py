"""`python -m diffkit` runs the command line."""

from .cli import main

main()
