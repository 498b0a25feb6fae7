"""``python -m simverse.cli``."""

from simverse.cli import main

main()
