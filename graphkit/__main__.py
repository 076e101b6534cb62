"""python -m graphkit"""

from graphkit.cli import main

main()
