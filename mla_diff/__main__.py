"""python -m mla_diff."""

from mla_diff.cli import main

if __name__ == "__main__":
    main()
