"""``python -m simverse``: the same command line as the ``simverse`` script, for a checkout
run with its own Python (``PYTHONPATH=. python -m simverse ...``) or an environment whose
scripts folder is not on the PATH."""

from simverse.cli import main

main()
