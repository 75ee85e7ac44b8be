"""Entry point of the frozen application: the same `claimdesk` command as the installed one."""
import multiprocessing
import sys

from desktop.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # spaCy's n_process workers re-enter the frozen executable
    sys.exit(main())
