import sys

from storyillus.cli import main

sys.exit(main())
